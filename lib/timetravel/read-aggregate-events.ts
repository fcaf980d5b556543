import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { readPath } from '@/lib/fold-rules/apply-fold-rules';
import type { RawRecord } from '@/lib/kafka/records';
import { readRecordRange, readWatermarks } from '@/lib/kafka/reader';
import { capPartsDepth, createMessageDecoder } from '@/lib/serde/decode-message';
import { isPrintableUtf8 } from '@/lib/serde/plain';
import type { AggregateEvent } from './fold-step';
import type { StreamSpec } from './stream-spec';
import { createUpcaster } from './upcast-to-latest';

/**
 * Reads the events of one aggregate with Fetch only (no consumer group): the given partitions,
 * from their start (or a given offset) to their end (or a given offset), keeping the records whose
 * key (or header, or field) is the aggregate id, decoded and upcast. Yields progress as it goes.
 */

export type ScanItem =
  | { type: 'progress'; scanned: number; total: number; matched: number }
  /** The record as read, for a cache of the replay that decodes it again when its step is looked at. */
  | { type: 'event'; event: AggregateEvent; record: RawRecord };

export interface ScanOptions {
  partitions: number[];
  /** First offset to read per partition (inclusive); the log start otherwise. */
  fromOffset?: Map<number, bigint>;
  /** Last offset to read per partition (inclusive); the end of the log otherwise. */
  toOffset?: Map<number, bigint>;
  signal?: AbortSignal;
}

const PROGRESS_EVERY_MS = 200;

/** Each header's text as the message decoder shows it (null when not printable UTF-8); the last of a repeated key wins. */
function headerMap(headers: RawRecord['headers']): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const { key, value } of headers)
    out[key] = value !== null && isPrintableUtf8(value) ? value.toString('utf8') : null;
  return out;
}

/** Cheap pre-filter on the raw record; `undefined` means "decode to know" (id in a field). */
function rawMatch(spec: StreamSpec, record: RawRecord, idBytes: Buffer): boolean | undefined {
  const from = spec.aggregateIdFrom;
  if (from === 'key') return record.key !== null && record.key.equals(idBytes);
  if ('header' in from)
    return record.headers.some((h) => h.key === from.header && h.value !== null && h.value.equals(idBytes));
  return undefined;
}

/**
 * Decodes an event of the aggregate: its value as the message decoder decodes it (the same part,
 * capped at the same depth) and resolved to the latest schema, its key and header texts. Only the
 * value is decoded: the key and headers are read as text, and none of a message's display copies
 * (header hex, base64 bytes) is made, since a replay decodes every event of the aggregate.
 */
export function createAggregateEventDecoder(cluster: ClusterConfig, spec: StreamSpec) {
  const decoder = createMessageDecoder(cluster);
  const upcaster = createUpcaster(cluster);
  return async function decodeAggregateEvent(record: RawRecord): Promise<AggregateEvent> {
    const parts = capPartsDepth(await decoder.decodeParts(spec.topic, record, false), record);
    const part = parts.value;
    const { upcast, foldInput } = await upcaster.upcast(spec.topic, part, record.value);
    const headers = headerMap(record.headers);
    let eventType: string | null = null;
    const typeFrom = spec.eventTypeFrom;
    if (typeFrom === 'avro-record-name')
      eventType = part.format === 'avro' ? (part.recordName ?? null) : null;
    else if ('header' in typeFrom) eventType = headers[typeFrom.header] ?? null;
    else {
      const t = readPath(foldInput, typeFrom.field);
      eventType = typeof t === 'string' ? t : null;
    }
    const schema =
      part.format === 'avro' || part.format === 'json-schema' || part.format === 'protobuf'
        ? { id: part.schemaId, subject: part.subject ?? null, version: part.version ?? null }
        : part.format === 'error' && part.schemaId !== undefined
          ? { id: part.schemaId, subject: part.subject ?? null, version: part.version ?? null }
          : null;
    const value =
      part.format === 'text'
        ? part.text
        : part.format === 'binary'
          ? { hex: part.hex }
          : 'value' in part
            ? part.value
            : null;
    return {
      partition: record.partition,
      offset: record.offset,
      timestamp: record.timestamp,
      // A key decoded as text is its UTF-8 text; any other is shown as its UTF-8 text too.
      key: record.key ? record.key.toString('utf8') : null,
      headers,
      eventType,
      schema,
      value,
      upcast,
      decodeError: part.format === 'error' ? part.reason : null,
      foldInput,
    };
  };
}

export async function* scanAggregateEvents(
  cluster: ClusterConfig,
  spec: StreamSpec,
  topic: string,
  aggregateId: string,
  options: ScanOptions,
): AsyncGenerator<ScanItem> {
  const idBytes = Buffer.from(aggregateId, 'utf8');
  const decode = createAggregateEventDecoder(cluster, { ...spec, topic });
  const marks = await readWatermarks(cluster, topic);
  const ranges = options.partitions.map((p) => {
    const m = marks[p]!;
    const from = options.fromOffset?.get(p) ?? m.low;
    const toInclusive = options.toOffset?.get(p);
    const end = toInclusive !== undefined && toInclusive + 1n < m.high ? toInclusive + 1n : m.high;
    return { partition: p, from: from > m.low ? from : m.low, end };
  });
  const total = ranges.reduce((sum, r) => sum + Math.max(0, Number(r.end - r.from)), 0);
  let done = 0;
  let matched = 0;
  let lastProgress = 0;
  let lastScanned = 0;
  let lastMatched = 0;
  yield { type: 'progress', scanned: 0, total, matched };
  for (const range of ranges) {
    for await (const { records, nextOffset } of readRecordRange(cluster, {
      topic,
      partition: range.partition,
      from: range.from,
      end: range.end,
      signal: options.signal,
    })) {
      if (options.signal?.aborted) return;
      for (const record of records) {
        const quick = rawMatch(spec, record, idBytes);
        if (quick === false) continue;
        const event = await decode(record);
        if (quick === undefined) {
          const from = spec.aggregateIdFrom as { field: string };
          const id = readPath(event.foldInput, from.field);
          if (id === undefined || String(id) !== aggregateId) continue;
        }
        matched++;
        yield { type: 'event', event, record };
      }
      const now = Date.now();
      if (now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        lastScanned = done + Number(nextOffset - range.from);
        lastMatched = matched;
        yield { type: 'progress', scanned: lastScanned, total, matched };
      }
    }
    done += Math.max(0, Number(range.end - range.from));
  }
  if (lastScanned !== total || lastMatched !== matched)
    yield { type: 'progress', scanned: total, total, matched };
}
