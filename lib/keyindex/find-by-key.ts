import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { readWatermarks } from '@/lib/kafka/reader';
import { createMessageDecoder } from '@/lib/serde/decode-message';
import type { KeyLookupPage } from '@/lib/schemas/keyindex';
import type { DecodedMessage } from '@/lib/serde/types';
import { readOffsets } from './read-offsets';
import { existingKeyIndexStore } from './store';

/**
 * Find by key through the index: the messages of one record key across all partitions of a
 * topic, a page at a time (partition, then offset), read with Fetch in coalesced ranges and
 * decoded as the message browser decodes. What the index has not reached yet is counted, not
 * read: the scanning search covers it.
 */

export async function findByKey(
  cluster: ClusterConfig,
  query: { topic: string; key: string; after?: string; limit: number },
  signal?: AbortSignal,
): Promise<KeyLookupPage> {
  const started = Date.now();
  const store = existingKeyIndexStore(cluster);
  const progress = store?.progress(query.topic) ?? [];
  const empty = {
    topic: query.topic,
    key: query.key,
    messages: [],
    nextAfter: null,
    total: 0,
    notIndexed: 0,
  };
  if (!store || progress.length === 0) return { ...empty, indexed: false, elapsedMs: Date.now() - started };
  const marks = await readWatermarks(cluster, query.topic);
  const keyBytes = Buffer.from(query.key, 'utf8');
  const [p, o] = query.after ? query.after.split(':') : [];
  const after = p !== undefined && o !== undefined ? { partition: Number(p), offset: BigInt(o) } : undefined;
  const low = new Map(marks.map((m) => [m.partition, m.low]));
  // Offsets below the log start were removed by retention since they were indexed.
  const page = store
    .lookup(query.topic, keyBytes, { after, limit: query.limit + 1 })
    .filter((e) => e.offset >= (low.get(e.partition) ?? 0n));
  const more = page.length > query.limit;
  const shown = more ? page.slice(0, query.limit) : page;
  const decoder = createMessageDecoder(cluster);
  const messages: DecodedMessage[] = [];
  for (const partition of [...new Set(shown.map((e) => e.partition))]) {
    const offsets = shown.filter((e) => e.partition === partition).map((e) => e.offset);
    for await (const record of readOffsets(cluster, { topic: query.topic, partition, offsets, signal })) {
      if (record.key?.equals(keyBytes)) messages.push(await decoder.decode(query.topic, record));
    }
  }
  const last = shown.at(-1);
  const indexedTo = new Map(progress.map((x) => [x.partition, x.nextOffset]));
  const notIndexed = marks.reduce(
    (sum, m) => sum + Math.max(0, Number(m.high - (indexedTo.get(m.partition) ?? m.low))),
    0,
  );
  return {
    topic: query.topic,
    key: query.key,
    indexed: true,
    messages,
    nextAfter: more && last ? `${last.partition}:${last.offset}` : null,
    total: store.countKey(query.topic, keyBytes),
    notIndexed,
    elapsedMs: Date.now() - started,
  };
}
