import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import type { RawRecord } from '@/lib/kafka/records';
import { createAggregateEventDecoder } from './read-aggregate-events';
import { readAggregateEvents } from './read-indexed-aggregate';
import { readWatermarks } from '@/lib/kafka/reader';
import type {
  ReplayEvent,
  ReplayPage,
  ReplayQuery,
  ReplayStepsQuery,
  SnapshotInfo,
} from '@/lib/schemas/timetravel';
import { resolveAggregatePartitions } from './aggregate-partition';
import { otherPartitioner, type KeyedPartitioner, type PartitionerEvidence } from './detect-partitioner';
import type { AggregateEvent } from './fold-step';
import { ReplayFolder } from './folded-replay';
import { stepAtOffset } from './locate-step';
import {
  formatEnds,
  keepReplay,
  latestReplayOf,
  parseEnds,
  replayCache,
  replayCacheKey,
  replayIdentity,
  type CachedReplay,
} from './replay-cache';
import { readAggregateSnapshots } from './read-snapshots';
import { samplePartitioner } from './sample-partitioner';
import { selectSnapshot, type AggregateSnapshot } from './select-snapshot';
import type { State } from './state-diff';
import { folderFor, streamSpecFor, type StreamSpec } from './stream-spec';
import { pageOf, REPLAY_PAGE_SIZE } from './timeline';

/**
 * Rebuilds an aggregate's state event by event, as a stream: the plan (partition, fold,
 * snapshot), scan progress, the timeline of every event, the page of steps (decoded event, upcast,
 * changes, fold error) that holds the position asked for, and the final state. The other pages
 * are fetched as the user moves (`replaySteps`), from the replay kept in the cache of recent
 * replays (replay-cache.ts), which also answers the same replay again without reading its events.
 * Reads with Fetch only; stops when `signal` aborts.
 */

export function snapshotInfo(s: AggregateSnapshot): SnapshotInfo {
  return {
    partition: s.partition,
    snapshotOffset: s.snapshotOffset.toString(),
    coversOffset: s.coversOffset.toString(),
    version: s.version,
    takenAt: s.takenAt,
    state: s.state,
  };
}

export async function topicPartitionCount(cluster: ClusterConfig, topic: string): Promise<number> {
  return (await readWatermarks(cluster, topic)).length;
}

export async function locateAggregate(
  cluster: ClusterConfig,
  query: { stream?: string; topic?: string; id: string; partitioner?: ReplayQuery['partitioner'] },
) {
  const spec = streamSpecFor(cluster, query);
  const [partitionCount, evidence] = await Promise.all([
    topicPartitionCount(cluster, spec.topic),
    samplePartitioner(cluster, spec.topic),
  ]);
  return {
    topic: spec.topic,
    partitioner: spec.partitioner,
    partitionCount,
    partitions: resolveAggregatePartitions(query.id, spec.partitioner, partitionCount),
    evidence,
  };
}

const PARTITIONER_NAMES: Record<KeyedPartitioner, string> = {
  murmur2: 'murmur2 (the Java client)',
  crc32: 'CRC32 (librdkafka)',
};

function describeEvidence(evidence: PartitionerEvidence | null): string {
  if (!evidence || evidence.telling === 0) return '';
  const verdict = evidence.detected
    ? `it looks written with ${PARTITIONER_NAMES[evidence.detected]}`
    : 'neither partitioner explains it';
  return ` A sample of ${evidence.sampled} keyed records of the topic agrees with murmur2 on ${evidence.murmur2} and with CRC32 on ${evidence.crc32} of the ${evidence.telling} that tell them apart: ${verdict}.`;
}

/** Events of a scan in replay order: by partition offset; across partitions (scan-all), by time. */
function inReplayOrder<T extends { event: AggregateEvent }>(items: T[], partitions: number): T[] {
  if (partitions <= 1) return items;
  return [...items].sort(
    ({ event: a }, { event: b }) =>
      a.timestamp - b.timestamp ||
      a.partition - b.partition ||
      (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0),
  );
}

/**
 * Resolves the stream before returning the generator, so an unknown stream is an error answer
 * (404) rather than the first event of a stream that then fails.
 */
