/**
 * librdkafka's `consistent` partitioner: CRC-32 (IEEE 802.3, the zlib/`crc32` command checksum)
 * of the key bytes, modulo the partition count. An empty or null key hashes to 0, so it lands in
 * partition 0. (`consistent_random` differs only for empty keys, which it spreads at random.)
 * Pure: no Kafka client involved.
 */

const table = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** The CRC-32 of the bytes as an unsigned 32-bit number. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = (table[(crc ^ data[i]!) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const encoder = new TextEncoder();

/** The partition librdkafka's consistent partitioner picks for a key (UTF-8 bytes of a string key). */
export function crc32PartitionForKey(key: Uint8Array | string | null, numPartitions: number): number {
  if (!Number.isInteger(numPartitions) || numPartitions < 1)
    throw new RangeError(`numPartitions must be a positive integer, not ${numPartitions}`);
  const bytes = key === null ? new Uint8Array(0) : typeof key === 'string' ? encoder.encode(key) : key;
  return crc32(bytes) % numPartitions;
}
