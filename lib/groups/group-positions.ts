import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { listGroups, type GroupListing } from '@/lib/kafka/groups';
import { listCommittedOffsets } from '@/lib/kafka/list-committed-offsets';
import {
  existingTopicPartitionCounts,
  listPartitionOffsets,
  topicPartitionCounts,
} from '@/lib/kafka/list-offsets';
import { groupStateLabel, isGroupRunning, normalizeGroupState } from './group-state';
import {
  resolveResetScope,
  type PartitionPosition,
  type ResetScope,
  type TopicPartitions,
} from './plan-offset-reset';

/** The group as ListGroups reports it; undefined when the broker knows no such group. */
export async function findGroupListing(
  cluster: ClusterConfig,
  groupId: string,
): Promise<GroupListing | undefined> {
  return (await listGroups(cluster)).find((g) => g.id === groupId);
}

/** Offsets are only moved under a group nobody consumes for: Empty, Dead, or not there yet. */
export function assertGroupNotRunning(groupId: string, listing: GroupListing | undefined): void {
  if (!listing) return;
  const state = normalizeGroupState(listing.state);
  if (isGroupRunning(state)) {
    throw new AppError(
      'CONFLICT',
      `group ${groupId} is running (state ${groupStateLabel(state)}): stop the group's consumers first`,
    );
  }
}

/** The group's committed offsets, topic → partition → offset. */
export async function committedOffsetsOf(
  cluster: ClusterConfig,
  groupId: string,
): Promise<Map<string, Map<number, bigint>>> {
  return (await listCommittedOffsets(cluster, [groupId])).get(groupId) ?? new Map();
}

/** Topics and partitions a reset scope covers; a named topic must exist, gone topics of the group are skipped. */
export async function resolveScope(
  cluster: ClusterConfig,
  scope: ResetScope,
  committed: Map<string, Map<number, bigint>>,
): Promise<TopicPartitions[]> {
  if (scope.kind === 'all') {
    const counts = await existingTopicPartitionCounts(cluster, [...committed.keys()]);
    return resolveResetScope(scope, [...counts.keys()], counts);
  }
  const counts = await topicPartitionCounts(cluster, [scope.topic]);
  return resolveResetScope(scope, [...committed.keys()], counts);
}

/** Low and high watermarks, committed offset and (optionally) the offset at a time, per partition. */
export async function readPartitionPositions(
  cluster: ClusterConfig,
  topics: readonly TopicPartitions[],
  committed: Map<string, Map<number, bigint>>,
  timestamp?: number,
): Promise<PartitionPosition[]> {
  const [low, high, atTime] = await Promise.all([
    listPartitionOffsets(cluster, topics, 'earliest'),
    listPartitionOffsets(cluster, topics, 'latest'),
    timestamp === undefined
      ? Promise.resolve(undefined)
      : listPartitionOffsets(cluster, topics, { timestamp }),
  ]);
  return topics.flatMap(({ topic, partitions }) =>
    partitions.map((partition) => ({
      topic,
      partition,
      low: low.get(topic)?.get(partition) ?? 0n,
      high: high.get(topic)?.get(partition) ?? 0n,
      committed: committed.get(topic)?.get(partition) ?? null,
      ...(atTime ? { atTimestamp: atTime.get(topic)?.get(partition) ?? null } : {}),
    })),
  );
}
