import zlib from 'node:zlib';
import { compressionsAlgorithms } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { boundedDecompressors, gzipStatedSize, zstdStatedSize } from './codecs';
import {
  DecompressionLimitError,
  lz4DecompressedBound,
  MAX_DECOMPRESSED_BATCH_BYTES,
  snappyDecompressedSize,
} from './decompression-limit';
import { parseRecordBatches } from './records';

const MiB = 1024 * 1024;
const zeros = Buffer.alloc(2 * MiB);
// 2 MB of zeros, compressed by the zstd command-line tool (frame without a content size).
const ZSTD_2MB_ZEROS = Buffer.from(
  'KLUv/QRoTAAACAABAPz/ORACAgAQAAIAEAACABAAAgAQAAIAEAACABAAAgAQAAIAEAACABAAAgAQAAIAEAACABAAAgAQAAIAEAADJAQADsl01w==',
  'base64',
);
// Node 22.15 and newer; the type definitions here predate it.
const zstdCompress = (zlib as unknown as { zstdCompressSync(data: Buffer): Buffer }).zstdCompressSync;
const library = compressionsAlgorithms as unknown as Record<
  string,
  { compressSync(data: Buffer): Buffer; decompressSync(data: Buffer): Buffer }
>;

describe('decompression is bounded by an output limit', () => {
  const small = boundedDecompressors(1 * MiB);
  const roomy = boundedDecompressors(4 * MiB);

  it.each(['gzip', 'snappy', 'lz4'] as const)(
    '%s: refuses to expand past the limit, and still reads what fits',
    (codec) => {
      const compressed = codec === 'gzip' ? zlib.gzipSync(zeros) : library[codec]!.compressSync(zeros);
      expect(compressed.length).toBeLessThan(zeros.length / 10);
      expect(() => small[codec](compressed)).toThrow(DecompressionLimitError);
      expect(roomy[codec](compressed).equals(zeros)).toBe(true);
    },
  );

  it('zstd: refuses to expand past the limit, and still reads what fits', () => {
    expect(() => small.zstd(ZSTD_2MB_ZEROS)).toThrow(DecompressionLimitError);
    expect(roomy.zstd(ZSTD_2MB_ZEROS).equals(Buffer.alloc(2_000_000))).toBe(true);
  });

  it('a gzip bomb (1 GiB of zeros in about 1 MB) stops at the default limit without allocating it', () => {
    // Built in chunks so the test itself never holds the gigabyte.
    const gzip = zlib.createGzip({ level: 9 });
    const parts: Buffer[] = [];
    gzip.on('data', (c: Buffer) => parts.push(c));
    const chunk = Buffer.alloc(MiB);
    for (let i = 0; i < 1024; i++) gzip.write(chunk);
    return new Promise<void>((resolve) => {
      gzip.end(() => {
        const bomb = Buffer.concat(parts);
        expect(bomb.length).toBeLessThan(2 * MiB);
        const before = process.memoryUsage().arrayBuffers;
        expect(() => boundedDecompressors().gzip(bomb)).toThrow(/more than 64 MiB/);
        expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(2 * MAX_DECOMPRESSED_BATCH_BYTES);
        resolve();
      });
    });
  });

  it('sizes gzip and zstd output from what the data states, and reads data whose statement is wrong', () => {
    const text = Buffer.from('order-000042 '.repeat(20_000));
    const gzip = zlib.gzipSync(text);
    expect(gzipStatedSize(gzip, 64 * MiB)).toBe(text.length);
    expect(gzipStatedSize(gzip, 1024)).toBeUndefined();
    expect(zstdStatedSize(zstdCompress(text), 64 * MiB)).toBe(text.length);
    // The zstd tool streams: no content size in the frame.
    expect(zstdStatedSize(ZSTD_2MB_ZEROS, 64 * MiB)).toBeUndefined();
    expect(zstdStatedSize(Buffer.from('not zstd at all'), 64 * MiB)).toBeUndefined();
    // One output buffer of the stated size, not 16 KB chunks joined.
    const out = roomy.gzip(gzip);
    expect(out.equals(text)).toBe(true);
    expect(out.buffer.byteLength).toBe(text.length + 1);
    expect(roomy.zstd(zstdCompress(text)).equals(text)).toBe(true);
    // A trailer that misstates the size fails gzip's own check, as it does without the stated size.
    for (const stated of [100, text.length * 2]) {
      const lying = Buffer.from(gzip);
      lying.writeUInt32LE(stated, lying.length - 4);
      expect(() => zlib.gunzipSync(lying)).toThrow();
      expect(() => roomy.gzip(lying)).toThrow();
    }
  });

  it('sizes snappy and lz4 from their headers', () => {
    expect(snappyDecompressedSize(library.snappy!.compressSync(zeros))).toBe(zeros.length);
    const bound = lz4DecompressedBound(library.lz4!.compressSync(zeros));
    expect(bound).toBeGreaterThanOrEqual(zeros.length);
    expect(bound).toBeLessThan(zeros.length + 4 * MiB);
    expect(lz4DecompressedBound(Buffer.from('not lz4'))).toBe(Infinity);
  });

  it('is what the client library and the batch parser use', () => {
    expect((compressionsAlgorithms as unknown as Record<string, { bounded?: true }>).gzip!.bounded).toBe(
      true,
    );
    expect(new DecompressionLimitError('gzip', MiB)).toBeInstanceOf(AppError);
  });
});

