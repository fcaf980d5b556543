import 'server-only';
import {
  Consumer,
  FetchIsolationLevels,
  ListOffsetTimestamps,
  createAPI,
  fetchV17,
  protocolErrorsCodesById,
} from '@platformatic/kafka';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import './codecs';
import { connectionOptions } from './connection';
import { toAppError } from './errors';
import { parseRecordColumns, RecordColumns, type AbortedTransaction, type RawRecord } from './records';
import { processMap } from '@/lib/process-map';

/**
 * The one reader: every feature (pages, tail, search, export, time travel, dead letters) reads
 * records through `fetchRecordChunk`, one Fetch of one partition parsed by the one batch parser
 * (records.ts: aborted-transaction filter, decompression, bounds). Features differ only in how
 * they plan ranges and what they do with the records.
 *
 * Reading has no side effects: Metadata, ListOffsets and Fetch only, on clients that never join a
 * group (the platformatic Consumer wants a group id in its constructor, but only joinGroup,
 * commit and consume ever send it), so no group is created and nothing is committed.
 *
 * Fetch is sent raw (v17) as a full fetch without a session (session id 0, epoch -1): fetch
 * sessions (KIP-227) belong to one consumer's sequence of fetches; concurrent reads on one
 * connection would fail with INVALID_FETCH_SESSION_EPOCH, and an incremental answer leaves out
 * partitions that did not change.
 */
const NEVER_JOINED_GROUP = 'event-store-console-reader-never-joins';

/**
 * Two connections per cluster: a broker answers one request per connection at a time, so the
 * long fetches of a scan get their own, and pages never queue behind them.
 */
export type ReadLane = 'pages' | 'scans';

const readers = processMap<string, Consumer>('kafkaReaders');

function readerFor(cluster: ClusterConfig, lane: ReadLane = 'pages'): Consumer {
  const id = `${cluster.id}\u0000${lane}`;
  let reader = readers.get(id);
  if (!reader || reader.closed) {
    const options = connectionOptions(cluster);
    reader = new Consumer({
      ...options,
      clientId: lane === 'pages' ? options.clientId : `${options.clientId}-scan`,
      groupId: NEVER_JOINED_GROUP,
      autocommit: false,
    });
    readers.set(id, reader);
  }
  return reader;
}

export async function closeReaders(): Promise<void> {
  const all = [...readers.values()];
  readers.clear();
  await Promise.allSettled(all.map((r) => r.close()));
}

export type Isolation = 'read_committed' | 'read_uncommitted';

export interface PartitionWatermarks {
  partition: number;
  low: bigint;
  high: bigint;
  /** With `at`: the first offset whose timestamp is at or after it; null when no record is. */
  atTimestamp?: bigint | null;
}

interface TopicLayout {
  topicId: string;
  leaders: number[];
}

/** Metadata of one topic (the client caches it for a few seconds, so a scan does not ask per fetch). */
async function topicLayout(reader: Consumer, topic: string, forceUpdate = false): Promise<TopicLayout> {
  let metadata;
  try {
    metadata = await reader.metadata({ topics: [topic], forceUpdate });
  } catch (error) {
    const mapped = toAppError(error, `reading metadata of topic "${topic}"`);
    if (mapped.code === 'UNKNOWN_TOPIC')
      throw new AppError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
    throw mapped;
  }
  const t = metadata.topics.get(topic);
  if (!t) throw new AppError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
  return { topicId: t.id, leaders: t.partitions.map((p) => p.leader) };
}

/**
 * How long one read keeps trying while a partition moves to another leader. A broker that dies
 * without a hand-over is noticed by the controller after its session times out (9 s by default);
 * until then the metadata still names it, so a read of its partitions has to wait that out.
 */
const LEADER_FAILOVER_MS = 20_000;
const FAILOVER_PAUSE_MS = 250;

/**
 * Errors of a partition whose leader is gone or moving: worth asking the metadata again. A new
 * leader answers ListOffsets with OFFSET_NOT_AVAILABLE until its high watermark reaches the start
 * of its epoch (KIP-207), which takes a follower fetch or two after the election.
 */
const LEADER_ERRORS =
  /NOT_LEADER_OR_FOLLOWER|LEADER_NOT_AVAILABLE|FENCED_LEADER_EPOCH|UNKNOWN_LEADER_EPOCH|REPLICA_NOT_AVAILABLE|BROKER_NOT_AVAILABLE|KAFKA_STORAGE_ERROR|NOT_ENOUGH_REPLICAS|OFFSET_NOT_AVAILABLE/;

