import 'server-only';
import { kGetApi, ListOffsetTimestamps, type Admin, type Connection } from '@platformatic/kafka';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { adminFor } from './admin';
import { toAppError } from './errors';

/**
 * The partition layout and watermarks of many topics at once: one Metadata request, then one
 * ListOffsets request per partition leader for the earliest offsets and one for the latest.
 *
 * This talks to the broker with the client's negotiated raw APIs rather than `admin.metadata` /
 * `admin.listOffsets`, because the client drops Kafka's own internal topics
 * (`__consumer_offsets`, `__transaction_state`) from its metadata cache, and its listOffsets then
 * fails on them; the console lists those topics too.
 */

export interface PartitionLayout {
  partition: number;
  /** -1 when the partition has no leader. */
  leader: number;
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
}

export interface TopicLayout {
  name: string;
  topicId: string;
  /** Kafka's own internal topics (the broker's isInternal flag). */
  internal: boolean;
  partitions: PartitionLayout[];
}

export interface PartitionWatermarkPair {
  /** Log start offset; null when the leader could not answer. */
  low: bigint | null;
  /** Log end offset (high watermark); null when the leader could not answer. */
  high: bigint | null;
}

export interface TopicPartitionsDescription {
  brokers: number[];
  topics: TopicLayout[];
  /** topic → partition → watermarks. */
  watermarks: Map<string, Map<number, PartitionWatermarkPair>>;
}

interface RawMetadata {
  brokers: { nodeId: number }[];
  topics: {
    errorCode: number;
    name: string | null;
    topicId: string;
    isInternal: boolean;
    partitions: {
      errorCode: number;
      partitionIndex: number;
      leaderId: number;
      leaderEpoch: number;
      replicaNodes: number[];
      isrNodes: number[];
      offlineReplicas: number[];
    }[];
  }[];
}

interface RawListOffsets {
  topics: { name: string; partitions: { partitionIndex: number; errorCode: number; offset: bigint }[] }[];
}

type RawApi<A extends unknown[], R> = { async: (connection: Connection, ...args: A) => Promise<R> };

function negotiatedApi<A extends unknown[], R>(admin: Admin, name: string): Promise<RawApi<A, R>> {
  return new Promise((resolve, reject) => {
    admin[kGetApi]<A, R>(name, (error, api) =>
      error || !api ? reject(error ?? new Error(`no API ${name}`)) : resolve(api),
    );
  });
}

async function anyConnection(admin: Admin): Promise<Connection> {
  const connections = await admin.connectToBrokers(null);
  const first = connections.values().next().value;
  if (!first) throw new AppError('BROKER_UNAVAILABLE', 'no broker of this cluster could be reached');
  return first;
}

/** Partition-level errors come back as a thrown error that still carries the response. */
async function withPartialResponse<R>(call: Promise<R>): Promise<R> {
  try {
    return await call;
  } catch (error) {
    const partial = (error as { response?: R }).response;
    if (partial && typeof partial === 'object') return partial;
    throw error;
  }
}

async function readMetadata(admin: Admin, names: readonly string[] | null): Promise<RawMetadata> {
  const connection = await anyConnection(admin);
  const metadata = await negotiatedApi<[string[] | null, boolean, boolean], RawMetadata>(admin, 'Metadata');
  return metadata.async(connection, names ? [...names] : null, false, false);
}

