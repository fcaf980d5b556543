import 'server-only';
import { Consumer, FetchIsolationLevels, ListOffsetTimestamps, protocolErrorsCodesById } from '@platformatic/kafka';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/http/errors';
import './codecs';
import { connectionOptions } from './connection';
import { toAppError } from './errors';
import { recordsFromBatches, type RawRecord, type RecordBatch } from './records';

/**
 * Reading without a consumer group. The platformatic Consumer wants a group id in its
 * constructor, but only joinGroup/commit/consume ever send it to a broker; this reader calls
 * nothing but Metadata, ListOffsets and Fetch, so no group is created and nothing is committed.
 */
const NEVER_JOINED_GROUP = 'event-store-console-reader-never-joins';

const readers = globalThis as unknown as { __kafkaReaders?: Map<string, Consumer> };

function readerFor(cluster: ClusterConfig): Consumer {
  readers.__kafkaReaders ??= new Map();
  let reader = readers.__kafkaReaders.get(cluster.id);
  if (!reader || reader.closed) {
    reader = new Consumer({ ...connectionOptions(cluster), groupId: NEVER_JOINED_GROUP, autocommit: false });
    readers.__kafkaReaders.set(cluster.id, reader);
  }
  return reader;
}

export async function closeReaders(): Promise<void> {
  const all = [...(readers.__kafkaReaders?.values() ?? [])];
  readers.__kafkaReaders?.clear();
  await Promise.allSettled(all.map((r) => r.close()));
}

export type Isolation = 'read_committed' | 'read_uncommitted';

export interface PartitionWatermarks {
  partition: number;
  low: bigint;
  high: bigint;
}

interface TopicLayout {
  topicId: string;
  leaders: number[];
}

async function topicLayout(reader: Consumer, topic: string): Promise<TopicLayout> {
  let metadata;
  try {
    metadata = await reader.metadata({ topics: [topic] });
  } catch (error) {
    const mapped = toAppError(error, `reading metadata of topic "${topic}"`);
    if (mapped.code === 'UNKNOWN_TOPIC') throw new AppError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
    throw mapped;
  }
  const t = metadata.topics.get(topic);
  if (!t) throw new AppError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
  return { topicId: t.id, leaders: t.partitions.map((p) => p.leader) };
}

/** Earliest and latest offsets of every partition of a topic. */
export async function readWatermarks(cluster: ClusterConfig, topic: string): Promise<PartitionWatermarks[]> {
  const reader = readerFor(cluster);
  const layout = await topicLayout(reader, topic);
  const partitions = layout.leaders.map((_, i) => i);
  try {
    const [low, high] = await Promise.all([
      reader.listOffsets({ topics: [topic], partitions: { [topic]: partitions }, timestamp: ListOffsetTimestamps.EARLIEST }),
      reader.listOffsets({ topics: [topic], partitions: { [topic]: partitions }, timestamp: ListOffsetTimestamps.LATEST }),
    ]);
    const lows = low.get(topic) ?? [];
    const highs = high.get(topic) ?? [];
    return partitions.map((p) => ({ partition: p, low: lows[p] ?? 0n, high: highs[p] ?? 0n }));
  } catch (error) {
    throw toAppError(error, `listing offsets of topic "${topic}"`);
  }
}

export interface ReadRangeOptions {
  topic: string;
  partition: number;
  fromOffset: bigint;
  /** Stop after this many records. */
  limit: number;
  isolation?: Isolation;
  /** Per-request byte budget; larger reads are cheaper per record. */
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface ReadRangeResult {
  records: RawRecord[];
  /** Where the next read should start. */
  nextOffset: bigint;
  highWatermark: bigint;
  logStartOffset: bigint;
}

/**
 * Reads up to `limit` records of one partition starting at `fromOffset`, fetching from the
 * partition leader until the limit or the end of the log is reached.
 */
export async function readPartitionRange(cluster: ClusterConfig, options: ReadRangeOptions): Promise<ReadRangeResult> {
  const reader = readerFor(cluster);
  const { topic, partition, limit } = options;
  const isolation = options.isolation ?? 'read_committed';
  const layout = await topicLayout(reader, topic);
  const leader = layout.leaders[partition];
  if (leader === undefined) throw new AppError('BAD_REQUEST', `topic "${topic}" has no partition ${partition}`);

  const records: RawRecord[] = [];
  let offset = options.fromOffset;
  let highWatermark = -1n;
  let logStartOffset = 0n;
  while (records.length < limit) {
    if (options.signal?.aborted) break;
    let response;
    try {
      response = await reader.fetch({
        node: leader,
        topics: [{ topicId: layout.topicId, partitions: [{ partition, fetchOffset: offset, partitionMaxBytes: options.maxBytes ?? 1_048_576, currentLeaderEpoch: -1, lastFetchedEpoch: -1 }] }],
        maxWaitTime: 0,
        minBytes: 1,
        maxBytes: options.maxBytes ?? 1_048_576,
        isolationLevel: isolation === 'read_committed' ? FetchIsolationLevels.READ_COMMITTED : FetchIsolationLevels.READ_UNCOMMITTED,
      });
    } catch (error) {
      throw toAppError(error, `reading ${topic}/${partition} at offset ${offset}`);
    }
    const p = response.responses[0]?.partitions[0];
    if (!p) break;
    if (p.errorCode !== 0) {
      const apiId = (protocolErrorsCodesById as Record<number, string | undefined>)[p.errorCode] ?? String(p.errorCode);
      if (apiId === 'OFFSET_OUT_OF_RANGE') {
        throw new AppError('OFFSET_OUT_OF_RANGE', `offset ${offset} is outside ${topic}/${partition}`);
      }
      throw new AppError('BROKER_UNAVAILABLE', `reading ${topic}/${partition} failed: ${apiId}`);
    }
    highWatermark = p.highWatermark;
    logStartOffset = p.logStartOffset;
    const end = isolation === 'read_committed' && p.lastStableOffset >= 0n ? p.lastStableOffset : p.highWatermark;
    const batches = (p.records ?? []) as unknown as RecordBatch[];
    if (batches.length === 0) break;
    const got = recordsFromBatches(partition, batches, offset, isolation === 'read_committed' ? p.abortedTransactions : undefined);
    for (const r of got) {
      if (records.length >= limit) break;
      records.push(r);
    }
    const last = batches[batches.length - 1]!;
    const batchEnd = last.firstOffset + BigInt(last.lastOffsetDelta) + 1n;
    offset = records.length >= limit ? records[records.length - 1]!.offset + 1n : batchEnd;
    if (offset >= end) break;
  }
  return { records, nextOffset: offset, highWatermark, logStartOffset };
}
