import 'server-only';
import { getCluster } from '@/lib/config';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/http/errors';
import { readWatermarks } from '@/lib/kafka/reader';
import type { ReplayEvent, ReplayQuery, ReplayStep, SnapshotInfo } from '@/lib/schemas/timetravel';
import { resolveAggregatePartitions } from './aggregate-partition';
import { foldStep, type AggregateEvent } from './fold-step';
import { scanAggregateEvents } from './read-aggregate-events';
import { readAggregateSnapshots } from './read-snapshots';
import { selectSnapshot, type AggregateSnapshot } from './select-snapshot';
import type { State } from './state-diff';
import { folderFor, streamSpecFor, type StreamSpec } from './stream-spec';

/**
 * Rebuilds an aggregate's state event by event, as a stream: the plan (partition, fold,
 * snapshot), scan progress, every step (decoded event, upcast, changes, fold error) in batches,
 * and the final state. Reads with Fetch only; stops when `signal` aborts.
 */

const STEP_BATCH = 250;

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

export async function locateAggregate(clusterId: string, query: { stream?: string; topic?: string; id: string; partitioner?: ReplayQuery['partitioner'] }) {
  const cluster = getCluster(clusterId);
  const spec = streamSpecFor(cluster, query);
  const partitionCount = await topicPartitionCount(cluster, spec.topic);
  return { topic: spec.topic, partitioner: spec.partitioner, partitionCount, partitions: resolveAggregatePartitions(query.id, spec.partitioner, partitionCount) };
}

/** Events of a scan in replay order: by partition offset; across partitions (scan-all), by time. */
function inReplayOrder(events: AggregateEvent[], partitions: number): AggregateEvent[] {
  if (partitions <= 1) return events;
  return [...events].sort((a, b) => a.timestamp - b.timestamp || a.partition - b.partition || (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
}

/**
 * Resolves cluster and stream before returning the generator, so an unknown cluster or stream is
 * an error answer (404) rather than the first event of a stream that then fails.
 */
export function replayAggregate(clusterId: string, query: ReplayQuery, signal?: AbortSignal): AsyncGenerator<ReplayEvent> {
  const cluster = getCluster(clusterId);
  return replayWith(cluster, streamSpecFor(cluster, query), query, signal);
}

async function* replayWith(cluster: ClusterConfig, spec: StreamSpec, query: ReplayQuery, signal?: AbortSignal): AsyncGenerator<ReplayEvent> {
  const started = Date.now();
  const folder = await folderFor(cluster, spec);
  yield { type: 'phase', phase: 'locating', message: `locating ${query.id} in ${spec.topic}` };
  const partitionCount = await topicPartitionCount(cluster, spec.topic);
  const partitions = resolveAggregatePartitions(query.id, spec.partitioner, partitionCount);

  let snapshot: AggregateSnapshot | undefined;
  if (query.fromSnapshot === 'true') {
    if (!spec.snapshotTopic) throw new AppError('BAD_REQUEST', `stream "${spec.name}" has no snapshot topic configured`);
    yield { type: 'phase', phase: 'snapshot', message: `looking for snapshots of ${query.id} in ${spec.snapshotTopic}` };
    const all = await readAggregateSnapshots(cluster, spec as StreamSpec & { snapshotTopic: string }, query.id, partitions[0] ?? 0, signal);
    snapshot = selectSnapshot(all, query.target !== undefined ? BigInt(query.target) : undefined);
  }
  if (snapshot && partitions.length > 1) snapshot = undefined; // an offset only means something within one partition

  const initialState: State = snapshot ? structuredClone(snapshot.state) : {};
  yield {
    type: 'plan',
    topic: spec.topic,
    partitioner: spec.partitioner,
    partitionCount,
    partitions,
    fold: folder.description,
    snapshot: snapshot ? snapshotInfo(snapshot) : null,
    initialState,
  };
  yield { type: 'phase', phase: 'reading', message: `reading partition${partitions.length === 1 ? ` ${partitions[0]}` : 's'} of ${spec.topic}` };

  const events: AggregateEvent[] = [];
  let scanned = 0;
  const fromOffset = snapshot ? new Map([[snapshot.partition, snapshot.coversOffset + 1n]]) : undefined;
  for await (const item of scanAggregateEvents(cluster, spec, spec.topic, query.id, { partitions, fromOffset, signal })) {
    if (item.type === 'progress') {
      scanned = item.scanned;
      yield item;
    } else events.push(item.event);
  }
  if (signal?.aborted) return;

  let state = initialState;
  let failed = 0;
  let batch: ReplayStep[] = [];
  const ordered = inReplayOrder(events, partitions.length);
  for (let i = 0; i < ordered.length; i++) {
    const result = await foldStep(state, ordered[i]!, folder, i);
    state = result.state;
    if (result.step.error !== null) failed++;
    batch.push(result.step);
    if (batch.length >= STEP_BATCH) {
      yield { type: 'steps', steps: batch };
      batch = [];
      if (signal?.aborted) return;
    }
  }
  if (batch.length) yield { type: 'steps', steps: batch };
  yield { type: 'phase', phase: 'done', message: `${ordered.length} events replayed` };
  yield { type: 'done', steps: ordered.length, failed, scanned, elapsedMs: Date.now() - started, finalState: state };
}
