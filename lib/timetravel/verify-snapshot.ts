import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import type { VerifySnapshotResponse } from '@/lib/schemas/timetravel';
import { resolveAggregatePartitions } from './aggregate-partition';
import { foldStep } from './fold-step';
import { scanAggregateEvents } from './read-aggregate-events';
import { readAggregateSnapshots } from './read-snapshots';
import { selectSnapshot } from './select-snapshot';
import { diffStates, type State } from './state-diff';
import { folderFor, streamSpecFor, type StreamSpec } from './stream-spec';
import { snapshotInfo, topicPartitionCount } from './replay-aggregate';

/**
 * Replays an aggregate from its first event up to the offset a snapshot covers, and compares the
 * result with the snapshot's state: differences mean the snapshotter (or the fold) disagrees.
 */
export async function verifySnapshot(
  cluster: ClusterConfig,
  query: { stream: string; id: string; snapshotOffset?: string },
  signal?: AbortSignal,
): Promise<VerifySnapshotResponse> {
  const started = Date.now();
  const spec = streamSpecFor(cluster, { stream: query.stream });
  if (!spec.snapshotTopic)
    throw new AppError('BAD_REQUEST', `stream "${spec.name}" has no snapshot topic configured`);
  const folder = await folderFor(cluster, spec);
  const partitionCount = await topicPartitionCount(cluster, spec.topic);
  const partitions = resolveAggregatePartitions(query.id, spec.partitioner, partitionCount);
  if (partitions.length !== 1)
    throw new AppError(
      'BAD_REQUEST',
      'snapshots can only be verified for a stream whose partitioner finds one partition',
    );
  const partition = partitions[0]!;
  const snapshots = await readAggregateSnapshots(
    cluster,
    spec as StreamSpec & { snapshotTopic: string },
    query.id,
    partition,
    signal,
  );
  const wanted = query.snapshotOffset !== undefined ? BigInt(query.snapshotOffset) : undefined;
  const snapshot =
    wanted === undefined ? selectSnapshot(snapshots) : snapshots.find((s) => s.snapshotOffset === wanted);
  if (!snapshot)
    throw new AppError(
      'NOT_FOUND',
      `no snapshot of ${query.id} in ${spec.snapshotTopic}${wanted !== undefined ? ` at offset ${wanted}` : ''}`,
    );

  let state: State = {};
  let count = 0;
  let failed = 0;
  const toOffset = new Map([[partition, snapshot.coversOffset]]);
  for await (const item of scanAggregateEvents(cluster, spec, spec.topic, query.id, {
    partitions,
    toOffset,
    signal,
  })) {
    if (item.type !== 'event') continue;
    const result = await foldStep(state, item.event, folder, count++);
    if (result.step.error !== null) failed++;
    state = result.state;
  }
  return {
    snapshot: snapshotInfo(snapshot),
    replayedEvents: count,
    failedSteps: failed,
    differences: diffStates(snapshot.state, state),
    replayedState: state,
    elapsedMs: Date.now() - started,
  };
}
