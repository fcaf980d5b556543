import { describe, expect, it } from 'vitest';
import { crc32PartitionForKey } from '@/lib/kafka/crc32-partitioner';
import { partitionForKey } from '@/lib/kafka/murmur2';
import { judgePartitioner, otherPartitioner } from './detect-partitioner';

const keys = Array.from({ length: 40 }, (_, i) => Buffer.from(`order-${String(i).padStart(6, '0')}`));

describe('judgePartitioner', () => {
  it('names murmur2 for records placed as the Java client places them', () => {
    const evidence = judgePartitioner(
      keys.map((key) => ({ key, partition: partitionForKey(key, 6) })),
      6,
    );
    expect(evidence).toMatchObject({ sampled: 40, detected: 'murmur2', crc32: 0 });
    expect(evidence.telling).toBeGreaterThanOrEqual(20);
    expect(evidence.murmur2).toBe(evidence.telling);
  });

  it('names CRC32 for records placed as librdkafka places them', () => {
    expect(
      judgePartitioner(
        keys.map((key) => ({ key, partition: crc32PartitionForKey(key, 6) })),
        6,
      ),
    ).toMatchObject({ detected: 'crc32', murmur2: 0 });
  });

  it('names none for random placement, one partition, or too few telling records', () => {
    expect(
      judgePartitioner(
        keys.map((key, i) => ({ key, partition: (i * 7) % 6 })),
        6,
      ).detected,
    ).toBeNull();
    expect(
      judgePartitioner(
        keys.map((key) => ({ key, partition: 0 })),
        1,
      ),
    ).toMatchObject({ telling: 0, detected: null });
    expect(
      judgePartitioner(
        keys.slice(0, 3).map((key) => ({ key, partition: crc32PartitionForKey(key, 6) })),
        6,
      ).detected,
    ).toBeNull();
  });

  it('pairs each keyed partitioner with the other', () => {
    expect(otherPartitioner('murmur2')).toBe('crc32');
    expect(otherPartitioner('crc32')).toBe('murmur2');
  });
});
