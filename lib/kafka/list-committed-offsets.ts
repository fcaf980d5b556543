import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { adminFor } from './admin';
import { toAppError } from './errors';

/** group → topic → partition → committed offset (the next offset the group will read). */
export type CommittedOffsets = Map<string, Map<string, Map<number, bigint>>>;

/**
 * Committed offsets of several groups in one OffsetFetch per coordinator, classic and KIP-848
 * alike. Partitions without a commit are left out.
 */
export async function listCommittedOffsets(
  cluster: ClusterConfig,
  groupIds: readonly string[],
): Promise<CommittedOffsets> {
  const result: CommittedOffsets = new Map();
  if (groupIds.length === 0) return result;
  try {
    const groups = await adminFor(cluster).listConsumerGroupOffsets({ groups: [...groupIds] });
    for (const group of groups) {
      const topics = new Map<string, Map<number, bigint>>();
      for (const topic of group.topics) {
        const partitions = new Map<number, bigint>();
        for (const p of topic.partitions)
          if (p.committedOffset >= 0n) partitions.set(p.partitionIndex, p.committedOffset);
        if (partitions.size) topics.set(topic.name, partitions);
      }
      result.set(group.groupId, topics);
    }
    return result;
  } catch (error) {
    throw toAppError(
      error,
      `reading the committed offsets of ${groupIds.length === 1 ? `group ${groupIds[0]}` : `${groupIds.length} groups`}`,
    );
  }
}
