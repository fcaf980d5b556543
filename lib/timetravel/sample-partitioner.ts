import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import type { RawRecord } from '@/lib/kafka/records';
import { readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import { judgePartitioner, type PartitionerEvidence } from './detect-partitioner';

/** Records read per partition, and partitions looked at: a few thousand records at most. */
const PER_PARTITION = 50;
const MAX_PARTITIONS = 64;

/**
 * Judges a topic's producer partitioner from the first keyed records of its partitions, read
 * with Fetch only. Null when the topic has a single partition (the partitioner cannot matter).
 */
export async function samplePartitioner(
  cluster: ClusterConfig,
  topic: string,
  signal?: AbortSignal,
): Promise<PartitionerEvidence | null> {
  const marks = await readWatermarks(cluster, topic);
  if (marks.length < 2) return null;
  const samples: { partition: number; key: Uint8Array }[] = [];
  const reads = marks.slice(0, MAX_PARTITIONS).map(async (m) => {
    if (m.high <= m.low) return;
    const { records } = await readPartitionRange(cluster, {
      topic,
      partition: m.partition,
      fromOffset: m.low,
      limit: PER_PARTITION,
      signal,
    });
    for (const r of records as RawRecord[])
      if (r.key !== null && r.key.length > 0) samples.push({ partition: m.partition, key: r.key });
  });
  await Promise.all(reads);
  return judgePartitioner(samples, marks.length);
}
