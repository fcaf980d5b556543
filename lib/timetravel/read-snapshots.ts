import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { readWatermarks } from '@/lib/kafka/reader';
import { resolveAggregatePartitions } from './aggregate-partition';
import { scanAggregateEvents } from './read-aggregate-events';
import { parseSnapshotValue, type AggregateSnapshot } from './select-snapshot';
import type { StreamSpec } from './stream-spec';

/**
 * Every snapshot of an aggregate in the stream's snapshot topic (keyed by the aggregate id, so
 * the same partitioner finds its partition). A compacted topic may have dropped older ones.
 */
export async function readAggregateSnapshots(
  cluster: ClusterConfig,
  spec: StreamSpec & { snapshotTopic: string },
  aggregateId: string,
  eventPartition: number,
  signal?: AbortSignal,
): Promise<AggregateSnapshot[]> {
  const marks = await readWatermarks(cluster, spec.snapshotTopic);
  const partitions = resolveAggregatePartitions(aggregateId, spec.partitioner, marks.length);
  const snapshots: AggregateSnapshot[] = [];
  const keyed: StreamSpec = {
    ...spec,
    aggregateIdFrom: 'key',
    foldRules: undefined,
    reducerModule: undefined,
  };
  for await (const item of scanAggregateEvents(cluster, keyed, spec.snapshotTopic, aggregateId, {
    partitions,
    signal,
  })) {
    if (item.type !== 'event') continue;
    const parsed = parseSnapshotValue(item.event.value, item.event.offset, eventPartition);
    if (parsed) snapshots.push(parsed);
  }
  return snapshots;
}
