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
 * follows. Here a response becomes columns (`RecordColumns`: typed arrays of positions into the
 * response bytes), and a record object is made only for the records a feature keeps: a scan
 * looks at every record through one reused view (`RecordColumns.at`) and keeps its matches.
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
  /**
   * The value of the last header of that name (as Kafka's lastHeader), undefined when there is
   * none; parsed records answer from the bytes without building the other headers.
   */
  lastHeader?(name: string): Buffer | null | undefined;
}

type Header = RawRecord['headers'][number];

/**
 * A record with copies of its bytes, valid after the buffers it was read from are released: key,
 * value and header values copied into one buffer of their own (one allocation, not one each).
 */
export function copyRecord(record: RawRecord): RawRecord {
  const { key, value, headers } = record;
  let size = (key?.length ?? 0) + (value?.length ?? 0);
  for (const h of headers) size += h.value?.length ?? 0;
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  const copy = (b: Buffer | null): Buffer | null => {
    if (b === null) return null;
    b.copy(bytes, at);
    at += b.length;
    return bytes.subarray(at - b.length, at);
  };
  return {
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    timestampType: record.timestampType,
    key: copy(key),
    value: copy(value),
    headers: headers.map((h) => ({ key: h.key, value: copy(h.value) })),
    compression: record.compression,
    transactional: record.transactional,
  };
}

/** The last header of a name, from the bytes when the record can, else from its header list. */
export function lastHeaderOf(record: RawRecord, name: string): Buffer | null | undefined {
  return record.lastHeader ? record.lastHeader(name) : lastInList(record.headers, name);
}

function lastInList(headers: readonly Header[], name: string): Buffer | null | undefined {
  for (let i = headers.length - 1; i >= 0; i--) if (headers[i]!.key === name) return headers[i]!.value;
  return undefined;
}

/** The UTF-8 bytes of the header names looked up (a handful: schema-id headers, filter names). */
const encodedNames = new Map<string, Buffer>();
function encodedName(name: string): Buffer {
  let bytes = encodedNames.get(name);
  if (!bytes) {
    bytes = Buffer.from(name, 'utf8');
    if (encodedNames.size < 256) encodedNames.set(name, bytes);
  }
  return bytes;
}

