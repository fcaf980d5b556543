import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { listGroups } from '@/lib/kafka/groups';
import { listCommittedOffsets } from '@/lib/kafka/list-committed-offsets';
import { existingTopicPartitionCounts, listPartitionOffsets } from '@/lib/kafka/list-offsets';
import type { GroupList } from '@/lib/schemas/groups';
import { computePartitionLag, totalLag } from './compute-lag';
import { describeListedGroups } from './describe-listed-groups';
import { isGroupRunning, normalizeGroupState } from './group-state';

export interface ListGroupsOptions {
  /** Case-insensitive substring of the group id. */
  q?: string;
  includeSystem?: boolean;
}

/**
 * Every consumer group with its state, kind, member count, the topics it committed on and its
 * total lag. Each step asks for all groups at once (one ListGroups, one describe per kind and
 * coordinator, one OffsetFetch, two ListOffsets), so the cost does not grow with requests per group.
 */
export async function listConsumerGroups(
  cluster: ClusterConfig,
  options: ListGroupsOptions = {},
): Promise<GroupList> {
  const all = await listGroups(cluster);
  const visible = options.includeSystem ? all : all.filter((g) => !g.system);
  const needle = options.q?.trim().toLowerCase();
  const listings = needle ? visible.filter((g) => g.id.toLowerCase().includes(needle)) : visible;
  const ids = listings.map((g) => g.id);

  const [descriptions, committed] = await Promise.all([
    describeListedGroups(cluster, listings),
    listCommittedOffsets(cluster, ids),
  ]);
  const topicNames = [...new Set([...committed.values()].flatMap((topics) => [...topics.keys()]))];
  const existing = await existingTopicPartitionCounts(cluster, topicNames);
  const asked = [...existing.keys()].map((topic) => ({
    topic,
    partitions: [
      ...new Set([...committed.values()].flatMap((topics) => [...(topics.get(topic)?.keys() ?? [])])),
    ],
  }));
  const [low, high] = await Promise.all([
    listPartitionOffsets(cluster, asked, 'earliest'),
    listPartitionOffsets(cluster, asked, 'latest'),
  ]);

  const groups = listings.map((g) => {
    const description = descriptions.get(g.id);
    const state = description?.state ?? normalizeGroupState(g.state);
    const topics = committed.get(g.id) ?? new Map<string, Map<number, bigint>>();
    const lags = [...topics].flatMap(([topic, partitions]) =>
      existing.has(topic)
        ? [...partitions].map(([partition, offset]) =>
            computePartitionLag({
              topic,
              partition,
              committed: offset,
              highWatermark: high.get(topic)?.get(partition) ?? 0n,
              lowWatermark: low.get(topic)?.get(partition) ?? 0n,
            }),
          )
        : [],
    );
    return {
      id: g.id,
      system: g.system,
      state,
      running: isGroupRunning(state),
      type: g.groupType === 'consumer' ? ('consumer' as const) : ('classic' as const),
      protocolType: g.protocolType,
      members: description?.members.length ?? 0,
      topics: [...topics.keys()].sort(),
      totalLag: totalLag(lags)?.toString() ?? null,
    };
  });
  return { groups, hiddenSystemGroups: options.includeSystem ? 0 : all.length - visible.length };
}
