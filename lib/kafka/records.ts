/**
 * Turning fetched record batches into records: offsets, timestamps, and the transactional
 * bookkeeping that a read_committed reader must do itself (the broker returns aborted records
 * together with the list of aborted transactions; the client drops them).
 * Pure: no client library, so it unit-tests without a broker.
 */

export const ATTR_COMPRESSION_MASK = 0x07;
export const ATTR_TIMESTAMP_LOG_APPEND = 0x08;
export const ATTR_TRANSACTIONAL = 0x10;
export const ATTR_CONTROL = 0x20;

export const compressionNames = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type CompressionName = (typeof compressionNames)[number];

export interface BatchRecord {
  timestampDelta: bigint;
  offsetDelta: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: [Buffer | null, Buffer | null][];
}

export interface RecordBatch {
  firstOffset: bigint;
  attributes: number;
  lastOffsetDelta: number;
  firstTimestamp: bigint;
  maxTimestamp: bigint;
  producerId: bigint;
  records: BatchRecord[];
}

export interface AbortedTransaction {
  producerId: bigint;
  firstOffset: bigint;
}

export interface RawRecord {
  partition: number;
  offset: bigint;
  timestamp: number;
  timestampType: 'create' | 'log-append';
  key: Buffer | null;
  value: Buffer | null;
  headers: { key: string; value: Buffer | null }[];
  compression: CompressionName;
  transactional: boolean;
}

/** Control records carry a key of (version int16, type int16): type 0 is ABORT, 1 is COMMIT. */
function isAbortMarker(batch: RecordBatch): boolean {
  const key = batch.records[0]?.key;
  return !!key && key.length >= 4 && key.readInt16BE(2) === 0;
}

/**
 * Flattens batches into records at or after `fromOffset`. With `abortedTransactions` given
 * (read_committed), records of aborted transactions are dropped as the Java consumer does:
 * a producer id is "aborted" from the first offset of its aborted transaction until its ABORT
 * marker.
 */
export function recordsFromBatches(
  partition: number,
  batches: readonly RecordBatch[],
  fromOffset: bigint,
  abortedTransactions?: readonly AbortedTransaction[],
): RawRecord[] {
  const out: RawRecord[] = [];
  const pendingAborts = abortedTransactions ? [...abortedTransactions].sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : 1)) : [];
  const abortedProducers = new Set<bigint>();
  for (const batch of batches) {
    const lastOffset = batch.firstOffset + BigInt(batch.lastOffsetDelta);
    if (abortedTransactions) {
      while (pendingAborts.length && pendingAborts[0]!.firstOffset <= lastOffset) abortedProducers.add(pendingAborts.shift()!.producerId);
    }
    const control = (batch.attributes & ATTR_CONTROL) !== 0;
    const transactional = (batch.attributes & ATTR_TRANSACTIONAL) !== 0;
    if (control) {
      if (abortedTransactions && isAbortMarker(batch)) abortedProducers.delete(batch.producerId);
      continue;
    }
    if (abortedTransactions && transactional && abortedProducers.has(batch.producerId)) continue;
    const logAppend = (batch.attributes & ATTR_TIMESTAMP_LOG_APPEND) !== 0;
    const compression = compressionNames[batch.attributes & ATTR_COMPRESSION_MASK] ?? 'none';
    for (const record of batch.records) {
      const offset = batch.firstOffset + BigInt(record.offsetDelta);
      if (offset < fromOffset) continue;
      out.push({
        partition,
        offset,
        timestamp: Number(logAppend ? batch.maxTimestamp : batch.firstTimestamp + record.timestampDelta),
        timestampType: logAppend ? 'log-append' : 'create',
        key: record.key,
        value: record.value,
        headers: record.headers.map(([k, v]) => ({ key: k ? k.toString('utf8') : '', value: v })),
        compression,
        transactional,
      });
    }
  }
  return out;
}
