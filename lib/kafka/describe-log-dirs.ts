import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { adminFor } from './admin';
import { toAppError } from './errors';

export interface TopicPartitionList {
  name: string;
  partitions: number[];
}

/** topic → partition → broker → bytes on that broker's disks (summed over its log dirs). */
export type ReplicaSizes = Map<string, Map<number, Map<number, number>>>;

/**
 * Size on disk of every replica of the given partitions: one DescribeLogDirs request per broker.
 * Replicas being moved between log dirs ("future" replicas) are not counted twice.
 */
export async function describeReplicaSizes(
  cluster: ClusterConfig,
  topics: readonly TopicPartitionList[],
): Promise<ReplicaSizes> {
  const sizes: ReplicaSizes = new Map();
  const asked = topics.filter((t) => t.partitions.length > 0);
  if (asked.length === 0) return sizes;
  try {
    const brokers = await adminFor(cluster).describeLogDirs({
      topics: asked.map((t) => ({ name: t.name, partitions: [...t.partitions] })),
    });
    for (const broker of brokers) {
      for (const dir of broker.results) {
        for (const topic of dir.topics) {
          const perPartition = sizes.get(topic.name) ?? new Map<number, Map<number, number>>();
          sizes.set(topic.name, perPartition);
          for (const p of topic.partitions) {
            if (p.isFutureKey) continue;
            const perBroker = perPartition.get(p.partitionIndex) ?? new Map<number, number>();
            perPartition.set(p.partitionIndex, perBroker);
            perBroker.set(broker.broker, (perBroker.get(broker.broker) ?? 0) + Number(p.partitionSize));
          }
        }
      }
    }
    return sizes;
  } catch (error) {
    throw toAppError(error, 'describing the log directories');
  }
}
