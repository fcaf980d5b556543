import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { adminFor } from './admin';
import { toAppError } from './errors';

/**
 * ListOffsets by timestamp: per partition, the offset of the first record whose timestamp is
 * at or after `timestamp` (epoch ms), or null when there is none (the time is after the last
 * record). The broker answers partitions in any order, so the result is indexed by partition.
 */
export async function offsetsForTimes(cluster: ClusterConfig, topic: string, partitions: readonly number[], timestamp: number): Promise<Map<number, bigint | null>> {
  const result = new Map<number, bigint | null>();
  if (partitions.length === 0) return result;
  try {
    const listed = await adminFor(cluster).listOffsets({
      topics: [{ name: topic, partitions: partitions.map((partitionIndex) => ({ partitionIndex, timestamp: BigInt(Math.trunc(timestamp)) })) }],
    });
    for (const t of listed) {
      if (t.name !== topic) continue;
      for (const p of t.partitions) result.set(p.partitionIndex, p.offset < 0n ? null : p.offset);
    }
    return result;
  } catch (error) {
    throw toAppError(error, `looking up offsets at ${new Date(timestamp).toISOString()} in topic "${topic}"`);
  }
}
