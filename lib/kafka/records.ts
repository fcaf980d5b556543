import { AppError } from '@/lib/errors/app-error';
import { decompressBatch } from './decompress-batch';
import { DecompressionLimitError } from './decompression-limit';

/**
 * The one record-batch parser: the bytes of a Fetch response's partition, turned into records
 * (offsets, timestamps, keys, values, headers), with the transactional bookkeeping a
 * read_committed reader must do itself (the broker returns aborted records together with the
 * list of aborted transactions; the reader drops them, as the Java consumer does). Every feature
 * reads through it (lib/kafka/reader.ts).
 *
 * The client library would turn every record into objects (64-bit timestamps as BigInt, header
 * pairs, a growable-buffer reader per varint), which costs more than the Avro decoding that
 * follows; here keys, values and header values stay views into the response bytes.
 *
 * Free of Next.js and of the network, so it unit-tests and fuzzes without a broker. Whatever the
 * bytes, it either returns records or throws an AppError (DECODE_FAILED) that names the batch.
 */

export const ATTR_COMPRESSION_MASK = 0x07;
export const ATTR_TIMESTAMP_LOG_APPEND = 0x08;
export const ATTR_TRANSACTIONAL = 0x10;
export const ATTR_CONTROL = 0x20;

export const compressionNames = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type CompressionName = (typeof compressionNames)[number];

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

type Header = RawRecord['headers'][number];

/**
 * A record as parsed from a batch: the value and the headers are sliced from the batch bytes
 * only when first read, so a scan that decides on the key, offset or time (or drops most
 * records) allocates neither. The bytes were bounds-checked when the record was parsed.
 */
class BatchRecord implements RawRecord {
  #data: Buffer;
  #valueStart: number;
  #valueEnd: number;
  #headersAt: number;
  #headerCount: number;
  #names: HeaderNames;
  #value: Buffer | null | undefined = undefined;
  #headers: Header[] | undefined = undefined;

  constructor(
    readonly partition: number,
    readonly offset: bigint,
    readonly timestamp: number,
    readonly timestampType: 'create' | 'log-append',
    readonly key: Buffer | null,
    readonly compression: CompressionName,
    readonly transactional: boolean,
    data: Buffer,
    valueStart: number,
    valueEnd: number,
    headersAt: number,
    headerCount: number,
    names: HeaderNames,
  ) {
    this.#data = data;
    this.#valueStart = valueStart;
    this.#valueEnd = valueEnd;
    this.#headersAt = headersAt;
    this.#headerCount = headerCount;
    this.#names = names;
  }

