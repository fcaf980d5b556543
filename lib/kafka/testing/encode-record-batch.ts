import zlib from 'node:zlib';
import { ATTR_CONTROL, ATTR_TIMESTAMP_LOG_APPEND, ATTR_TRANSACTIONAL } from '../records';

/**
 * Writes record batches (magic 2) as a broker sends them, for the parser's tests. The CRC is
 * left zero: the parser, like the Java consumer with check.crcs off, does not verify it.
 */

export interface TestRecord {
  key?: Buffer | null;
  value?: Buffer | null;
  headers?: [string, Buffer | null][];
  timestampDelta?: number;
}

export interface TestBatch {
  baseOffset: bigint;
  records: TestRecord[];
  firstTimestamp?: number;
  maxTimestamp?: number;
  producerId?: bigint;
  transactional?: boolean;
  control?: boolean;
  logAppendTime?: boolean;
  /** 0 none, 1 gzip (the codec the tests can write without the client library). */
  codec?: 0 | 1;
}

export function zigzagVarint(n: number): number[] {
  let v = n >= 0 ? n * 2 : -n * 2 - 1;
  const out: number[] = [];
  do {
    let b = v % 128;
    v = Math.floor(v / 128);
    if (v > 0) b |= 0x80;
    out.push(b);
  } while (v > 0);
  return out;
}

function bytesField(b: Buffer | null | undefined): Buffer {
  if (b === null || b === undefined) return Buffer.from(zigzagVarint(-1));
  return Buffer.concat([Buffer.from(zigzagVarint(b.length)), b]);
}

function encodeRecord(r: TestRecord, offsetDelta: number): Buffer {
  const headers = r.headers ?? [];
  const body = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(zigzagVarint(r.timestampDelta ?? offsetDelta)),
    Buffer.from(zigzagVarint(offsetDelta)),
    bytesField(r.key),
    bytesField(r.value),
    Buffer.from(zigzagVarint(headers.length)),
    ...headers.flatMap(([k, v]) => [bytesField(Buffer.from(k)), bytesField(v)]),
  ]);
  return Buffer.concat([Buffer.from(zigzagVarint(body.length)), body]);
}

export function encodeBatch(batch: TestBatch): Buffer {
  let records = Buffer.concat(batch.records.map((r, i) => encodeRecord(r, i)));
  if (batch.codec === 1) records = zlib.gzipSync(records);
  const header = Buffer.alloc(61);
  const firstTimestamp = batch.firstTimestamp ?? 1_700_000_000_000;
  header.writeBigInt64BE(batch.baseOffset, 0);
  header.writeInt32BE(49 + records.length, 8);
  header.writeInt32BE(0, 12); // partition leader epoch
  header.writeInt8(2, 16);
  const attributes =
    (batch.codec ?? 0) |
    (batch.logAppendTime ? ATTR_TIMESTAMP_LOG_APPEND : 0) |
    (batch.transactional ? ATTR_TRANSACTIONAL : 0) |
    (batch.control ? ATTR_CONTROL : 0);
  header.writeInt16BE(attributes, 21);
  header.writeInt32BE(Math.max(batch.records.length - 1, 0), 23);
  header.writeBigInt64BE(BigInt(firstTimestamp), 27);
  header.writeBigInt64BE(
    BigInt(batch.maxTimestamp ?? firstTimestamp + Math.max(batch.records.length - 1, 0)),
    35,
  );
  header.writeBigInt64BE(batch.producerId ?? -1n, 43);
  header.writeInt16BE(0, 51); // producer epoch
  header.writeInt32BE(0, 53); // base sequence
  header.writeInt32BE(batch.records.length, 57);
  return Buffer.concat([header, records]);
}

/** A control batch holding one marker: key (version 0, type 0 ABORT or 1 COMMIT). */
export function encodeMarker(offset: bigint, producerId: bigint, type: 0 | 1): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(type, 2);
  return encodeBatch({
    baseOffset: offset,
    producerId,
    transactional: true,
    control: true,
    records: [{ key, value: Buffer.alloc(6) }],
  });
}
