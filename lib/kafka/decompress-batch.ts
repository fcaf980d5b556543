import { AppError } from '@/lib/errors/app-error';
import { boundedDecompressors } from './codecs';

/**
 * The one decompression step of the read path: a record batch's records area, by the codec in
 * its attributes (1 gzip, 2 snappy, 3 LZ4, 4 zstd), each bounded by the output limit of
 * codecs.ts so a decompression bomb is refused, not allocated.
 */
const bounded = boundedDecompressors();
const byCodec: Record<number, ((data: Buffer) => Buffer) | undefined> = {
  1: bounded.gzip,
  2: bounded.snappy,
  3: bounded.lz4,
  4: bounded.zstd,
};

export function decompressBatch(codec: number, data: Buffer): Buffer {
  const decompress = byCodec[codec];
  if (!decompress) throw new AppError('DECODE_FAILED', `it uses an unknown compression codec (${codec})`);
  return decompress(data);
}
