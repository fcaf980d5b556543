import { crc32PartitionForKey } from '@/lib/kafka/crc32-partitioner';
import { partitionForKey } from '@/lib/kafka/murmur2';
import type { PartitionerName } from '@/lib/schemas/timetravel';

/**
 * The partitions to read for an aggregate whose events are keyed by its id: the one the
 * producer's partitioner chose (murmur2 as the Java client, CRC32 as librdkafka's consistent
 * partitioner), or all of them when the partitioner is unknown ("scan-all"). Pure.
 */
export function resolveAggregatePartitions(
  aggregateId: string,
  partitioner: PartitionerName,
  partitionCount: number,
): number[] {
  switch (partitioner) {
    case 'murmur2':
      return [partitionForKey(aggregateId, partitionCount)];
    case 'crc32':
      return [crc32PartitionForKey(aggregateId, partitionCount)];
    case 'scan-all':
      return Array.from({ length: partitionCount }, (_, i) => i);
  }
}