export function replayAggregate(
  cluster: ClusterConfig,
  query: ReplayQuery,
  signal?: AbortSignal,
): AsyncGenerator<ReplayEvent> {
  return replayWith(cluster, streamSpecFor(cluster, query), query, signal);
}

/** The position a replay shows first: the step at or before offset `at`, "start", or the last. */
function focusOf(replay: CachedReplay, at: string | undefined): number {
  const offsets = replay.replay.timeline.offset;
  if (at === 'start') return -1;
  if (at === undefined) return offsets.length - 1;
  return stepAtOffset(
    offsets.map((offset) => ({ offset, timestamp: 0 })),
    BigInt(at),
  );
}

async function* replayWith(
  cluster: ClusterConfig,
  spec: StreamSpec,
  query: ReplayQuery,
  signal?: AbortSignal,
): AsyncGenerator<ReplayEvent> {
  const started = Date.now();
  const folded = yield* foldAggregate(cluster, spec, query, null, signal);
  if (!folded || signal?.aborted) return;
  const { entry, cached } = folded;
  const page = await entry.replay.page(pageOf(focusOf(entry, query.at)) * REPLAY_PAGE_SIZE, REPLAY_PAGE_SIZE);
  yield { type: 'timeline', timeline: entry.replay.timeline };
  yield { type: 'page', page };
  yield { type: 'phase', phase: 'done', message: `${entry.replay.steps} events replayed` };
  yield {
    type: 'done',
    steps: entry.replay.steps,
    failed: entry.replay.failed,
    scanned: entry.scanned,
    elapsedMs: Date.now() - started,
    finalState: entry.replay.finalState,
    ends: entry.ends,
    cached,
  };
}

/**
 * A page of the steps of the replay a stream described (same query, its `ends`): from the cache,
 * or replayed again up to those end offsets when the cache has let it go.
 */
export async function replaySteps(
  cluster: ClusterConfig,
  query: ReplayStepsQuery,
  signal?: AbortSignal,
): Promise<ReplayPage> {
  const spec = streamSpecFor(cluster, query);
  const events = foldAggregate(
    cluster,
    spec,
    query,
    parseEnds(query.ends),
    signal,
    query.snapshot === undefined ? undefined : BigInt(query.snapshot),
  );
  let next = await events.next();
  while (!next.done) next = await events.next();
  if (!next.value) throw new AppError('BAD_REQUEST', 'the replay was cancelled');
  return next.value.entry.replay.page(query.from, query.count);
}

/**
 * The plan, then the events read and folded (or the cache's replay of the same aggregate at the
 * same end offsets). With `ends` the replay reads up to those offsets and no further (a page of a
 * replay described before); without, up to the end offsets of now. Undefined when aborted.
 */
