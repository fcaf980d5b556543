import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { readPartitionRange } from '@/lib/kafka/reader';

/** Partitions whose lag is turned into time per answer: two one-record reads each. */
const MAX_PARTITIONS = 64;
/** How far below the end to look for the newest data record (transaction markers take offsets). */
const TAIL_WINDOW = 8n;

export interface LagPosition {
  topic: string;
  partition: number;
  committed: bigint | null;
  low: bigint;
  high: bigint;
}

/**
 * How far behind a group is in time on each lagging partition: the timestamp of the newest record
 * minus that of the first record the group has not processed (the one at its committed offset).
 * Both are read with Fetch through the one reader; no consumer group is joined and nothing is
 * committed. Null where there is no lag, nothing committed, or either record cannot be read.
 */
export async function readLagTimes(
  cluster: ClusterConfig,
  positions: readonly LagPosition[],
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  const lagging = positions
    .filter((p) => p.committed !== null && p.committed < p.high)
    .slice(0, MAX_PARTITIONS);
  await Promise.all(
    lagging.map(async (p) => {
      const from = p.committed! < p.low ? p.low : p.committed!;
      try {
        const [first, tail] = await Promise.all([
          readPartitionRange(cluster, { topic: p.topic, partition: p.partition, fromOffset: from, limit: 1 }),
          readPartitionRange(cluster, {
            topic: p.topic,
            partition: p.partition,
            fromOffset: p.high - TAIL_WINDOW > from ? p.high - TAIL_WINDOW : from,
            limit: Number(TAIL_WINDOW),
          }),
        ]);
        const oldest = first.records[0];
        const newest = tail.records.at(-1);
        out.set(
          `${p.topic}:${p.partition}`,
          oldest && newest ? Math.max(0, newest.timestamp - oldest.timestamp) : null,
        );
      } catch {
        // The figure is an extra: a partition that cannot be read keeps its count without a time.
        out.set(`${p.topic}:${p.partition}`, null);
      }
    }),
  );
  return out;
}
