import type { ClusterConfig } from '@/lib/config/schema';
import type { RawRecord } from '@/lib/kafka/records';
import { fetchRecordChunk } from '@/lib/kafka/reader';

/**
 * The records at given offsets of one partition, in offset order, with as few Fetches as the
 * batches allow: each Fetch starts at the first wanted offset not yet read, and every wanted
 * offset inside what it returned (whole batches, up to `maxBytes`) is taken from that one answer,
 * so offsets that share a batch cost one round trip, and offsets far apart never read what lies
 * between them.
 */
export async function* readOffsets(
  cluster: ClusterConfig,
  options: { topic: string; partition: number; offsets: bigint[]; maxBytes?: number; signal?: AbortSignal },
): AsyncGenerator<RawRecord> {
  const offsets = options.offsets;
  const wanted = new Set(offsets);
  let i = 0;
  while (i < offsets.length && !options.signal?.aborted) {
    const from = offsets[i]!;
    const chunk = await fetchRecordChunk(cluster, {
      topic: options.topic,
      partition: options.partition,
      fromOffset: from,
      maxBytes: options.maxBytes ?? 1_048_576,
    });
    for (const record of chunk.records) if (wanted.has(record.offset) && record.offset >= from) yield record;
    // No progress (the end of what is readable): the offsets left are not there to read.
    if (chunk.nextOffset <= from) return;
    while (i < offsets.length && offsets[i]! < chunk.nextOffset) i++;
  }
}