async function* foldAggregate(
  cluster: ClusterConfig,
  spec: StreamSpec,
  query: Omit<ReplayQuery, 'at'>,
  givenEnds: Map<number, bigint> | null,
  signal?: AbortSignal,
  /** The snapshot a replay described before started from: that one, even if newer ones were taken since. */
  givenSnapshot?: bigint,
): AsyncGenerator<ReplayEvent, { entry: CachedReplay; cached: boolean } | undefined> {
  const folder = await folderFor(cluster, spec);
  yield { type: 'phase', phase: 'locating', message: `locating ${query.id} in ${spec.topic}` };
  // One ListOffsets round: the partition count and where each partition ends now.
  const marks = await readWatermarks(cluster, spec.topic);
  const partitionCount = marks.length;
  const partitions = resolveAggregatePartitions(query.id, spec.partitioner, partitionCount);
  const ends = givenEnds ?? new Map(marks.map((m) => [m.partition, m.high]));
  for (const p of partitions)
    if (!ends.has(p))
      throw new AppError('BAD_REQUEST', `"ends" names no end offset for partition ${p} of ${spec.topic}`);
  const toOffset = new Map([...ends].map(([p, end]) => [p, end - 1n]));

  let snapshot: AggregateSnapshot | undefined;
  if (query.fromSnapshot === 'true') {
    if (!spec.snapshotTopic)
      throw new AppError('BAD_REQUEST', `stream "${spec.name}" has no snapshot topic configured`);
    yield {
      type: 'phase',
      phase: 'snapshot',
      message: `looking for snapshots of ${query.id} in ${spec.snapshotTopic}`,
    };
    const all = await readAggregateSnapshots(
      cluster,
      spec as StreamSpec & { snapshotTopic: string },
      query.id,
      partitions[0] ?? 0,
      signal,
    );
    if (givenSnapshot !== undefined) {
      snapshot = all.find((s) => s.snapshotOffset === givenSnapshot);
      if (!snapshot)
        throw new AppError(
          'NOT_FOUND',
          `no snapshot of ${query.id} at offset ${givenSnapshot} of ${spec.snapshotTopic}: replay again`,
        );
    } else snapshot = selectSnapshot(all, query.target !== undefined ? BigInt(query.target) : undefined);
  }
  if (snapshot && partitions.length > 1) snapshot = undefined; // an offset only means something within one partition

  const identity = replayIdentity(cluster, spec, query.id, partitions, snapshot?.snapshotOffset ?? null);
  const key = replayCacheKey(identity, partitions, ends);
  const hit = replayCache().get(key);
  if (hit) {
    for (const plan of hit.plans) yield plan;
    return { entry: hit, cached: true };
  }
  const extended = yield* extendReplay(cluster, spec, query.id, identity, partitions, ends, signal);
  if (extended) {
    keepReplay(identity, key, ends, extended);
    return { entry: extended, cached: false };
  }

  const initialState: State = snapshot ? structuredClone(snapshot.state) : {};
  const plans: Extract<ReplayEvent, { type: 'plan' }>[] = [];
  type Plan = Extract<ReplayEvent, { type: 'plan' }>;
  const firstPlan: Plan = {
    type: 'plan',
    topic: spec.topic,
    partitioner: spec.partitioner,
    partitionCount,
    partitions,
    fold: folder.description,
    snapshot: snapshot ? snapshotInfo(snapshot) : null,
    initialState,
  };
  plans.push(firstPlan);
  yield firstPlan;
  yield {
    type: 'phase',
    phase: 'reading',
    message: `reading partition${partitions.length === 1 ? ` ${partitions[0]}` : 's'} of ${spec.topic}`,
  };

  const decode = createAggregateEventDecoder(cluster, spec);
  let replay = new ReplayFolder(initialState, folder, decode);
  // One partition is in offset order as read, so each event is folded as it arrives, while the
  // next Fetch is on its way; across partitions (scan-all) the order is by time, known at the end.
  const pending: { event: AggregateEvent; record: RawRecord }[] = [];
  let scanned = 0;
  const fromOffset = snapshot ? new Map([[snapshot.partition, snapshot.coversOffset + 1n]]) : undefined;
  for await (const item of readAggregateEvents(cluster, spec, spec.topic, query.id, {
    partitions,
    fromOffset,
    toOffset,
    signal,
  })) {
    if (item.type === 'progress') {
      scanned = item.scanned;
      yield item;
    } else if (partitions.length === 1) await replay.add(item.event, item.record);
    else pending.push({ event: item.event, record: item.record });
  }
  if (signal?.aborted) return undefined;
  for (const { event, record } of inReplayOrder(pending, partitions.length)) await replay.add(event, record);
  let read = partitions;

  // Nothing where the chosen partitioner puts the key: a topic written by the other client
  // (librdkafka's CRC32 instead of the Java client's murmur2, or the reverse) has the events in
  // another partition. Look there before saying the aggregate has none, and say what was where.
  if (
    replay.length === 0 &&
    !snapshot &&
    partitions.length === 1 &&
    (spec.partitioner === 'murmur2' || spec.partitioner === 'crc32')
  ) {
    const chosen = spec.partitioner;
    const other = otherPartitioner(chosen);
    const [otherPartition] = resolveAggregatePartitions(query.id, other, partitionCount);
    const evidence = await samplePartitioner(cluster, spec.topic, signal).catch(() => null);
    const found = new ReplayFolder(initialState, folder, decode);
    if (otherPartition !== undefined && otherPartition !== partitions[0]) {
      if (!ends.has(otherPartition))
        throw new AppError(
          'BAD_REQUEST',
          `"ends" names no end offset for partition ${otherPartition} of ${spec.topic}`,
        );
      yield {
        type: 'phase',
        phase: 'reading',
        message: `no events of ${query.id} in partition ${partitions[0]}; reading partition ${otherPartition}, where ${PARTITIONER_NAMES[other]} puts it`,
      };
      const before = scanned;
      for await (const item of readAggregateEvents(cluster, spec, spec.topic, query.id, {
        partitions: [otherPartition],
        toOffset,
        signal,
      })) {
        if (item.type === 'progress') {
          scanned = before + item.scanned;
          yield { ...item, scanned, total: before + item.total };
        } else await found.add(item.event, item.record);
      }
      if (signal?.aborted) return undefined;
    }
    const none = `No events of ${query.id} in partition ${partitions[0]}, where ${PARTITIONER_NAMES[chosen]} puts it`;
    const notice =
      found.length > 0
        ? `${none}; ${found.length} in partition ${otherPartition}, where ${PARTITIONER_NAMES[other]} puts it, so the topic was probably written with ${other === 'crc32' ? 'CRC32' : 'murmur2'}: those are replayed.${describeEvidence(evidence)}`
        : `${none}${otherPartition === partitions[0] ? ` (${other} picks the same partition)` : ` nor in partition ${otherPartition}, where ${PARTITIONER_NAMES[other]} puts it`}. Scan all partitions to be sure.${describeEvidence(evidence)}`;
    const plan: Plan =
      found.length > 0
        ? { ...firstPlan, partitioner: other, partitions: [otherPartition!], snapshot: null, notice }
        : { ...firstPlan, partitioner: chosen, snapshot: null, notice };
    if (found.length > 0) {
      replay = found;
      read = [...partitions, otherPartition!];
    }
    plans.push(plan);
    yield plan;
  }

  const entry: CachedReplay = { plans, replay: replay.finish(), scanned, ends: formatEnds(ends, read) };
  keepReplay(identity, key, ends, entry);
  return { entry, cached: false };
}

