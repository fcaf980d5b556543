/**
 * Kafka's murmur2 and the Java client's default key partitioning, in plain TypeScript (no
 * client library, no I/O) so that any part of the console can work out which partition holds
 * a key: `toPositive(murmur2(keyBytes)) % numPartitions`, as in the Java client's
 * BuiltInPartitioner.partitionForKey (and the DefaultPartitioner before it), librdkafka's
 * `murmur2_random` and platformatic's `compatibilityPartitioner`. (platformatic's own
 * `defaultPartitioner` uses `murmur2 >>> 0`, which differs whenever the hash is negative.)
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Kafka's `Utils.murmur2`: a signed 32-bit hash of the bytes. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = (SEED ^ length) | 0;
  const length4 = length & ~3;
  for (let i = 0; i < length4; i += 4) {
    let k =
      (data[i]! & 0xff) |
      ((data[i + 1]! & 0xff) << 8) |
      ((data[i + 2]! & 0xff) << 16) |
      ((data[i + 3]! & 0xff) << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  switch (length & 3) {
    case 3:
      h ^= (data[length4 + 2]! & 0xff) << 16;
    // falls through
    case 2:
      h ^= (data[length4 + 1]! & 0xff) << 8;
    // falls through
    case 1:
      h ^= data[length4]! & 0xff;
      h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's `Utils.toPositive`: clears the sign bit (not Math.abs). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

const encoder = new TextEncoder();

/**
 * The partition the Java client's default partitioner picks for a non-null key. A string key is
 * taken as its UTF-8 bytes, as StringSerializer writes it.
 */
export function partitionForKey(key: Uint8Array | string, numPartitions: number): number {
  if (!Number.isInteger(numPartitions) || numPartitions < 1)
    throw new RangeError(`numPartitions must be a positive integer, not ${numPartitions}`);
  const bytes = typeof key === 'string' ? encoder.encode(key) : key;
  return toPositive(murmur2(bytes)) % numPartitions;
}
