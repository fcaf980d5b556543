import 'server-only';
import { describeGroupsV5 } from '@platformatic/kafka';
import type { ClusterConfig } from '@/lib/config/schema';
import { forEachGroupCoordinator, type GroupCoordinator } from './group-coordinators';
import {
  decodeConsumerAssignment,
  decodeConsumerSubscription,
  type AssignedTopic,
} from './consumer-protocol';
import { toAppError } from './errors';

export interface ClassicGroupMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  /** Decoded for the "consumer" protocol type only; null for Connect and other protocols. */
  subscribedTopics: string[] | null;
  assignment: AssignedTopic[] | null;
}

export interface ClassicGroupDescription {
  /** The broker that coordinates the group (filled in by the describe call, not the parser). */
  coordinator?: GroupCoordinator;
  groupId: string;
  errorCode: number;
  /** As the broker says it: "Stable", "Empty", "PreparingRebalance", "CompletingRebalance", "Dead". */
  state: string;
  /** "consumer", "connect", … ; empty for a group that only has committed offsets. */
  protocolType: string;
  /** The assignor the members agreed on ("range", "cooperative-sticky", …). */
  protocol: string;
  members: ClassicGroupMember[];
}

type RawResponse = Awaited<ReturnType<typeof describeGroupsV5.api.async>>;

/** A response with a per-group error still carries the other groups: keep them. */
function responseOf(error: unknown): RawResponse | undefined {
  const response = (error as { response?: RawResponse } | null)?.response;
  return response && Array.isArray(response.groups) ? response : undefined;
}

/**
 * DescribeGroups for classic groups, each at its coordinator. The client's own describeGroups
 * decodes every member's metadata as the consumer protocol, which throws (inside a socket
 * callback) for Kafka Connect groups; here members are decoded only when the protocol type is
 * "consumer".
 */
export async function describeClassicGroups(
  cluster: ClusterConfig,
  groupIds: readonly string[],
): Promise<Map<string, ClassicGroupDescription>> {
  const result = new Map<string, ClassicGroupDescription>();
  if (groupIds.length === 0) return result;
  try {
    const coordinatorOf = await forEachGroupCoordinator(cluster, groupIds, async (connection, ids) => {
      let response: RawResponse;
      try {
        response = await describeGroupsV5.api.async(connection, ids, false);
      } catch (error) {
        const partial = responseOf(error);
        if (!partial) throw error;
        response = partial;
      }
      for (const g of response.groups) {
        const consumerProtocol = g.protocolType === 'consumer';
        result.set(g.groupId, {
          groupId: g.groupId,
          errorCode: g.errorCode,
          state: g.groupState,
          protocolType: g.protocolType,
          protocol: g.protocolData,
          members: g.members.map((m) => ({
            memberId: m.memberId,
            groupInstanceId: m.groupInstanceId ?? null,
            clientId: m.clientId,
            clientHost: m.clientHost,
            subscribedTopics: consumerProtocol ? decodeConsumerSubscription(m.memberMetadata) : null,
            assignment: consumerProtocol ? decodeConsumerAssignment(m.memberAssignment) : null,
          })),
        });
      }
    });
    for (const [id, group] of result) group.coordinator = coordinatorOf.get(id);
    return result;
  } catch (error) {
    throw toAppError(error, `describing groups ${groupIds.join(', ')}`);
  }
}
