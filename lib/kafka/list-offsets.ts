import 'server-only';
import { ListOffsetTimestamps } from '@platformatic/kafka';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { adminFor } from './admin';
import { toAppError } from './errors';

/** Where to look: the log start, the log end, or the first record at or after a time (epoch ms). */
export type OffsetQuery = 'earliest' | 'latest' | { timestamp: number };

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

/** topic → partition → offset; null when no record is at or after the asked timestamp. */
export type OffsetsByTopic = Map<string, Map<number, bigint | null>>;

function timestampOf(query: OffsetQuery): bigint {
  if (query === 'earliest') return ListOffsetTimestamps.EARLIEST;
  if (query === 'latest') return ListOffsetTimestamps.LATEST;
  return BigInt(Math.trunc(query.timestamp));
}

/** ListOffsets for many topics and partitions in one call. */
export async function listPartitionOffsets(
  cluster: ClusterConfig,
  topics: readonly TopicPartitions[],
  query: OffsetQuery,
): Promise<OffsetsByTopic> {
  const result: OffsetsByTopic = new Map();
  const asked = topics.filter((t) => t.partitions.length > 0);
  if (asked.length === 0) return result;
  const timestamp = timestampOf(query);
  try {
    const listed = await adminFor(cluster).listOffsets({
      topics: asked.map((t) => ({
        name: t.topic,
        partitions: t.partitions.map((partitionIndex) => ({ partitionIndex, timestamp })),
      })),
    });
    // Partitions do not come back in request order: index them.
    for (const t of listed) {
      const byPartition = result.get(t.name) ?? new Map<number, bigint | null>();
      for (const p of t.partitions) byPartition.set(p.partitionIndex, p.offset < 0n ? null : p.offset);
      result.set(t.name, byPartition);
    }
    return result;
  } catch (error) {
    throw toAppError(error, `listing offsets of ${asked.map((t) => t.topic).join(', ')}`);
  }
}

/** Partition count of each of the topics that exist; the others are left out. */
export async function existingTopicPartitionCounts(
  cluster: ClusterConfig,
  topics: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const unique = [...new Set(topics)];
  if (unique.length === 0) return counts;
  const admin = adminFor(cluster);
  try {
    const existing = new Set(await admin.listTopics({ includeInternals: true }));
    const present = unique.filter((t) => existing.has(t));
    if (present.length === 0) return counts;
    const metadata = await admin.metadata({ topics: present });
    for (const name of present) counts.set(name, metadata.topics.get(name)?.partitionsCount ?? 0);
    return counts;
  } catch (error) {
    throw toAppError(error, `reading the partitions of ${unique.join(', ')}`);
  }
}

/** Partition count of each topic; UNKNOWN_TOPIC names the ones that do not exist. */
export async function topicPartitionCounts(
  cluster: ClusterConfig,
  topics: readonly string[],
): Promise<Map<string, number>> {
  const counts = await existingTopicPartitionCounts(cluster, topics);
  const missing = [...new Set(topics)].filter((t) => !counts.has(t));
  if (missing.length) {
    throw new AppError(
      'UNKNOWN_TOPIC',
      `${missing.length === 1 ? 'topic' : 'topics'} ${missing.map((t) => `"${t}"`).join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist`,
    );
  }
  return counts;
}
