import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import type { GroupCoordinator } from '@/lib/kafka/consumer-group-describe';
import { describeConsumerGroups } from '@/lib/kafka/consumer-group-describe';
import { describeClassicGroups } from '@/lib/kafka/describe-classic-groups';
import type { GroupListing } from '@/lib/kafka/groups';
import type { GroupMember } from '@/lib/schemas/groups';
import type { GroupState } from '@/lib/schemas/groups';
import { normalizeGroupState } from './group-state';

/** Brokers report the member's address as Java prints it, "/127.0.0.1". */
const hostOf = (clientHost: string) => clientHost.replace(/^\//, '');

export interface GroupDescriptionView {
  state: GroupState;
  assignor: string | null;
  epoch: number | null;
  coordinator: GroupCoordinator | null;
  members: GroupMember[];
}

/**
 * Describes listed groups with the API of their kind: DescribeGroups for classic groups,
 * ConsumerGroupDescribe for KIP-848 ones (DescribeGroups calls those Dead). A group the
 * describe call could not answer for is left out; callers fall back to the listing.
 */
export async function describeListedGroups(
  cluster: ClusterConfig,
  listings: readonly GroupListing[],
): Promise<Map<string, GroupDescriptionView>> {
  const classicIds = listings.filter((g) => g.groupType !== 'consumer').map((g) => g.id);
  const consumerIds = listings.filter((g) => g.groupType === 'consumer').map((g) => g.id);
  const [classic, consumer] = await Promise.all([
    describeClassicGroups(cluster, classicIds),
    describeConsumerGroups(cluster, consumerIds),
  ]);
  const views = new Map<string, GroupDescriptionView>();
  for (const [id, g] of classic) {
    if (g.errorCode !== 0) continue;
    views.set(id, {
      state: normalizeGroupState(g.state),
      assignor: g.protocol || null,
      epoch: null,
      coordinator: g.coordinator ?? null,
      members: g.members.map((m) => ({
        memberId: m.memberId,
        clientId: m.clientId,
        host: hostOf(m.clientHost),
        instanceId: m.groupInstanceId,
        subscribedTopics: m.subscribedTopics,
        assignment: m.assignment,
      })),
    });
  }
  for (const [id, g] of consumer) {
    if (g.errorCode !== 0) continue;
    views.set(id, {
      state: normalizeGroupState(g.groupState),
      assignor: g.assignorName || null,
      epoch: g.groupEpoch,
      coordinator: g.coordinator ?? null,
      members: g.members.map((m) => ({
        memberId: m.memberId,
        clientId: m.clientId,
        host: hostOf(m.clientHost),
        instanceId: m.instanceId,
        subscribedTopics: m.subscribedTopicNames,
        assignment: m.assignment.map((a) => ({
          topic: a.topicName,
          partitions: [...a.partitions].sort((x, y) => x - y),
        })),
      })),
    });
  }
  return views;
}
