import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { existingTopicPartitionCounts } from '@/lib/kafka/list-offsets';
import type { GroupDetail } from '@/lib/schemas/groups';
import { computePartitionLag, totalLag } from './compute-lag';
import { describeListedGroups } from './describe-listed-groups';
import { readLagTimes } from './lag-time';
import { committedOffsetsOf, findGroupListing, readPartitionPositions } from './group-positions';
import { isGroupRunning, normalizeGroupState } from './group-state';

/**
 * One group: state, kind, coordinator, assignor, members and what each is assigned, and lag on
 * every partition of every topic it committed on (partitions it never committed on have no lag
 * figure). UNKNOWN_GROUP when the broker knows no such group.
 */
export async function getGroupDetail(cluster: ClusterConfig, groupId: string): Promise<GroupDetail> {
  const listing = await findGroupListing(cluster, groupId);
  if (!listing) throw new AppError('UNKNOWN_GROUP', `group ${groupId} does not exist`);
  const [descriptions, committed] = await Promise.all([
    describeListedGroups(cluster, [listing]),
    committedOffsetsOf(cluster, groupId),
  ]);
  const description = descriptions.get(groupId);
  const counts = await existingTopicPartitionCounts(cluster, [...committed.keys()]);
  const topics = [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([topic, n]) => ({ topic, partitions: Array.from({ length: n }, (_, p) => p) }));
  const positions = await readPartitionPositions(cluster, topics, committed);
  const at = Date.now();
  const lags = positions.map((p) =>
    computePartitionLag({
      topic: p.topic,
      partition: p.partition,
      committed: p.committed,
      highWatermark: p.high,
      lowWatermark: p.low,
    }),
  );
  const lagTimes = await readLagTimes(cluster, positions);
  const lagMsOf = (topic: string, partition: number) => lagTimes.get(`${topic}:${partition}`) ?? null;
  const known = [...lagTimes.values()].filter((v): v is number => v !== null);
  const state = description?.state ?? normalizeGroupState(listing.state);
  const str = (v: bigint | null) => (v === null ? null : v.toString());
  return {
    id: groupId,
    system: listing.system,
    state,
    running: isGroupRunning(state),
    type: listing.groupType === 'consumer' ? 'consumer' : 'classic',
    protocolType: listing.protocolType,
    assignor: description?.assignor ?? null,
    epoch: description?.epoch ?? null,
    coordinator: description?.coordinator ?? null,
    members: description?.members ?? [],
    topics: topics.map((t) => ({
      topic: t.topic,
      partitions: t.partitions.length,
      lag: str(totalLag(lags.filter((l) => l.topic === t.topic))),
    })),
    partitions: lags.map((l) => ({
      topic: l.topic,
      partition: l.partition,
      committed: str(l.committed),
      low: l.lowWatermark.toString(),
      high: l.highWatermark.toString(),
      lag: str(l.lag),
      lagMs: lagMsOf(l.topic, l.partition),
    })),
    totalLag: str(totalLag(lags)),
    maxLagMs: known.length ? Math.max(...known) : null,
    missingTopics: [...committed.keys()].filter((t) => !counts.has(t)).sort(),
    at,
  };
}
