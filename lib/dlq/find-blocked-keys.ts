import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { readPartitionRange, readWatermarks, type PartitionWatermarks } from '@/lib/kafka/reader';
import type { BlockedKeys } from '@/lib/schemas/dlq';
import { BlockedKeyCounter } from './blocked-keys';
import { keyText, readDeadLetterTopic } from './read-dead-letter-topic';

/** Past this many records per origin partition the answer is partial (and says so). */
const MAX_SCAN_PER_PARTITION = 2_000_000;
const CHUNK = 5_000;

/**
 * For each dead-lettered key, the later events of the same key in its origin partition (read
 * with Fetch only, from just after the earliest failure) and how many of them are dead letters.
 */
export async function findBlockedKeys(
  cluster: ClusterConfig,
  topic: string,
  signal?: AbortSignal,
): Promise<BlockedKeys> {
  const { letters } = await readDeadLetterTopic(cluster, topic, { signal });
  const counter = new BlockedKeyCounter(letters);
  const marks = new Map<string, PartitionWatermarks[] | null>();
  let scanned = 0;
  let truncated = false;
  for (const range of counter.ranges()) {
    if (!marks.has(range.topic)) {
      try {
        marks.set(range.topic, await readWatermarks(cluster, range.topic));
      } catch (error) {
        if (error instanceof AppError && error.code === 'UNKNOWN_TOPIC') marks.set(range.topic, null);
        else throw error;
      }
    }
    const mark = marks.get(range.topic)?.[range.partition];
    if (!mark) continue;
    let offset = range.from > mark.low ? range.from : mark.low;
    const end =
      offset + BigInt(MAX_SCAN_PER_PARTITION) < mark.high
        ? offset + BigInt(MAX_SCAN_PER_PARTITION)
        : mark.high;
    if (end < mark.high) truncated = true;
    while (offset < end) {
      if (signal?.aborted) throw new AppError('TIMEOUT', 'the request was cancelled');
      const limit = Math.min(CHUNK, Number(end - offset));
      const { records, nextOffset } = await readPartitionRange(cluster, {
        topic: range.topic,
        partition: range.partition,
        fromOffset: offset,
        limit,
        maxBytes: 4 * 1_048_576,
        signal,
      });
      for (const r of records) {
        if (r.offset >= end) break;
        scanned++;
        counter.observe(range.topic, range.partition, keyText(r.key), r.offset);
      }
      if (nextOffset <= offset) break;
      offset = nextOffset;
    }
  }
  const missingOrigins = [...marks].filter(([, m]) => m === null).map(([t]) => t);
  return { keys: counter.result(), checkedKeys: counter.checkedKeys, scanned, truncated, missingOrigins };
}
