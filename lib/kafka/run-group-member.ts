import 'server-only';
import { Consumer } from '@platformatic/kafka';
import type { ClusterConfig } from '@/lib/config/schema';
import { connectionOptions } from './connection';
import { toAppError } from './errors';

export interface GroupMemberOptions {
  groupId: string;
  topics: string[];
  /** "consumer" joins with the KIP-848 protocol, "classic" with JoinGroup/SyncGroup. */
  protocol: 'consumer' | 'classic';
  /** Suffix of the member's client id, so the member can be recognised in a description. */
  clientIdSuffix?: string;
}

export interface RunningGroupMember {
  /** Leaves the group and closes the consumer. */
  stop(): Promise<void>;
}

/**
 * A consumer that joins `groupId` with the given protocol: "consumer" is KIP-848, "classic" is
 * JoinGroup/SyncGroup. Its client id ends in `clientIdSuffix`, so it can be recognised in a
 * description of the group.
 */
export function groupMemberConsumer(
  cluster: ClusterConfig,
  groupId: string,
  protocol: 'consumer' | 'classic',
  clientIdSuffix: string,
): Consumer {
  const base = connectionOptions(cluster);
  const group =
    protocol === 'consumer'
      ? // The session timeout is the broker's under KIP-848, but the client still checks rebalanceTimeout >= it.
        { groupProtocol: 'consumer' as const, sessionTimeout: 10_000, rebalanceTimeout: 10_000 }
      : { sessionTimeout: 10_000, heartbeatInterval: 1_000, rebalanceTimeout: 10_000 };
  return new Consumer({
    ...base,
    retries: 3,
    clientId: `${base.clientId}-${clientIdSuffix}`,
    groupId,
    ...group,
  });
}

/**
 * Joins a group as a real, long-lived member that reads and discards what it is assigned and
 * never commits: a running read model, as far as the broker can tell. Used to show (and test)
 * that the console refuses to move the offsets of a group whose consumers are running.
 */
export async function runGroupMember(
  cluster: ClusterConfig,
  options: GroupMemberOptions,
): Promise<RunningGroupMember> {
  const consumer = groupMemberConsumer(
    cluster,
    options.groupId,
    options.protocol,
    options.clientIdSuffix ?? 'member',
  );
  const close = () => new Promise<void>((resolve) => consumer.close(true, () => resolve()));
  try {
    const stream = await consumer.consume({
      topics: options.topics,
      mode: 'committed',
      fallbackMode: 'earliest',
      autocommit: false,
      maxWaitTime: 500,
    });
    // Read and forget, so the stream keeps fetching and the member keeps heartbeating.
    stream.on('data', () => undefined);
    stream.on('error', () => undefined);
    return {
      async stop() {
        await stream.close().catch(() => undefined);
        await close();
      },
    };
  } catch (error) {
    await close();
    throw toAppError(error, `joining group ${options.groupId}`);
  }
}
