import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { adminFor } from './admin';
import { toAppError } from './errors';
import { groupMemberConsumer } from './run-group-member';

export interface GroupTopicOffsets {
  topic: string;
  /** The committed offset is the next offset the group will read. */
  partitions: { partition: number; offset: number | bigint }[];
}

/**
 * Commits offsets for a group through the admin API. The group must have no active members
 * (an empty or unknown group is fine: committing creates it, in state Empty); the broker refuses
 * otherwise, which we report as a conflict.
 */
export async function commitGroupOffsets(
  cluster: ClusterConfig,
  groupId: string,
  topics: readonly GroupTopicOffsets[],
): Promise<void> {
  try {
    await adminFor(cluster).alterConsumerGroupOffsets({
      groupId,
      topics: topics.map((t) => ({
        name: t.topic,
        partitionOffsets: t.partitions.map((p) => ({ partition: p.partition, offset: BigInt(p.offset) })),
      })),
    });
  } catch (error) {
    const text = JSON.stringify(error, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? '';
    if (/UNKNOWN_MEMBER_ID|ILLEGAL_GENERATION|REBALANCE_IN_PROGRESS|STALE_MEMBER_EPOCH/.test(text)) {
      throw new AppError(
        'CONFLICT',
        `group ${groupId} has active members; stop its consumers before changing its offsets`,
        { cause: error },
      );
    }
    throw toAppError(error, `committing offsets for group ${groupId}`);
  }
}

/** Deletes those of the groups that exist (they must have no members); returns the ids deleted. */
export async function deleteGroupsIfPresent(
  cluster: ClusterConfig,
  groupIds: readonly string[],
): Promise<string[]> {
  const admin = adminFor(cluster);
  try {
    // Without a type filter the client lists classic groups only; KIP-848 groups are type "consumer".
    const existing = await admin.listGroups({ types: ['classic', 'consumer'] });
    const present = groupIds.filter((id) => existing.has(id));
    if (present.length) await admin.deleteGroups({ groups: present });
    return present;
  } catch (error) {
    throw toAppError(error, `deleting groups ${groupIds.join(', ')}`);
  }
}

/** Committed offsets of a group per topic and partition (only partitions with a commit). */
export async function readGroupOffsets(
  cluster: ClusterConfig,
  groupId: string,
): Promise<Map<string, Map<number, bigint>>> {
  try {
    const [group] = await adminFor(cluster).listConsumerGroupOffsets({ groups: [groupId] });
    const result = new Map<string, Map<number, bigint>>();
    for (const topic of group?.topics ?? []) {
      const partitions = new Map<number, bigint>();
      for (const p of topic.partitions)
        if (p.committedOffset >= 0n) partitions.set(p.partitionIndex, p.committedOffset);
      result.set(topic.name, partitions);
    }
    return result;
  } catch (error) {
    throw toAppError(error, `reading the offsets of group ${groupId}`);
  }
}

export interface ConsumeAndCommitOptions {
  groupId: string;
  topic: string;
  /** Read each partition up to (excluding) this offset, then commit it. */
  untilOffsets: number[];
  /** "consumer" joins with the KIP-848 protocol, "classic" with JoinGroup/SyncGroup. */
  protocol: 'consumer' | 'classic';
  timeoutMs?: number;
}

/**
 * Joins the group as a real member, reads the topic from the start up to the given offsets,
 * commits them and leaves: a group whose offsets were committed by a consumer, of either
 * protocol, rather than by the admin API. Returns the number of records read.
 */
export async function consumeAndCommit(
  cluster: ClusterConfig,
  options: ConsumeAndCommitOptions,
): Promise<number> {
  const consumer = groupMemberConsumer(cluster, options.groupId, options.protocol, options.groupId);
  const remaining = new Set(options.untilOffsets.map((end, p) => (end > 0 ? p : -1)).filter((p) => p >= 0));
  let read = 0;
  const close = () => new Promise<void>((resolve) => consumer.close(true, () => resolve()));
  const timer = setTimeout(() => void close(), options.timeoutMs ?? 60_000);
  try {
    if (remaining.size > 0) {
      const stream = await consumer.consume({
        topics: [options.topic],
        mode: 'earliest',
        autocommit: false,
        maxWaitTime: 500,
      });
      try {
        for await (const message of stream) {
          read++;
          const end = options.untilOffsets[message.partition] ?? 0;
          if (message.offset + 1n >= BigInt(end)) remaining.delete(message.partition);
          if (remaining.size === 0) break;
        }
      } finally {
        await stream.close().catch(() => undefined);
      }
      if (remaining.size > 0)
        throw new AppError(
          'TIMEOUT',
          `group ${options.groupId} did not reach the end of ${options.topic} in time`,
        );
    } else {
      await consumer.joinGroup({});
    }
    const metadata = await consumer.metadata({ topics: [options.topic] });
    const partitions = metadata.topics.get(options.topic)?.partitions ?? [];
    await consumer.commit({
      offsets: options.untilOffsets.map((offset, partition) => ({
        topic: options.topic,
        partition,
        offset: BigInt(offset),
        leaderEpoch: partitions[partition]?.leaderEpoch ?? -1,
      })),
    });
    return read;
  } catch (error) {
    throw toAppError(error, `consuming ${options.topic} as group ${options.groupId}`);
  } finally {
    clearTimeout(timer);
    await close();
  }
}
