import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { computePartitionLag, totalLag } from '@/lib/groups/compute-lag';
import { listGroups } from '@/lib/kafka/groups';
import { listCommittedOffsets } from '@/lib/kafka/list-committed-offsets';
import { describeTopicPartitions } from '@/lib/kafka/topic-partitions';
import type { TopicConsumers } from '@/lib/schemas/topics';

/**
 * The consumer groups that have committed offsets on a topic, with their lag. Three requests
 * whatever the number of groups: ListGroups, one OffsetFetch per coordinator for all groups, and
 * the topic's watermarks.
 */
export async function listTopicConsumers(cluster: ClusterConfig, topic: string): Promise<TopicConsumers> {
  const [description, groups] = await Promise.all([
    describeTopicPartitions(cluster, [topic]),
    listGroups(cluster),
  ]);
  const committed = await listCommittedOffsets(
    cluster,
    groups.map((g) => g.id),
  );
  const layout = description.topics[0];
  const watermarks = description.watermarks.get(topic);
  const result: TopicConsumers['groups'] = [];
  for (const group of groups) {
    const offsets = committed.get(group.id)?.get(topic);
    if (!offsets || offsets.size === 0) continue;
    const partitions = (layout?.partitions ?? []).map((p) => {
      const marks = watermarks?.get(p.partition);
      return computePartitionLag({
        topic,
        partition: p.partition,
        committed: offsets.get(p.partition) ?? null,
        highWatermark: marks?.high ?? 0n,
        lowWatermark: marks?.low ?? 0n,
      });
    });
    const total = totalLag(partitions);
    result.push({
      groupId: group.id,
      state: group.state,
      type: group.groupType,
      system: group.system,
      partitions: partitions.map((p) => ({
        partition: p.partition,
        committed: p.committed === null ? null : p.committed.toString(),
        low: p.lowWatermark.toString(),
        high: p.highWatermark.toString(),
        lag: p.lag === null ? null : p.lag.toString(),
      })),
      totalLag: total === null ? null : total.toString(),
    });
  }
  return { groups: result };
}