/** Walks the headers area of a record (bytes bounds-checked by the parser) for the last header named `name`. */
function findLastHeader(data: Buffer, at: number, count: number, name: string): Buffer | null | undefined {
  const wanted = encodedName(name);
  let found: Buffer | null | undefined;
  let p = at;
  for (let h = 0; h < count; h++) {
    let length = zigzagAt(data, p);
    p = zigzagEnd;
    let matches = length === wanted.length;
    for (let i = 0; matches && i < length; i++) matches = data[p + i] === wanted[i];
    p += length;
    length = zigzagAt(data, p);
    p = zigzagEnd;
    if (matches) found = length < 0 ? null : data.subarray(p, p + length);
    if (length > 0) p += length;
  }
  return found;
}

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
        let length = zigzagAt(data, p);
        p = zigzagEnd;
        const name = this.#names.name(data, p, length);
        p += length;
        length = zigzagAt(data, p);
        p = zigzagEnd;
        headers[h] = { key: name, value: length < 0 ? null : data.subarray(p, p + length) };
        if (length > 0) p += length;
      }
      this.#headers = headers;
    }
    return this.#headers;
  }

  lastHeader(name: string): Buffer | null | undefined {
    if (this.#headers !== undefined) return lastInList(this.#headers, name);
    return findLastHeader(this.#data, this.#headersAt, this.#headerCount, name);
  }

  /** What tests and logs see: the record as plain data. */
  toJSON(): RawRecord {
    const { partition, offset, timestamp, timestampType, key, value, headers, compression, transactional } =
      this;
    return { partition, offset, timestamp, timestampType, key, value, headers, compression, transactional };
  }
}

/** Where the last `zigzagAt` ended (a module variable, so reading a varint allocates nothing). */
let zigzagEnd = 0;

/** A zigzag varint at `p` of bytes already bounds-checked by the parser; its end goes to `zigzagEnd`. */
function zigzagAt(data: Buffer, p: number): number {
  let result = 0;
  let shift = 0;
  let b: number;
  do {
    b = data[p++]!;
    result |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80 && shift < 35);
  zigzagEnd = p;
  return (result >>> 1) ^ -(result & 1);
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
 * The records of one Fetch answer as columns: per record, positions into the bytes of its batch
 * (the response, or the batch decompressed) and its offset and time; per batch, what its records
 * share. Nothing is sliced or decoded until asked, and a scan reads every record through one
 * reused view (`at`), so the records a filter drops cost no objects at all; `record(i)` makes the
 * object a feature keeps.
 */
export class RecordColumns {
  length = 0;
  /** Per record: its batch (index into the per-batch arrays). */
  private batchOf: Uint32Array;
  private offsetDelta: Int32Array;
  private timestamps: Float64Array;
  /** Start of the key in the batch's bytes; -1 for a null key. */
  private keyStart: Int32Array;
  private keyEnd: Int32Array;
  /** Start of the value; -1 for a null value. */
  private valueStart: Int32Array;
  private valueEnd: Int32Array;
  private headersAt: Int32Array;
  private headerCount: Int32Array;
  /** Per batch. */
  private readonly baseOffsets: bigint[] = [];
  private readonly baseOffsetNumbers: number[] = [];
  private readonly datas: Buffer[] = [];
  private readonly flags: number[] = [];
  private view: RecordView | undefined;

  constructor(
    readonly partition: number,
    private readonly names: HeaderNames,
    capacity: number,
  ) {
    this.batchOf = new Uint32Array(capacity);
    this.offsetDelta = new Int32Array(capacity);
    this.timestamps = new Float64Array(capacity);
    this.keyStart = new Int32Array(capacity);
    this.keyEnd = new Int32Array(capacity);
    this.valueStart = new Int32Array(capacity);
    this.valueEnd = new Int32Array(capacity);
    this.headersAt = new Int32Array(capacity);
    this.headerCount = new Int32Array(capacity);
  }

  /** No records (a Fetch answer without record bytes). */
  static empty(partition: number): RecordColumns {
    return new RecordColumns(partition, new HeaderNames(), 0);
  }

  /** @internal The parser's: a batch whose records follow. */
  addBatch(baseOffset: bigint, data: Buffer, flags: number): void {
    this.baseOffsets.push(baseOffset);
    this.baseOffsetNumbers.push(Number(baseOffset));
    this.datas.push(data);
    this.flags.push(flags);
  }

  /** @internal The parser's: a record of the last batch added. */
  add(
    offsetDelta: number,
    timestamp: number,
    keyStart: number,
    keyEnd: number,
    valueStart: number,
    valueEnd: number,
    headersAt: number,
    headerCount: number,
  ): void {
    if (this.length === this.batchOf.length) this.grow();
    const i = this.length++;
    this.batchOf[i] = this.baseOffsets.length - 1;
    this.offsetDelta[i] = offsetDelta;
    this.timestamps[i] = timestamp;
    this.keyStart[i] = keyStart;
    this.keyEnd[i] = keyEnd;
    this.valueStart[i] = valueStart;
    this.valueEnd[i] = valueEnd;
    this.headersAt[i] = headersAt;
    this.headerCount[i] = headerCount;
  }

  private grow(): void {
    const size = Math.max(16, this.batchOf.length * 2);
    const widen = <T extends Uint32Array | Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.batchOf = widen(this.batchOf, (n) => new Uint32Array(n));
    this.offsetDelta = widen(this.offsetDelta, (n) => new Int32Array(n));
    this.timestamps = widen(this.timestamps, (n) => new Float64Array(n));
    this.keyStart = widen(this.keyStart, (n) => new Int32Array(n));
    this.keyEnd = widen(this.keyEnd, (n) => new Int32Array(n));
    this.valueStart = widen(this.valueStart, (n) => new Int32Array(n));
    this.valueEnd = widen(this.valueEnd, (n) => new Int32Array(n));
    this.headersAt = widen(this.headersAt, (n) => new Int32Array(n));
    this.headerCount = widen(this.headerCount, (n) => new Int32Array(n));
  }

  offset(i: number): bigint {
    return this.baseOffsets[this.batchOf[i]!]! + BigInt(this.offsetDelta[i]!);
  }

  /** The offset as a number: exact below 2^53, which a log reaches after centuries at a million records a second. */
  offsetNumber(i: number): number {
    return this.baseOffsetNumbers[this.batchOf[i]!]! + this.offsetDelta[i]!;
  }

  timestamp(i: number): number {
    return this.timestamps[i]!;
  }

  /** Record i as an object of its own, for features that keep records. */
  record(i: number): RawRecord {
    const b = this.batchOf[i]!;
    const flags = this.flags[b]!;
    const data = this.datas[b]!;
    const keyStart = this.keyStart[i]!;
    return new BatchRecord(
      this.partition,
      this.offset(i),
      this.timestamps[i]!,
      flags & ATTR_TIMESTAMP_LOG_APPEND ? 'log-append' : 'create',
      keyStart < 0 ? null : data.subarray(keyStart, this.keyEnd[i]!),
      compressionNames[flags & ATTR_COMPRESSION_MASK] ?? 'none',
      (flags & ATTR_TRANSACTIONAL) !== 0,
      data,
      this.valueStart[i]!,
      this.valueEnd[i]!,
      this.headersAt[i]!,
      this.headerCount[i]!,
      this.names,
    );
  }

  /**
   * Record i through the one view of these columns: valid until the next call of `at`, so a
   * loop over the records allocates only what it reads. Keep `record(i)`, never the view.
   */
  at(i: number): RawRecord {
    this.view ??= new RecordView(this);
    this.view.index = i;
    this.view.clear();
    return this.view;
  }

  /**
   * Frees the decompressed bytes of these columns now, rather than at the next full garbage
   * collection: V8 runs one only after some 64 MB of such memory has piled up, and the allocator
   * keeps that peak resident. For a scan that has evaluated every record and copied what it
   * keeps (copyRecord): no record, view or subarray of these columns may be read afterwards.
   */
  release(): void {
    for (let b = 0; b < this.datas.length; b++) {
      // Uncompressed batches are bytes of the Fetch answer, which is not ours to free.
      if ((this.flags[b]! & ATTR_COMPRESSION_MASK) === 0) continue;
      const data = this.datas[b]!;
      // Only memory the decompressor gave this batch alone: Node pools allocations below half its
      // pool size, so a smaller output may share its memory with other buffers.
      if (data.byteOffset === 0 && data.length >= Buffer.poolSize >>> 1)
        (data.buffer as ArrayBuffer & { transfer(length: number): ArrayBuffer }).transfer(0);
    }
    this.datas.length = 0;
    this.length = 0;
  }

  /** Every record as an object of its own. */
  records(): RawRecord[] {
    const out: RawRecord[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.record(i);
    return out;
  }

  /** @internal For the view. */
  part(i: number, which: 'key' | 'value'): Buffer | null {
    const start = which === 'key' ? this.keyStart[i]! : this.valueStart[i]!;
    if (start < 0) return null;
    return this.datas[this.batchOf[i]!]!.subarray(
      start,
      which === 'key' ? this.keyEnd[i]! : this.valueEnd[i]!,
    );
  }

  /** @internal For the view. */
  flagsOf(i: number): number {
    return this.flags[this.batchOf[i]!]!;
  }

  /** @internal For the view. */
  lastHeader(i: number, name: string): Buffer | null | undefined {
    return findLastHeader(this.datas[this.batchOf[i]!]!, this.headersAt[i]!, this.headerCount[i]!, name);
  }
}

/** The reused view of `RecordColumns.at`: each part is sliced when first read, once per record. */
class RecordView implements RawRecord {
  index = 0;
  #key: Buffer | null | undefined;
  #value: Buffer | null | undefined;
  #headers: Header[] | undefined;

  constructor(private readonly columns: RecordColumns) {}

  clear(): void {
    this.#key = undefined;
    this.#value = undefined;
    this.#headers = undefined;
  }

  get partition(): number {
    return this.columns.partition;
  }
  get offset(): bigint {
    return this.columns.offset(this.index);
  }
  get timestamp(): number {
    return this.columns.timestamp(this.index);
  }
  get timestampType(): 'create' | 'log-append' {
    return this.columns.flagsOf(this.index) & ATTR_TIMESTAMP_LOG_APPEND ? 'log-append' : 'create';
  }
  get compression(): CompressionName {
    return compressionNames[this.columns.flagsOf(this.index) & ATTR_COMPRESSION_MASK] ?? 'none';
  }
  get transactional(): boolean {
    return (this.columns.flagsOf(this.index) & ATTR_TRANSACTIONAL) !== 0;
  }
  get key(): Buffer | null {
    if (this.#key === undefined) this.#key = this.columns.part(this.index, 'key');
    return this.#key;
  }
  get value(): Buffer | null {
    if (this.#value === undefined) this.#value = this.columns.part(this.index, 'value');
    return this.#value;
  }
  get headers(): Header[] {
    this.#headers ??= this.columns.record(this.index).headers;
    return this.#headers;
  }
  lastHeader(name: string): Buffer | null | undefined {
    return this.#headers ? lastInList(this.#headers, name) : this.columns.lastHeader(this.index, name);
  }
}

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
  const { columns, nextOffset } = parseRecordColumns(partition, bytes, fromOffset, abortedTransactions);
  return { records: columns.records(), nextOffset };
}

export interface ParsedColumns {
  columns: RecordColumns;
  /** Where the next read starts: after the last complete batch (or fromOffset when there was none). */
  nextOffset: bigint;
}

/** The same parse as `parseRecordBatches`, as columns (no object per record). */
export function parseRecordColumns(
  partition: number,
  bytes: Buffer,
  fromOffset: bigint,
  abortedTransactions: readonly AbortedTransaction[] | undefined,
): ParsedColumns {
  const names = new HeaderNames();
  // A first guess of the record count from the batch headers, capped: counts are not trusted
  // before their bytes are checked, and the columns grow when the guess is short.
  let guess = 0;
  for (let at = 0; bytes.length - at >= BATCH_HEADER && guess < 65_536;) {
    const length = bytes.readInt32BE(at + 8);
    if (length < MIN_BATCH_LENGTH) break;
    guess += Math.max(0, bytes.readInt32BE(at + 57));
    at += 12 + length;
  }
  const out = new RecordColumns(partition, names, Math.min(Math.max(guess, 16), 65_536));
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
    const where = () => `the batch at offsets ${baseOffset}–${lastOffset} of partition ${partition}`;
    if (codec !== 0) {
      try {
        data = decompressBatch(codec, bytes.subarray(pos + BATCH_HEADER, end));
      } catch (error) {
        if (error instanceof DecompressionLimitError)
          throw new AppError('DECODE_FAILED', `${where()}: ${error.message}`, { cause: error });
        if (error instanceof AppError)
          throw new AppError('DECODE_FAILED', `${where()}: ${error.message}`, { cause: error });
        throw new AppError(
          'DECODE_FAILED',
          `${where()}: it could not be decompressed (${(error as Error)?.message ?? String(error)})`,
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
      // Every record of a batch that starts at or after fromOffset is kept; compare only otherwise.
      const keepAll = baseOffset >= fromOffset;
      // A record takes at least 7 bytes, a header at least 2: counts beyond what the bytes can hold are corrupt.
      if (count < 0 || count > (dataEnd - p) / 7)
        throw new AppError(
          'DECODE_FAILED',
          `${where()} claims ${count} records, more than its bytes can hold`,
        );
      const flags = attributes & (ATTR_COMPRESSION_MASK | ATTR_TIMESTAMP_LOG_APPEND | ATTR_TRANSACTIONAL);
      let added = false;
      for (let i = 0; i < count; i++) {
        varint(); // record length
        p += 1; // attributes
        const timestampDelta = varlong();
        const offsetDelta = varint();
        // Key, value and headers are checked here and sliced only when read.
        const keyLength = varint();
        const keyStart = keyLength < 0 ? -1 : p;
        if (keyLength > dataEnd - p) throw new TruncatedBatch();
        if (keyLength > 0) p += keyLength;
        const keyEnd = keyStart < 0 ? -1 : p;
        const valueLength = varint();
        const valueStart = valueLength < 0 ? -1 : p;
        if (valueLength > dataEnd - p) throw new TruncatedBatch();
        if (valueLength > 0) p += valueLength;
        const headerCount = varint();
        if (headerCount < 0 || headerCount > (dataEnd - p) / 2) throw new TruncatedBatch();
        const headersAt = p;
        for (let h = 0; h < headerCount; h++) {
          const nameLength = varint();
          if (nameLength < 0 || nameLength > dataEnd - p) throw new TruncatedBatch();
          p += nameLength;
          const length = varint();
          if (length > dataEnd - p) throw new TruncatedBatch();
          if (length > 0) p += length;
        }
        if ((offsetDelta < 0 || !keepAll) && baseOffset + BigInt(offsetDelta) < fromOffset) continue;
        if (!added) {
          out.addBatch(baseOffset, data, flags);
          added = true;
        }
        out.add(
          offsetDelta,
          logAppend ? maxTimestamp : firstTimestamp + timestampDelta,
          keyStart,
          keyEnd,
          valueStart,
          valueStart < 0 ? -1 : valueStart + Math.max(valueLength, 0),
          headersAt,
          headerCount,
        );
      }
    } catch (error) {
      if (!(error instanceof TruncatedBatch)) throw error;
      throw new AppError('DECODE_FAILED', `${where()} is corrupt: a length or count in it runs past its end`);
    }
    pos = end;
  }
  return { columns: out, nextOffset };
}