  get value(): Buffer | null {
    if (this.#value === undefined)
      this.#value = this.#valueStart < 0 ? null : this.#data.subarray(this.#valueStart, this.#valueEnd);
    return this.#value;
  }

  get headers(): Header[] {
    if (this.#headers === undefined) {
      const headers: Header[] = new Array(this.#headerCount);
      const data = this.#data;
      let p = this.#headersAt;
      for (let h = 0; h < this.#headerCount; h++) {
        let length: number;
        [length, p] = readZigzag(data, p);
        const name = this.#names.name(data, p, length);
        p += length;
        [length, p] = readZigzag(data, p);
        headers[h] = { key: name, value: length < 0 ? null : data.subarray(p, p + length) };
        if (length > 0) p += length;
      }
      this.#headers = headers;
    }
    return this.#headers;
  }

  /** What tests and logs see: the record as plain data. */
  toJSON(): RawRecord {
    const { partition, offset, timestamp, timestampType, key, value, headers, compression, transactional } =
      this;
    return { partition, offset, timestamp, timestampType, key, value, headers, compression, transactional };
  }
}

/** A zigzag varint at `p` of bytes already bounds-checked by the parser: [value, next position]. */
function readZigzag(data: Buffer, p: number): [number, number] {
  let result = 0;
  let shift = 0;
  let b: number;
  do {
    b = data[p++]!;
    result |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80 && shift < 35);
  return [(result >>> 1) ^ -(result & 1), p];
}

/** Header names repeat on every record: each distinct name is decoded once per response. */
class HeaderNames {
  private readonly known: { bytes: Buffer; name: string }[] = [];
  name(buf: Buffer, start: number, length: number): string {
    search: for (const known of this.known) {
      if (known.bytes.length !== length) continue;
      for (let i = 0; i < length; i++) if (known.bytes[i] !== buf[start + i]) continue search;
      return known.name;
    }
    const name = buf.toString('utf8', start, start + length);
    if (this.known.length < 64)
      this.known.push({ bytes: Buffer.from(buf.subarray(start, start + length)), name });
    return name;
  }
}

export interface ParsedBatches {
  records: RawRecord[];
  /** Where the next read starts: after the last complete batch (or fromOffset when there was none). */
  nextOffset: bigint;
}

/** Size of a magic-2 batch header: base offset (8) and length (4), then 49 bytes the length counts. */
const BATCH_HEADER = 61;
/** What the length field of a batch covers at least (everything after it up to the records). */
const MIN_BATCH_LENGTH = BATCH_HEADER - 12;

/**
 * The aborted-transaction filter of read_committed: a producer is "aborted" from the first offset
 * of one of its aborted transactions (as the broker lists them) until its ABORT control marker.
 */
export class AbortedTransactionFilter {
  private readonly pending: AbortedTransaction[];
  private readonly aborted = new Set<bigint>();

  constructor(abortedTransactions: readonly AbortedTransaction[]) {
    this.pending = [...abortedTransactions].sort((a, b) =>
      a.firstOffset < b.firstOffset ? -1 : a.firstOffset > b.firstOffset ? 1 : 0,
    );
  }

  /** Called for every batch in offset order, before asking about it. */
  advanceTo(lastOffset: bigint): void {
    while (this.pending.length && this.pending[0]!.firstOffset <= lastOffset)
      this.aborted.add(this.pending.shift()!.producerId);
  }

  isAborted(producerId: bigint): boolean {
    return this.aborted.has(producerId);
  }

  /** An ABORT marker of this producer ends its aborted transaction. */
  abortEnded(producerId: bigint): void {
    this.aborted.delete(producerId);
  }
}

/** A length or count that runs past the bytes of its batch. */
class TruncatedBatch extends Error {}

/**
 * Parses the record batches (magic 2) in `bytes`, keeping records at or after `fromOffset`.
 * With `abortedTransactions` (read_committed) records of aborted transactions are dropped;
 * control records are never returned. A partial batch at the end (the broker cuts responses at
 * a byte limit) is left for the next read; older message formats (magic 0 and 1) are stepped over.
 */
export function parseRecordBatches(
  partition: number,
  bytes: Buffer,
  fromOffset: bigint,
  abortedTransactions: readonly AbortedTransaction[] | undefined,
): ParsedBatches {
  const out: RawRecord[] = [];
  const aborts = abortedTransactions ? new AbortedTransactionFilter(abortedTransactions) : undefined;
  let nextOffset = fromOffset;
  let pos = 0;
  // Cursor over the current records area (the response bytes, or a decompressed batch).
  let data = bytes;
  let p = 0;
  // The end of the current records area: counts and lengths read from the bytes are trusted
  // only as far as the bytes go, so a corrupt or hostile batch cannot make the parser allocate
  // or loop beyond what it was sent.
  let dataEnd = bytes.length;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    let b: number;
    do {
      if (p >= dataEnd) throw new TruncatedBatch();
      b = data[p++]!;
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80 && shift < 35);
    return (result >>> 1) ^ -(result & 1);
  };
  const varlong = (): number => {
    let result = 0;
    let mul = 1;
    let b: number;
    do {
      if (p >= dataEnd) throw new TruncatedBatch();
      b = data[p++]!;
      result += (b & 0x7f) * mul;
      mul *= 128;
    } while (b & 0x80 && mul < 2 ** 70);
    return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
  };
  const names = new HeaderNames();
  const bytesOrNull = (): Buffer | null => {
    const length = varint();
    if (length < 0) return null;
    if (length > dataEnd - p) throw new TruncatedBatch();
    const slice = data.subarray(p, p + length);
    p += length;
    return slice;
  };

  while (bytes.length - pos >= 12) {
    const baseOffset = bytes.readBigInt64BE(pos);
    const batchLength = bytes.readInt32BE(pos + 8);
    const end = pos + 12 + batchLength;
    if (end > bytes.length) break; // a partial batch at the end of the response
    if (batchLength < MIN_BATCH_LENGTH) {
      const magic = batchLength >= 5 ? bytes.readInt8(pos + 16) : -1;
      // A legacy message (magic 0 or 1) can be this short; anything else is not a batch.
      if ((magic === 0 || magic === 1) && batchLength >= 14) {
        if (baseOffset + 1n > nextOffset) nextOffset = baseOffset + 1n;
        pos = end;
        continue;
      }
      throw new AppError(
        'DECODE_FAILED',
        `the data at offset ${baseOffset} of partition ${partition} is not a record batch (length ${batchLength})`,
      );
    }
    const magic = bytes.readInt8(pos + 16);
    const attributes = bytes.readInt16BE(pos + 21);
    const lastOffsetDelta = bytes.readInt32BE(pos + 23);
    const lastOffset = baseOffset + BigInt(lastOffsetDelta);
    if (lastOffset + 1n > nextOffset) nextOffset = lastOffset + 1n;
    if (magic !== 2) {
      pos = end;
      continue;
    }
    // Epoch ms fit a double: read the two halves rather than a BigInt.
    const firstTimestamp = bytes.readInt32BE(pos + 27) * 4294967296 + bytes.readUInt32BE(pos + 31);
    const maxTimestamp = bytes.readInt32BE(pos + 35) * 4294967296 + bytes.readUInt32BE(pos + 39);
    const producerId = bytes.readBigInt64BE(pos + 43);
    const count = bytes.readInt32BE(pos + 57);
    const control = (attributes & ATTR_CONTROL) !== 0;
    const transactional = (attributes & ATTR_TRANSACTIONAL) !== 0;
    aborts?.advanceTo(lastOffset);
    const codec = attributes & ATTR_COMPRESSION_MASK;
    const skipBatch =
      lastOffset < fromOffset ||
      (!control && aborts !== undefined && transactional && aborts.isAborted(producerId));
    if ((skipBatch && !control) || (control && !aborts)) {
      pos = end;
      continue;
    }
    const where = `the batch at offsets ${baseOffset}–${lastOffset} of partition ${partition}`;
    if (codec !== 0) {
      try {
        data = decompressBatch(codec, bytes.subarray(pos + BATCH_HEADER, end));
      } catch (error) {
        if (error instanceof DecompressionLimitError)
          throw new AppError('DECODE_FAILED', `${where}: ${error.message}`, { cause: error });
        if (error instanceof AppError)
          throw new AppError('DECODE_FAILED', `${where}: ${error.message}`, { cause: error });
        throw new AppError(
          'DECODE_FAILED',
          `${where}: it could not be decompressed (${(error as Error)?.message ?? String(error)})`,
          { cause: error },
        );
      }
      p = 0;
      dataEnd = data.length;
    } else {
      data = bytes;
      p = pos + BATCH_HEADER;
      dataEnd = end;
    }
    try {
      if (control) {
        // A control record's key is (version int16, type int16): type 0 ends an aborted transaction.
        if (count > 0) {
          varint(); // length
          p += 1; // attributes
          varlong(); // timestamp delta
          varint(); // offset delta
          const key = bytesOrNull();
          if (key && key.length >= 4 && key.readInt16BE(2) === 0) aborts!.abortEnded(producerId);
        }
        pos = end;
        continue;
      }
      const logAppend = (attributes & ATTR_TIMESTAMP_LOG_APPEND) !== 0;
      const compression = compressionNames[codec] ?? 'none';
      // A record takes at least 7 bytes, a header at least 2: counts beyond what the bytes can hold are corrupt.
      if (count < 0 || count > (dataEnd - p) / 7)
        throw new AppError('DECODE_FAILED', `${where} claims ${count} records, more than its bytes can hold`);
      for (let i = 0; i < count; i++) {
        varint(); // record length
        p += 1; // attributes
        const timestampDelta = varlong();
        const offsetDelta = varint();
        const key = bytesOrNull();
        // The value and the headers are checked here and sliced only when read (BatchRecord).
        const valueLength = varint();
        const valueStart = valueLength < 0 ? -1 : p;
        if (valueLength > dataEnd - p) throw new TruncatedBatch();
        if (valueLength > 0) p += valueLength;
        const headerCount = varint();
        if (headerCount < 0 || headerCount > (dataEnd - p) / 2) throw new TruncatedBatch();
        const headersAt = p;
        for (let h = 0; h < headerCount; h++) {
          const keyLength = varint();
          if (keyLength < 0 || keyLength > dataEnd - p) throw new TruncatedBatch();
          p += keyLength;
          const length = varint();
          if (length > dataEnd - p) throw new TruncatedBatch();
          if (length > 0) p += length;
        }
        const offset = baseOffset + BigInt(offsetDelta);
        if (offset < fromOffset) continue;
        out.push(
          new BatchRecord(
            partition,
            offset,
            logAppend ? maxTimestamp : firstTimestamp + timestampDelta,
            logAppend ? 'log-append' : 'create',
            key,
            compression,
            transactional,
            data,
            valueStart,
            valueStart + Math.max(valueLength, 0),
            headersAt,
            headerCount,
            names,
          ),
        );
      }
    } catch (error) {
      if (!(error instanceof TruncatedBatch)) throw error;
      throw new AppError('DECODE_FAILED', `${where} is corrupt: a length or count in it runs past its end`);
    }
    pos = end;
  }
  return { records: out, nextOffset };
}