/** One magic-2 record batch as the broker sends it (CRC not checked by the parser). */
function recordBatch(records: Buffer, count: number, attributes = 0): Buffer {
  const header = Buffer.alloc(61);
  header.writeBigInt64BE(100n, 0); // base offset
  header.writeInt32BE(49 + records.length, 8); // batch length: everything after this field
  header.writeInt8(2, 16); // magic
  header.writeInt16BE(attributes, 21);
  header.writeInt32BE(Math.max(count - 1, 0), 23); // last offset delta
  header.writeBigInt64BE(-1n, 43); // producer id
  header.writeInt32BE(count, 57);
  return Buffer.concat([header, records]);
}

const zigzag = (n: number): number[] => {
  let v = (n << 1) ^ (n >> 31);
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
};

describe('record batch counts and lengths are bounded by the bytes present', () => {
  it('refuses a header count the record cannot hold, instead of allocating it', () => {
    // length, attributes, timestamp delta, offset delta, key -1, value -1, header count 2^30
    const record = Buffer.from([...zigzag(10), 0, 0, 0, ...zigzag(-1), ...zigzag(-1), ...zigzag(2 ** 30)]);
    expect(() => parseRecordBatches(0, recordBatch(record, 1), 0n, undefined)).toThrow(/corrupt/);
  });

  it('refuses a record count the batch cannot hold', () => {
    const record = Buffer.from([...zigzag(6), 0, 0, 0, ...zigzag(-1), ...zigzag(-1), ...zigzag(0)]);
    expect(() => parseRecordBatches(0, recordBatch(record, 2_000_000_000), 0n, undefined)).toThrow(
      /claims 2000000000 records/,
    );
  });

  it('refuses a value length that runs past the batch', () => {
    const record = Buffer.from([...zigzag(10), 0, 0, 0, ...zigzag(-1), ...zigzag(1_000_000), 1, 2, 3]);
    expect(() => parseRecordBatches(0, recordBatch(record, 1), 0n, undefined)).toThrow(/corrupt/);
  });

  it('still reads a well-formed record', () => {
    const value = Buffer.from('hi');
    const record = Buffer.from([
      ...zigzag(12),
      0,
      0,
      0,
      ...zigzag(-1),
      ...zigzag(2),
      ...value,
      ...zigzag(1),
      ...zigzag(1),
      0x6b,
      ...zigzag(-1),
    ]);
    const { records } = parseRecordBatches(0, recordBatch(record, 1), 0n, undefined);
    expect(records).toHaveLength(1);
    expect(records[0]!.value?.toString()).toBe('hi');
    expect(records[0]!.headers).toEqual([{ key: 'k', value: null }]);
  });

  it('names the batch whose decompression goes over the limit', () => {
    const bomb = zlib.gzipSync(Buffer.alloc(MAX_DECOMPRESSED_BATCH_BYTES + MiB));
    expect(() => parseRecordBatches(3, recordBatch(bomb, 1, 1), 0n, undefined)).toThrow(
      /batch at offsets 100–100 of partition 3: the gzip batch expands to more than 64 MiB/,
    );
  });
});
