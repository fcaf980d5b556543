import { crc32PartitionForKey } from '@/lib/kafka/crc32-partitioner';
import { partitionForKey } from '@/lib/kafka/murmur2';

/**
 * Which producer partitioner wrote a topic, judged from a sample of keyed records: the Java
 * client's murmur2 or librdkafka's CRC32 (consistent). Only records on which the two disagree
 * count as evidence (a key both put in the same partition says nothing). Pure.
 */

export type KeyedPartitioner = 'murmur2' | 'crc32';

export interface PartitionerEvidence {
  /** Keyed records looked at. */
  sampled: number;
  /** Records on which murmur2 and CRC32 pick different partitions. */
  telling: number;
  /** Of those, the records in the partition each partitioner picks. */
  murmur2: number;
  crc32: number;
  /** The partitioner that explains (nearly) every telling record; null when none does or there is too little evidence. */
  detected: KeyedPartitioner | null;
}

/** Fewer telling records than this is not evidence enough to name a partitioner. */
const MIN_TELLING = 5;
/** Share of telling records a partitioner must explain (a few keys may be partitioned by hand). */
const MIN_SHARE = 0.9;

export function judgePartitioner(
  samples: Iterable<{ partition: number; key: Uint8Array }>,
  partitionCount: number,
): PartitionerEvidence {
  let sampled = 0;
  let telling = 0;
  let murmur2 = 0;
  let crc32 = 0;
  for (const { partition, key } of samples) {
    sampled++;
    if (partitionCount < 2) continue;
    const m = partitionForKey(key, partitionCount);
    const c = crc32PartitionForKey(key, partitionCount);
    if (m === c) continue;
    telling++;
    if (partition === m) murmur2++;
    else if (partition === c) crc32++;
  }
  let detected: KeyedPartitioner | null = null;
  if (telling >= MIN_TELLING) {
    if (murmur2 >= MIN_SHARE * telling) detected = 'murmur2';
    else if (crc32 >= MIN_SHARE * telling) detected = 'crc32';
  }
  return { sampled, telling, murmur2, crc32, detected };
}

/** The other keyed partitioner: where to look when the chosen one's partition holds nothing. */
export function otherPartitioner(p: KeyedPartitioner): KeyedPartitioner {
  return p === 'murmur2' ? 'crc32' : 'murmur2';
}
