import { describe, expect, it } from 'vitest';
import { crc32, crc32PartitionForKey } from './crc32-partitioner';

// librdkafka tests/0048-partitioner.c (do_test_partitioners), "consistent" partitioner with 17
// partitions: the constants there were taken with the `crc32` command.
const librdkafkaVectors: [string | null, number][] = [
  [null, 0x0],
  ['', 0x0],
  ['23456', 0xb1b451d7],
  ['this is another string with more length to it perhaps', 0xb0150df7],
  ['hejsan', 0xd077037e],
];

describe('crc32', () => {
  it('matches the checksums of librdkafka’s partitioner test', () => {
    for (const [key, sum] of librdkafkaVectors) expect(crc32(new TextEncoder().encode(key ?? ''))).toBe(sum);
  });

  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('crc32PartitionForKey', () => {
  it('gives the partitions librdkafka expects with 17 (and 7, its quick mode) partitions', () => {
    for (const parts of [17, 7]) {
      for (const [key, sum] of librdkafkaVectors)
        expect(crc32PartitionForKey(key, parts), String(key)).toBe(sum % parts);
    }
  });

  it('takes string keys as UTF-8 and refuses a bad partition count', () => {
    expect(crc32PartitionForKey('hejsan', 17)).toBe(
      crc32PartitionForKey(new TextEncoder().encode('hejsan'), 17),
    );
    expect(crc32PartitionForKey('ünïcode', 5)).toBe(crc32(new TextEncoder().encode('ünïcode')) % 5);
    expect(() => crc32PartitionForKey('a', 0)).toThrow(RangeError);
  });
});
