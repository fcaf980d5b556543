import 'server-only';
import { isUtf8 } from 'node:buffer';
import type { ClusterConfig } from '@/lib/config/schema';
import type { RawRecord } from '@/lib/kafka/records';
import { readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import { readDeadLetter } from './read-dead-letter';
import type { DeadLetterEntry } from './summarize-dead-letters';

/**
 * Reads a dead-letter topic with Fetch only (no consumer group, nothing committed) and reads each
 * record's headers into its origin and error. Dead-letter topics are small next to the topics
 * they serve; past `MAX_DEAD_LETTERS` the oldest records are read and the answer says so.
 */

export const MAX_DEAD_LETTERS = 100_000;
const CHUNK = 5_000;

export interface ReadDeadLetter extends DeadLetterEntry {
  record: RawRecord;
}

export function keyText(key: Buffer | null): string | null {
  if (key === null) return null;
  return isUtf8(key) ? key.toString('utf8') : key.toString('hex');
}

export async function readDeadLetterTopic(
  cluster: ClusterConfig,
  topic: string,
  options: { signal?: AbortSignal; max?: number } = {},
): Promise<{ letters: ReadDeadLetter[]; truncated: boolean }> {
  const max = options.max ?? MAX_DEAD_LETTERS;
  const marks = await readWatermarks(cluster, topic);
  const mapping = cluster.deadLetters?.headerMapping;
  const letters: ReadDeadLetter[] = [];
  let truncated = false;
  for (const mark of marks) {
    let offset = mark.low;
    while (offset < mark.high) {
      if (options.signal?.aborted) return { letters, truncated: true };
      if (letters.length >= max) {
        truncated = true;
        break;
      }
      const limit = Math.min(CHUNK, Number(mark.high - offset), max - letters.length);
      const { records, nextOffset } = await readPartitionRange(cluster, {
        topic,
        partition: mark.partition,
        fromOffset: offset,
        limit,
        maxBytes: 4 * 1_048_576,
        signal: options.signal,
      });
      for (const record of records) {
        if (record.offset >= mark.high) break;
        letters.push({
          partition: record.partition,
          offset: record.offset,
          timestamp: record.timestamp,
          key: keyText(record.key),
          info: readDeadLetter(record.headers, { mapping }),
          record,
        });
      }
      if (nextOffset <= offset) break;
      offset = nextOffset;
    }
  }
  return { letters, truncated };
}