/**
 * The same aggregate replayed before to earlier end offsets of its one partition: only the
 * events appended since are read (through the index where it reaches, the tail by a scan) and
 * folded on from its last state. Undefined when there is no such replay to go on from.
 */
async function* extendReplay(
  cluster: ClusterConfig,
  spec: StreamSpec,
  id: string,
  identity: string,
  partitions: number[],
  ends: Map<number, bigint>,
  signal?: AbortSignal,
): AsyncGenerator<ReplayEvent, CachedReplay | undefined> {
  const previous = latestReplayOf(identity);
  const partition = partitions[0]!;
  const before = previous?.ends.get(partition);
  const now = ends.get(partition)!;
  // One partition and one plan only: a replay that fell back to the other partitioner's
  // partition, or read all partitions in time order, is replayed whole.
  if (!previous || partitions.length !== 1 || previous.entry.plans.length !== 1 || before === undefined)
    return undefined;
  if (before > now) return undefined; // the partition was recreated: nothing carries over
  for (const plan of previous.entry.plans) yield plan;
  yield {
    type: 'phase',
    phase: 'reading',
    message: `reading what was appended to partition ${partition} of ${spec.topic} since offset ${before}`,
  };
  const replay = previous.entry.replay.resume();
  let scanned = 0;
  for await (const item of readAggregateEvents(cluster, spec, spec.topic, id, {
    partitions,
    fromOffset: new Map([[partition, before]]),
    toOffset: new Map([[partition, now - 1n]]),
    signal,
  })) {
    if (item.type === 'progress') scanned = item.scanned;
    else await replay.add(item.event, item.record);
  }
  if (signal?.aborted) return undefined;
  return {
    plans: previous.entry.plans,
    replay: replay.finish(),
    scanned: previous.entry.scanned + scanned,
    ends: formatEnds(ends, partitions),
  };
}
