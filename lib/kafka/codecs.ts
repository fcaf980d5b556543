import 'server-only';
import { compressionsAlgorithms } from '@platformatic/kafka';
import { decompress as zstdDecompress } from 'fzstd';

/**
 * zstd batches must be readable on every supported Node.js. The client uses zlib's zstd, which
 * Node gained only in 22.15; on older Node, decompression goes through fzstd (pure JavaScript).
 * The console never compresses with zstd itself, so only the decompressor is supplied.
 */
export function ensureZstdDecompression(): void {
  const zstd = compressionsAlgorithms.zstd as { available: boolean; decompressSync: (data: unknown) => Buffer };
  if (zstd.available) return;
  zstd.decompressSync = (data: unknown) => {
    const bytes = Buffer.isBuffer(data) ? data : (data as { buffer: Buffer }).buffer;
    const out = zstdDecompress(bytes);
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  };
}

ensureZstdDecompression();