function isLeaderFault(error: unknown): boolean {
  if (!(error instanceof AppError)) return false;
  if (error.code === 'TIMEOUT') return true;
  return error.code === 'BROKER_UNAVAILABLE' && !/credentials/.test(error.message);
}

/**
 * Runs a read against the current leaders and, when a leader cannot be reached or says it no
 * longer leads, asks the metadata again (bypassing the client's cache) and retries until a new
 * leader answers. If no broker answers the metadata either, the cluster is down, not failing
 * over: the error is thrown at once rather than after the whole wait.
 */
async function withLeaderFailover<T>(
  reader: Consumer,
  topic: string,
  read: (layout: TopicLayout) => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + LEADER_FAILOVER_MS;
  let layout = await topicLayout(reader, topic);
  for (;;) {
    try {
      return await read(layout);
    } catch (error) {
      const leaderFault =
        isLeaderFault(error) || (error instanceof AppError && LEADER_ERRORS.test(error.message));
      if (!leaderFault || Date.now() + FAILOVER_PAUSE_MS > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, FAILOVER_PAUSE_MS));
      try {
        layout = await topicLayout(reader, topic, true);
      } catch {
        throw error;
      }
    }
  }
}

/**
 * Earliest and latest offsets of every partition of a topic and, with `at` (epoch ms), the offset
 * of the first record at or after that time: one ListOffsets round, the lookups sent together, so
 * a seek by time costs what a seek by offset does.
 */
export async function readWatermarks(
  cluster: ClusterConfig,
  topic: string,
  options: { at?: number } = {},
): Promise<PartitionWatermarks[]> {
  const reader = readerFor(cluster);
  return withLeaderFailover(reader, topic, (layout) => listWatermarks(reader, topic, layout, options));
}

async function listWatermarks(
  reader: Consumer,
  topic: string,
  layout: TopicLayout,
  options: { at?: number },
): Promise<PartitionWatermarks[]> {
  const partitions = layout.leaders.map((_, i) => i);
  const list = (timestamp: bigint) =>
    reader.listOffsets({ topics: [topic], partitions: { [topic]: partitions }, timestamp });
  try {
    const [low, high, at] = await Promise.all([
      list(ListOffsetTimestamps.EARLIEST),
      list(ListOffsetTimestamps.LATEST),
      options.at === undefined ? undefined : list(BigInt(Math.trunc(options.at))),
    ]);
    const lows = low.get(topic) ?? [];
    const highs = high.get(topic) ?? [];
    const ats = at?.get(topic);
    return partitions.map((p) => {
      const marks: PartitionWatermarks = { partition: p, low: lows[p] ?? 0n, high: highs[p] ?? 0n };
      if (ats) marks.atTimestamp = ats[p] === undefined || ats[p]! < 0n ? null : ats[p]!;
      return marks;
    });
  } catch (error) {
    throw toAppError(error, `listing offsets of topic "${topic}"`);
  }
}

interface RawPartition {
  partitionIndex: number;
  errorCode: number;
  highWatermark: bigint;
  lastStableOffset: bigint;
  logStartOffset: bigint;
  abortedTransactions: AbortedTransaction[];
  records: Buffer | null;
}

type FetchReader = Parameters<Parameters<typeof createAPI>[3]>[3];

/** Fetch v17 with the request writer of the library and a response parser that keeps the record bytes for records.ts. */
const fetchRaw = createAPI(
  1,
  17,
  fetchV17.createRequest,
  (_correlationId: number, _apiKey: number, _apiVersion: number, r: FetchReader) => {
    const throttleTimeMs = r.readInt32();
    const errorCode = r.readInt16();
    const sessionId = r.readInt32();
    const responses = r.readArray((r: FetchReader) => ({
      topicId: r.readUUID(),
      partitions: r.readArray((r: FetchReader): RawPartition => {
        const partition: RawPartition = {
          partitionIndex: r.readInt32(),
          errorCode: r.readInt16(),
          highWatermark: r.readInt64(),
          lastStableOffset: r.readInt64(),
          logStartOffset: r.readInt64(),
          abortedTransactions:
            r.readArray((r: FetchReader) => ({ producerId: r.readInt64(), firstOffset: r.readInt64() })) ??
            [],
          records: null,
        };
        r.readInt32(); // preferred read replica
        const size = r.readUnsignedVarInt() - 1;
        if (size > 0) {
          partition.records = r.buffer.slice(r.position, r.position + size) as Buffer;
          r.skip(size);
        }
        return partition;
      }),
    }));
    return { throttleTimeMs, errorCode, sessionId, responses };
  },
);

