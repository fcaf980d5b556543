import 'server-only';
import { getCluster } from '@/lib/config';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { readAggregateEvents } from './read-indexed-aggregate';
import { readWatermarks } from '@/lib/kafka/reader';
import type { ReplayEvent, ReplayQuery, ReplayStep, SnapshotInfo } from '@/lib/schemas/timetravel';
import { resolveAggregatePartitions } from './aggregate-partition';
import { otherPartitioner, type KeyedPartitioner, type PartitionerEvidence } from './detect-partitioner';
import { foldStep, type AggregateEvent } from './fold-step';
import { readAggregateSnapshots } from './read-snapshots';
import { samplePartitioner } from './sample-partitioner';
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

export async function locateAggregate(
  clusterId: string,
  query: { stream?: string; topic?: string; id: string; partitioner?: ReplayQuery['partitioner'] },
) {
  const cluster = getCluster(clusterId);
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
function inReplayOrder(events: AggregateEvent[], partitions: number): AggregateEvent[] {
  if (partitions <= 1) return events;
  return [...events].sort(
    (a, b) =>
      a.timestamp - b.timestamp ||
      a.partition - b.partition ||
      (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0),
  );
}

/**
 * Resolves cluster and stream before returning the generator, so an unknown cluster or stream is
 * an error answer (404) rather than the first event of a stream that then fails.
 */
export function replayAggregate(
  clusterId: string,
  query: ReplayQuery,
  signal?: AbortSignal,
): AsyncGenerator<ReplayEvent> {
  const cluster = getCluster(clusterId);
  return replayWith(cluster, streamSpecFor(cluster, query), query, signal);
}

async function* replayWith(
  cluster: ClusterConfig,
  spec: StreamSpec,
  query: ReplayQuery,
  signal?: AbortSignal,
): AsyncGenerator<ReplayEvent> {
  const started = Date.now();
  const folder = await folderFor(cluster, spec);
  yield { type: 'phase', phase: 'locating', message: `locating ${query.id} in ${spec.topic}` };
  const partitionCount = await topicPartitionCount(cluster, spec.topic);
  const partitions = resolveAggregatePartitions(query.id, spec.partitioner, partitionCount);

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
  yield {
    type: 'phase',
    phase: 'reading',
    message: `reading partition${partitions.length === 1 ? ` ${partitions[0]}` : 's'} of ${spec.topic}`,
  };

  let events: AggregateEvent[] = [];
  let scanned = 0;
  const fromOffset = snapshot ? new Map([[snapshot.partition, snapshot.coversOffset + 1n]]) : undefined;
  for await (const item of readAggregateEvents(cluster, spec, spec.topic, query.id, {
    partitions,
    fromOffset,
    signal,
  })) {
    if (item.type === 'progress') {
      scanned = item.scanned;
      yield item;
    } else events.push(item.event);
  }
  if (signal?.aborted) return;

  // Nothing where the chosen partitioner puts the key: a topic written by the other client
  // (librdkafka's CRC32 instead of the Java client's murmur2, or the reverse) has the events in
  // another partition. Look there before saying the aggregate has none, and say what was where.
  if (
    events.length === 0 &&
    !snapshot &&
    partitions.length === 1 &&
    (spec.partitioner === 'murmur2' || spec.partitioner === 'crc32')
  ) {
    const chosen = spec.partitioner;
    const other = otherPartitioner(chosen);
    const [otherPartition] = resolveAggregatePartitions(query.id, other, partitionCount);
    const evidence = await samplePartitioner(cluster, spec.topic, signal).catch(() => null);
    const found: AggregateEvent[] = [];
    if (otherPartition !== undefined && otherPartition !== partitions[0]) {
      yield {
        type: 'phase',
        phase: 'reading',
        message: `no events of ${query.id} in partition ${partitions[0]}; reading partition ${otherPartition}, where ${PARTITIONER_NAMES[other]} puts it`,
      };
      const before = scanned;
      for await (const item of readAggregateEvents(cluster, spec, spec.topic, query.id, {
        partitions: [otherPartition],
        signal,
      })) {
        if (item.type === 'progress') {
          scanned = before + item.scanned;
          yield { ...item, scanned, total: before + item.total };
        } else found.push(item.event);
      }
      if (signal?.aborted) return;
    }
    const none = `No events of ${query.id} in partition ${partitions[0]}, where ${PARTITIONER_NAMES[chosen]} puts it`;
    const notice =
      found.length > 0
        ? `${none}; ${found.length} in partition ${otherPartition}, where ${PARTITIONER_NAMES[other]} puts it, so the topic was probably written with ${other === 'crc32' ? 'CRC32' : 'murmur2'}: those are replayed.${describeEvidence(evidence)}`
        : `${none}${otherPartition === partitions[0] ? ` (${other} picks the same partition)` : ` nor in partition ${otherPartition}, where ${PARTITIONER_NAMES[other]} puts it`}. Scan all partitions to be sure.${describeEvidence(evidence)}`;
    if (found.length > 0) {
      events = found;
      yield {
        type: 'plan',
        topic: spec.topic,
        partitioner: other,
        partitionCount,
        partitions: [otherPartition!],
        fold: folder.description,
        snapshot: null,
        initialState,
        notice,
      };
    } else {
      yield {
        type: 'plan',
        topic: spec.topic,
        partitioner: chosen,
        partitionCount,
        partitions,
        fold: folder.description,
        snapshot: null,
        initialState,
        notice,
      };
    }
  }

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
  yield {
    type: 'done',
    steps: ordered.length,
    failed,
    scanned,
    elapsedMs: Date.now() - started,
    finalState: state,
  };
}
