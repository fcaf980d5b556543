import { AppError } from '@/lib/errors/app-error';

/**
 * How large a compressed record batch may become once decompressed, and the header arithmetic
 * that tells before decompressing. A few kilobytes of gzip or zstd can expand to gigabytes
 * (a decompression bomb); any topic may hold one, and reading must not exhaust memory. Kafka's
 * own limit on a batch (message.max.bytes) defaults to 1 MiB, so this leaves ample room.
 * Pure: no Kafka client, no Next.js.
 */
export const MAX_DECOMPRESSED_BATCH_BYTES = 64 * 1024 * 1024;

/** An AppError, so that it keeps its words through the client library's own error wrapping. */
export class DecompressionLimitError extends AppError {
  override name = 'DecompressionLimitError';
  constructor(
    readonly codec: string,
    readonly limit: number,
  ) {
    super(
      'DECODE_FAILED',
      `the ${codec} batch expands to more than ${Math.round(limit / (1024 * 1024))} MiB; the console does not decompress it`,
    );
  }
}

/** An unsigned LEB128 varint (snappy's preamble), or -1 when the bytes end first. */
function readUvarint(bytes: Uint8Array, at: number): number {
  let result = 0;
  let mul = 1;
  for (let i = at; i < bytes.length && i < at + 5; i++) {
    const b = bytes[i]!;
    result += (b & 0x7f) * mul;
    if ((b & 0x80) === 0) return result;
    mul *= 128;
  }
  return -1;
}

const XERIAL_MAGIC = [0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00];

/**
 * The decompressed size of snappy data, from the length preamble of each block: raw snappy has
 * one block; the xerial framing the Java client writes has a 16-byte header and then blocks of
 * a 4-byte length and raw snappy. Infinity when the bytes are not well formed.
 */
export function snappyDecompressedSize(bytes: Uint8Array): number {
  const xerial = bytes.length >= 16 && XERIAL_MAGIC.every((b, i) => bytes[i] === b);
  if (!xerial) {
    const size = readUvarint(bytes, 0);
    return size < 0 ? Infinity : size;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let at = 16;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) return Infinity;
    const length = view.getInt32(at);
    const size = readUvarint(bytes, at + 4);
    if (length < 0 || size < 0) return Infinity;
    total += size;
    at += 4 + length;
  }
  return total;
}

const LZ4_MAGIC = 0x184d2204;
const LZ4_BLOCK_MAX = [0, 0, 0, 0, 64 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024];

/**
 * An upper bound on the decompressed size of an LZ4 frame: the number of blocks times the
 * frame's maximum block size (each block decompresses to at most that). Walks the block
 * headers only. Infinity when the bytes are not a well-formed frame.
 */
export function lz4DecompressedBound(bytes: Uint8Array): number {
  if (bytes.length < 7) return Infinity;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== LZ4_MAGIC) return Infinity;
  const flg = bytes[4]!;
  const blockMax = LZ4_BLOCK_MAX[(bytes[5]! >> 4) & 7]!;
  if (!blockMax) return Infinity;
  const blockChecksum = (flg & 0x10) !== 0;
  let at = 6 + ((flg & 0x08) !== 0 ? 8 : 0) + ((flg & 0x01) !== 0 ? 4 : 0) + 1;
  let total = 0;
  while (at + 4 <= bytes.length) {
    const word = view.getUint32(at, true);
    at += 4;
    if (word === 0) return total; // end mark
    const size = word & 0x7fffffff;
    total += blockMax;
    at += size + (blockChecksum ? 4 : 0);
  }
  return Infinity;
}
