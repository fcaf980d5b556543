import { isDeepStrictEqual } from 'node:util';
import type { ClusterConfig } from '@/lib/config/schema';
import { readWatermarks } from '@/lib/kafka/reader';
import {
  createAggregateEventDecoder,
  scanAggregateEvents,
  type ScanItem,
  type ScanOptions,
} from './read-aggregate-events';
import type { StreamSpec } from './stream-spec';
import { indexTargets } from '@/lib/keyindex/indexer';
import { readOffsets } from '@/lib/keyindex/read-offsets';
import { existingKeyIndexStore } from '@/lib/keyindex/store';

/**
 * An aggregate's events through the key index: the offsets the index has for the id, read in
 * coalesced ranges, then a scan of only the part of each partition the index has not reached.
 * The answer is the one a full scan gives (integration/keyindex.test.ts compares them). Null when
 * the topic is not indexed the way the stream names its aggregates: the caller scans.
 */

export function indexCovers(cluster: ClusterConfig, spec: StreamSpec, topic: string): boolean {
  return indexTargets(cluster).some(
    (t) => t.topic === topic && isDeepStrictEqual(t.keyFrom, spec.aggregateIdFrom),
  );
}

export function readAggregateEventsIndexed(
  cluster: ClusterConfig,
  spec: StreamSpec,
  topic: string,
  aggregateId: string,
  options: ScanOptions,
): AsyncGenerator<ScanItem> | null {
  if (!indexCovers(cluster, spec, topic)) return null;
  const store = existingKeyIndexStore(cluster);
  if (!store) return null;
  return read();

  async function* read(): AsyncGenerator<ScanItem> {
    const idBytes = Buffer.from(aggregateId, 'utf8');
    const marks = new Map((await readWatermarks(cluster, topic)).map((m) => [m.partition, m]));
    const progress = new Map(store!.progress(topic).map((p) => [p.partition, p.nextOffset]));
    // Where the index stands per partition; beyond the end of the log it is stale (a recreated
    // topic), and that partition is scanned whole.
    const indexedTo = new Map<number, bigint>();
    for (const p of options.partitions) {
      const m = marks.get(p);
      const upTo = progress.get(p) ?? 0n;
      indexedTo.set(p, m && upTo <= m.high ? upTo : 0n);
    }
    const indexed = store!
      .lookup(topic, idBytes, { partitions: options.partitions, fromOffset: options.fromOffset })
      .filter((e) => {
        const to = options.toOffset?.get(e.partition);
        const low = marks.get(e.partition)?.low ?? 0n;
        return (
          e.offset < indexedTo.get(e.partition)! && e.offset >= low && (to === undefined || e.offset <= to)
        );
      });
    const decode = createAggregateEventDecoder(cluster, { ...spec, topic });
    // indexCovers() let only ids from the key or a header through.
    const from = spec.aggregateIdFrom as 'key' | { header: string };
    let matched = 0;
    for (const partition of options.partitions) {
      const offsets = indexed.filter((e) => e.partition === partition).map((e) => e.offset);
      for await (const record of readOffsets(cluster, {
        topic,
        partition,
        offsets,
        signal: options.signal,
      })) {
        // The key is checked again: the index is a cache and never the last word.
        const id = from === 'key' ? record.key : record.headers.find((h) => h.key === from.header)?.value;
        if (!id || !id.equals(idBytes)) continue;
        matched++;
        yield { type: 'event', event: await decode(record), record };
      }
      if (options.signal?.aborted) return;
    }
    const indexedCount = indexed.length;
    // The tail the index has not reached yet, scanned as before.
    const tailFrom = new Map<number, bigint>();
    for (const p of options.partitions) {
      const from = options.fromOffset?.get(p);
      const upTo = indexedTo.get(p)!;
      tailFrom.set(p, from !== undefined && from > upTo ? from : upTo);
    }
    for await (const item of scanAggregateEvents(cluster, spec, topic, aggregateId, {
      ...options,
      fromOffset: tailFrom,
    })) {
      if (item.type === 'progress')
        yield {
          type: 'progress',
          scanned: indexedCount + item.scanned,
          total: indexedCount + item.total,
          matched: matched + item.matched,
        };
      else yield item;
    }
  }
}

/** The aggregate's events through the index when it covers the topic, by a scan otherwise. */
export function readAggregateEvents(
  cluster: ClusterConfig,
  spec: StreamSpec,
  topic: string,
  aggregateId: string,
  options: ScanOptions,
): AsyncGenerator<ScanItem> {
  return (
    readAggregateEventsIndexed(cluster, spec, topic, aggregateId, options) ??
    scanAggregateEvents(cluster, spec, topic, aggregateId, options)
  );
}