async function readOffsets(
  admin: Admin,
  topics: readonly TopicLayout[],
  timestamp: bigint,
): Promise<Map<string, Map<number, bigint | null>>> {
  const byLeader = new Map<
    number,
    Map<string, { partitionIndex: number; currentLeaderEpoch: number; timestamp: bigint }[]>
  >();
  for (const topic of topics) {
    for (const p of topic.partitions) {
      if (p.leader < 0) continue;
      const perTopic = byLeader.get(p.leader) ?? new Map();
      byLeader.set(p.leader, perTopic);
      const list = perTopic.get(topic.name) ?? [];
      perTopic.set(topic.name, list);
      list.push({ partitionIndex: p.partition, currentLeaderEpoch: p.leaderEpoch, timestamp });
    }
  }
  const result = new Map<string, Map<number, bigint | null>>();
  if (byLeader.size === 0) return result;
  const api = await negotiatedApi<
    [
      number,
      number,
      {
        name: string;
        partitions: { partitionIndex: number; currentLeaderEpoch: number; timestamp: bigint }[];
      }[],
    ],
    RawListOffsets
  >(admin, 'ListOffsets');
  const connections = await admin.connectToBrokers([...byLeader.keys()]);
  const responses = await Promise.all(
    [...byLeader.entries()].map(([leader, perTopic]) => {
      const connection = connections.get(leader);
      if (!connection)
        throw new AppError(
          'BROKER_UNAVAILABLE',
          `broker ${leader}, a partition leader, could not be reached`,
        );
      // replica -1 (a client), isolation 0 (read_uncommitted: the high watermark, not the last stable offset)
      return withPartialResponse(
        api.async(
          connection,
          -1,
          0,
          [...perTopic.entries()].map(([name, partitions]) => ({ name, partitions })),
        ),
      );
    }),
  );
  for (const response of responses) {
    for (const t of response.topics) {
      const byPartition = result.get(t.name) ?? new Map<number, bigint | null>();
      result.set(t.name, byPartition);
      for (const p of t.partitions)
        byPartition.set(p.partitionIndex, p.errorCode === 0 && p.offset >= 0n ? p.offset : null);
    }
  }
  return result;
}

/**
 * Partition layout (leader, replicas, ISR) of the named topics, or of every topic when `names`
 * is omitted, from one Metadata request. A name that does not exist is an UNKNOWN_TOPIC error.
 */
export async function describeTopicLayouts(
  cluster: ClusterConfig,
  names?: readonly string[],
): Promise<{ brokers: number[]; topics: TopicLayout[] }> {
  const admin = adminFor(cluster);
  let metadata: RawMetadata;
  try {
    metadata = await readMetadata(admin, names ?? null);
  } catch (error) {
    const mapped = toAppError(error, 'reading topic metadata');
    if (mapped.code === 'UNKNOWN_TOPIC' && names?.length === 1)
      throw new AppError('UNKNOWN_TOPIC', `topic "${names[0]}" does not exist`);
    if (mapped.code === 'UNKNOWN_TOPIC' && names) {
      const known = new Set(
        (error as { response?: RawMetadata }).response?.topics
          .filter((t) => t.errorCode === 0)
          .map((t) => t.name),
      );
      const missing = names.filter((n) => !known.has(n));
      throw new AppError(
        'UNKNOWN_TOPIC',
        `topic${missing.length === 1 ? '' : 's'} ${missing.map((n) => `"${n}"`).join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist`,
      );
    }
    throw mapped;
  }
  const topics: TopicLayout[] = metadata.topics
    .filter((t): t is typeof t & { name: string } => t.name !== null && t.errorCode === 0)
    .map((t) => ({
      name: t.name,
      topicId: t.topicId,
      internal: t.isInternal,
      partitions: [...t.partitions]
        .sort((a, b) => a.partitionIndex - b.partitionIndex)
        .map((p) => ({
          partition: p.partitionIndex,
          leader: p.leaderId,
          leaderEpoch: p.leaderEpoch,
          replicas: p.replicaNodes,
          isr: p.isrNodes,
          offlineReplicas: p.offlineReplicas,
        })),
    }));
  return { brokers: metadata.brokers.map((b) => b.nodeId).sort((a, b) => a - b), topics };
}

/** Layout and watermarks of the named topics, or of every topic when `names` is omitted. */
export async function describeTopicPartitions(
  cluster: ClusterConfig,
  names?: readonly string[],
): Promise<TopicPartitionsDescription> {
  const admin = adminFor(cluster);
  const { brokers, topics } = await describeTopicLayouts(cluster, names);
  try {
    const [low, high] = await Promise.all([
      readOffsets(admin, topics, ListOffsetTimestamps.EARLIEST),
      readOffsets(admin, topics, ListOffsetTimestamps.LATEST),
    ]);
    const watermarks = new Map<string, Map<number, PartitionWatermarkPair>>();
    for (const topic of topics) {
      const perPartition = new Map<number, PartitionWatermarkPair>();
      for (const p of topic.partitions)
        perPartition.set(p.partition, {
          low: low.get(topic.name)?.get(p.partition) ?? null,
          high: high.get(topic.name)?.get(p.partition) ?? null,
        });
      watermarks.set(topic.name, perPartition);
    }
    return { brokers, topics, watermarks };
  } catch (error) {
    throw toAppError(error, 'listing the offsets of the topics');
  }
}
