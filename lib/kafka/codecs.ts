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

export function boundedDecompressors(
  limit = MAX_DECOMPRESSED_BATCH_BYTES,
  original = compressionsAlgorithms as unknown as Record<string, Algorithm>,
) {
  const snappy = original.snappy!.decompressSync;
  const lz4 = original.lz4!.decompressSync;
  return {
    gzip: (data: unknown) =>
      zlibBounded('gzip', () => zlib.gunzipSync(asBuffer(data), { maxOutputLength: limit }), limit),
    zstd: (data: unknown) => {
      if (!zstdSync)
        throw new AppError('DECODE_FAILED', `zstd needs Node.js 22.15 or newer; this is ${process.version}`);
      return zlibBounded('zstd', () => zstdSync(asBuffer(data), { maxOutputLength: limit }), limit);
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