export interface FetchChunkOptions {
  topic: string;
  partition: number;
  fromOffset: bigint;
  /** Byte budget of the Fetch (the broker still returns at least one whole batch). */
  maxBytes: number;
  isolation?: Isolation;
  /** Which connection: 'scans' for long reads, so pages do not wait behind them. */
  lane?: ReadLane;
  /**
   * An end offset seen before (a scan's planned bound): records up to it exist. A leader whose
   * high watermark is at `fromOffset` although this lies beyond has just taken over and not yet
   * learnt the high watermark; its empty answer is retried, not taken as the end.
   */
  expectedEnd?: bigint;
}

export interface RecordChunk {
  records: RawRecord[];
  /** Where the next read starts: after the last batch of this response (or fromOffset when it held none). */
  nextOffset: bigint;
  highWatermark: bigint;
  /** The end a read_committed reader may read to (the high watermark under read_uncommitted). */
  readableEnd: bigint;
  logStartOffset: bigint;
}

/**
 * One Fetch of one partition from `fromOffset` (at most `maxBytes`, at least one batch), parsed.
 * Unknown topics and partitions and out-of-range offsets are refused in words.
 */
export async function fetchRecordChunk(
  cluster: ClusterConfig,
  options: FetchChunkOptions,
): Promise<RecordChunk> {
  const { columns, ...rest } = await fetchRecordColumns(cluster, options);
  return { records: columns.records(), ...rest };
}

export interface ColumnChunk extends Omit<RecordChunk, 'records'> {
  columns: RecordColumns;
}

/**
 * The same Fetch, its records left as columns (records.ts): for scans, which look at every
 * record through one reused view and keep objects only for their matches.
 */
export async function fetchRecordColumns(
  cluster: ClusterConfig,
  options: FetchChunkOptions,
): Promise<ColumnChunk> {
  const client = readerFor(cluster, options.lane);
  return withLeaderFailover(client, options.topic, (layout) => fetchFromLeader(client, layout, options));
}

async function fetchFromLeader(
  client: Consumer,
  layout: TopicLayout,
  options: FetchChunkOptions,
): Promise<ColumnChunk> {
  const { topic, partition, fromOffset } = options;
  const isolation = options.isolation ?? 'read_committed';
  const leader = layout.leaders[partition];
  if (leader === undefined)
    throw new AppError('UNKNOWN_PARTITION', `topic "${topic}" has no partition ${partition}`);
  let response;
  try {
    const connection = (await client.connectToBrokers([leader])).get(leader);
    if (!connection)
      throw new AppError(
        'BROKER_UNAVAILABLE',
        `the leader of ${topic}/${partition} (broker ${leader}) could not be reached`,
      );
    response = (await fetchRaw.async(
      connection,
      0, // max wait: answer with what is there
      1, // min bytes
      options.maxBytes,
      isolation === 'read_committed'
        ? FetchIsolationLevels.READ_COMMITTED
        : FetchIsolationLevels.READ_UNCOMMITTED,
      0, // no fetch session
      -1,
      [
        {
          topicId: layout.topicId,
          partitions: [
            {
              partition,
              currentLeaderEpoch: -1,
              fetchOffset: fromOffset,
              lastFetchedEpoch: -1,
              partitionMaxBytes: options.maxBytes,
            },
          ],
        },
      ],
      [],
      '',
    )) as { responses: { partitions: RawPartition[] }[] };
  } catch (error) {
    const mapped = toAppError(error, `reading ${topic}/${partition} at offset ${fromOffset}`);
    if (mapped.code === 'UNKNOWN_TOPIC')
      throw new AppError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
    throw mapped;
  }
  const p = response.responses[0]?.partitions[0];
  if (!p)
    return {
      columns: RecordColumns.empty(partition),
      nextOffset: fromOffset,
      highWatermark: -1n,
      readableEnd: -1n,
      logStartOffset: 0n,
    };
  if (p.errorCode !== 0) {
    const apiId =
      (protocolErrorsCodesById as Record<number, string | undefined>)[p.errorCode] ?? String(p.errorCode);
    if (apiId === 'OFFSET_OUT_OF_RANGE')
      throw new AppError('OFFSET_OUT_OF_RANGE', `offset ${fromOffset} is outside ${topic}/${partition}`);
    if (apiId === 'UNKNOWN_TOPIC_OR_PARTITION' || apiId === 'UNKNOWN_TOPIC_ID')
      throw new AppError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
    throw new AppError('BROKER_UNAVAILABLE', `reading ${topic}/${partition} failed: ${apiId}`);
  }
  // Offsets are only ever asked for up to a high watermark seen before. A leader whose high
  // watermark is below that has just taken over and has not learnt it yet: its empty answer would
  // read as "the end", and a scan would stop early without a word. Retried by withLeaderFailover.
  const lagging =
    options.expectedEnd !== undefined && fromOffset < options.expectedEnd && p.highWatermark <= fromOffset;
  if (p.highWatermark >= 0n && (p.highWatermark < fromOffset || lagging)) {
    throw new AppError(
      'BROKER_UNAVAILABLE',
      `reading ${topic}/${partition} at offset ${fromOffset} failed: the leader's high watermark is ${p.highWatermark}, behind what was read before (the partition is changing leader)`,
    );
  }
  const readableEnd =
    isolation === 'read_committed' && p.lastStableOffset >= 0n ? p.lastStableOffset : p.highWatermark;
  const base = { highWatermark: p.highWatermark, readableEnd, logStartOffset: p.logStartOffset };
  if (!p.records) return { columns: RecordColumns.empty(partition), nextOffset: fromOffset, ...base };
  return {
    ...parseRecordColumns(
      partition,
      p.records,
      fromOffset,
      isolation === 'read_committed' ? p.abortedTransactions : undefined,
    ),
    ...base,
  };
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
  lane?: ReadLane;
}

