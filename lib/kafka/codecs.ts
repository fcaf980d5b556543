import 'server-only';
import zlib from 'node:zlib';
import { compressionsAlgorithms } from '@platformatic/kafka';
import { AppError } from '@/lib/errors/app-error';
import {
  DecompressionLimitError,
  lz4DecompressedBound,
  MAX_DECOMPRESSED_BATCH_BYTES,
  snappyDecompressedSize,
} from './decompression-limit';

/**
 * Every decompression of a record batch, by the client library's reader and by our own batch
 * parser, goes through the functions installed here, so each is bounded by an output limit
 * (MAX_DECOMPRESSED_BATCH_BYTES): gzip and zstd stop writing at the limit, snappy and LZ4 are
 * sized from their headers before anything is allocated.
 *
 * zstd is native: zlib has it both ways since Node 22.15, and the console runs on Node 24.
 */

type Algorithm = { available: boolean; decompressSync: (data: unknown) => Buffer };

const asBuffer = (data: unknown): Buffer =>
  Buffer.isBuffer(data) ? data : (data as { buffer: Buffer }).buffer;

const zstdSync = (
  zlib as unknown as { zstdDecompressSync?: (data: Buffer, options: { maxOutputLength: number }) => Buffer }
).zstdDecompressSync;

/** zlib signals its output limit with a RangeError (ERR_BUFFER_TOO_LARGE). */
function zlibBounded(codec: string, run: () => Buffer, limit: number): Buffer {
  try {
    return run();
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError)
      throw new DecompressionLimitError(codec, limit);
    throw error;
  }
}

/**
 * The output size a gzip member states in its trailer (ISIZE, the size modulo 2^32), when it is
 * a plausible single-chunk output: one output buffer of the right size, instead of zlib's 16 KB
 * chunks joined by a copy, halves the native memory a batch churns through (and those small
 * chunks are what fragments the allocator's heap under a scan).
 */
export function gzipStatedSize(data: Buffer, limit: number): number | undefined {
  if (data.length < 18) return undefined;
  const size = data.readUInt32LE(data.length - 4);
  return size > 0 && size <= limit ? size : undefined;
}

/** The content size a zstd frame states in its header (RFC 8878, 3.1.1.1), if it does and it is within the limit. */
export function zstdStatedSize(data: Buffer, limit: number): number | undefined {
  if (data.length < 6 || data.readUInt32LE(0) !== 0xfd2fb528) return undefined;
  const descriptor = data[4]!;
  const fcsFlag = descriptor >> 6;
  const singleSegment = (descriptor >> 5) & 1;
  const dictionaryIdBytes = [0, 1, 2, 4][descriptor & 3]!;
  const fcsBytes = [singleSegment ? 1 : 0, 2, 4, 8][fcsFlag]!;
  if (fcsBytes === 0) return undefined;
  const at = 5 + (singleSegment ? 0 : 1) + dictionaryIdBytes;
  if (data.length < at + fcsBytes) return undefined;
  let size: number;
  if (fcsBytes === 1) size = data[at]!;
  else if (fcsBytes === 2) size = data.readUInt16LE(at) + 256;
  else if (fcsBytes === 4) size = data.readUInt32LE(at);
  else size = Number(data.readBigUInt64LE(at));
  return size > 0 && size <= limit ? size : undefined;
}

/** zlib's output chunk for a stated size: one byte more, so zlib ends in the first chunk. */
const chunkFor = (size: number | undefined) =>
  size === undefined ? {} : { chunkSize: Math.max(zlib.constants.Z_MIN_CHUNK, size + 1) };

export function boundedDecompressors(
  limit = MAX_DECOMPRESSED_BATCH_BYTES,
  original = compressionsAlgorithms as unknown as Record<string, Algorithm>,
) {
  const snappy = original.snappy!.decompressSync;
  const lz4 = original.lz4!.decompressSync;
  return {
    gzip: (data: unknown) => {
      const bytes = asBuffer(data);
      return zlibBounded(
        'gzip',
        () => zlib.gunzipSync(bytes, { maxOutputLength: limit, ...chunkFor(gzipStatedSize(bytes, limit)) }),
        limit,
      );
    },
    zstd: (data: unknown) => {
      if (!zstdSync)
        throw new AppError('DECODE_FAILED', `zstd needs Node.js 22.15 or newer; this is ${process.version}`);
      const bytes = asBuffer(data);
      return zlibBounded(
        'zstd',
        () => zstdSync(bytes, { maxOutputLength: limit, ...chunkFor(zstdStatedSize(bytes, limit)) }),
        limit,
      );
    },
    snappy: (data: unknown) => {
      if (snappyDecompressedSize(asBuffer(data)) > limit) throw new DecompressionLimitError('snappy', limit);
      return snappy(data);
    },
    lz4: (data: unknown) => {
      if (lz4DecompressedBound(asBuffer(data)) > limit) throw new DecompressionLimitError('lz4', limit);
      return lz4(data);
    },
  };
}

export function installBoundedDecompression(): void {
  const algorithms = compressionsAlgorithms as unknown as Record<string, Algorithm & { bounded?: true }>;
  if (algorithms.gzip!.bounded) return;
  const bounded = boundedDecompressors();
  for (const [name, decompress] of Object.entries(bounded)) {
    const algorithm = algorithms[name]!;
    algorithm.decompressSync = decompress;
    algorithm.bounded = true;
  }
}

installBoundedDecompression();