export interface ReadRangeResult {
  records: RawRecord[];
  /** Where the next read should start. */
  nextOffset: bigint;
  highWatermark: bigint;
  logStartOffset: bigint;
}

/**
 * Reads up to `limit` records of one partition starting at `fromOffset`, fetching until the
 * limit or the readable end of the log is reached.
 */
export async function readPartitionRange(
  cluster: ClusterConfig,
  options: ReadRangeOptions,
): Promise<ReadRangeResult> {
  const { limit } = options;
  const records: RawRecord[] = [];
  let offset = options.fromOffset;
  let highWatermark = -1n;
  let logStartOffset = 0n;
  while (records.length < limit) {
    if (options.signal?.aborted) break;
    // As columns: a Fetch answer holds whole batches (often far more records than a page wants),
    // so only the records kept are made objects.
    const chunk = await fetchRecordColumns(cluster, {
      ...options,
      fromOffset: offset,
      maxBytes: options.maxBytes ?? 1_048_576,
    });
    highWatermark = chunk.highWatermark;
    logStartOffset = chunk.logStartOffset;
    const { columns } = chunk;
    for (let i = 0; i < columns.length && records.length < limit; i++) records.push(columns.record(i));
    if (chunk.nextOffset <= offset) break; // nothing (more) to read below the readable end
    offset = records.length >= limit ? records[records.length - 1]!.offset + 1n : chunk.nextOffset;
    if (offset >= chunk.readableEnd) break;
  }
  return { records, nextOffset: offset, highWatermark, logStartOffset };
}

export interface RecordRangeOptions {
  topic: string;
  partition: number;
  /** First offset to read (inclusive). */
  from: bigint;
  /** Offset to stop before (exclusive). */
  end: bigint;
  isolation?: Isolation;
  maxBytes?: number;
  signal?: AbortSignal;
  lane?: ReadLane;
}

/**
 * The records of [from, end) of one partition, one Fetch response at a time, for features that
 * walk a whole range (time travel, dead letters): memory is one response, not the range. Stops
 * early at the readable end (aborted or open transactions, markers at the tail) or on abort.
 */
export async function* readRecordRange(
  cluster: ClusterConfig,
  options: RecordRangeOptions,
): AsyncGenerator<{ records: RawRecord[]; nextOffset: bigint }> {
  let offset = options.from;
  while (offset < options.end && !options.signal?.aborted) {
    const chunk = await fetchRecordChunk(cluster, {
      ...options,
      fromOffset: offset,
      maxBytes: options.maxBytes ?? 4 * 1_048_576,
    });
    let records = chunk.records;
    if (records.length && records[records.length - 1]!.offset >= options.end)
      records = records.filter((r) => r.offset < options.end);
    const next = chunk.nextOffset < options.end ? chunk.nextOffset : options.end;
    yield { records, nextOffset: next > offset ? next : offset };
    if (chunk.nextOffset <= offset || next >= chunk.readableEnd) return;
    offset = next;
  }
}
