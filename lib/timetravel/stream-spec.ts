import 'server-only';
import type { ClusterConfig, EventStreamConfig } from '@/lib/config/schema';
import type { FoldRuleSet } from '@/lib/fold-rules/rules';
import { AppError } from '@/lib/errors/app-error';
import type { EventStreamSummary, PartitionerName } from '@/lib/schemas/timetravel';
import {
  createDefaultFolder,
  createReducerFolder,
  createRulesFolder,
  type EventTypeSource,
  type Folder,
} from './fold';
import { loadReducer, ReducerLoadError } from './load-reducer';

/** What a replay needs to know of a stream: configured, or a bare topic with the defaults. */
export interface StreamSpec {
  id: string | null;
  name: string;
  topic: string;
  aggregateIdFrom: EventStreamConfig['aggregateIdFrom'];
  eventTypeFrom: EventTypeSource;
  partitioner: PartitionerName;
  foldRules: FoldRuleSet | undefined;
  reducerModule: string | undefined;
  snapshotTopic: string | null;
}

function fromConfig(s: EventStreamConfig): StreamSpec {
  return {
    id: s.id,
    name: s.name ?? s.id,
    topic: s.topic,
    aggregateIdFrom: s.aggregateIdFrom,
    eventTypeFrom: s.eventTypeFrom,
    partitioner: s.partitioner,
    foldRules: s.foldRules as FoldRuleSet | undefined,
    reducerModule: s.reducerModule,
    snapshotTopic: s.snapshotTopic ?? null,
  };
}

export function configuredStreams(cluster: ClusterConfig): StreamSpec[] {
  return (cluster.streams ?? []).map(fromConfig);
}

/** A configured stream by id, or a bare topic: key = aggregate id, type in the field "type", default fold. */
export function streamSpecFor(
  cluster: ClusterConfig,
  query: { stream?: string; topic?: string; partitioner?: PartitionerName },
): StreamSpec {
  if (query.stream !== undefined) {
    const found = cluster.streams?.find((s) => s.id === query.stream);
    if (!found)
      throw new AppError(
        'NOT_FOUND',
        `cluster "${cluster.id}" has no event stream "${query.stream}" configured`,
      );
    // A partitioner in the request overrides the configured one ("scan all partitions" after a miss).
    return query.partitioner ? { ...fromConfig(found), partitioner: query.partitioner } : fromConfig(found);
  }
  if (query.topic === undefined) throw new AppError('BAD_REQUEST', 'give a stream or a topic');
  return {
    id: null,
    name: query.topic,
    topic: query.topic,
    aggregateIdFrom: 'key',
    eventTypeFrom: { field: 'type' },
    partitioner: query.partitioner ?? 'murmur2',
    foldRules: undefined,
    reducerModule: undefined,
    snapshotTopic: null,
  };
}

export async function folderFor(cluster: ClusterConfig, spec: StreamSpec): Promise<Folder> {
  if (spec.reducerModule) {
    if (!cluster.reducerDir)
      throw new AppError(
        'CONFIG_INVALID',
        `stream "${spec.id}" names reducer "${spec.reducerModule}" but cluster "${cluster.id}" has no reducerDir`,
      );
    try {
      return createReducerFolder(
        spec.reducerModule,
        await loadReducer(cluster.reducerDir, spec.reducerModule),
      );
    } catch (error) {
      if (error instanceof ReducerLoadError) throw new AppError('CONFIG_INVALID', error.message);
      throw error;
    }
  }
  if (spec.foldRules) return createRulesFolder(spec.foldRules, spec.eventTypeFrom);
  return createDefaultFolder();
}

function describeSource(source: EventStreamConfig['aggregateIdFrom'] | EventTypeSource): string {
  if (typeof source === 'string') return source;
  return 'header' in source ? `header ${source.header}` : `field ${source.field}`;
}

export function summarizeStream(spec: StreamSpec): EventStreamSummary {
  const kind = spec.reducerModule ? 'reducer' : spec.foldRules ? 'rules' : 'default';
  const folder =
    kind === 'reducer'
      ? { description: `reducer module "${spec.reducerModule}"` }
      : spec.foldRules
        ? createRulesFolder(spec.foldRules, spec.eventTypeFrom)
        : createDefaultFolder();
  return {
    id: spec.id ?? spec.topic,
    name: spec.name,
    topic: spec.topic,
    partitioner: spec.partitioner,
    aggregateIdFrom: describeSource(spec.aggregateIdFrom),
    eventTypeFrom: describeSource(spec.eventTypeFrom),
    fold: {
      kind,
      description: folder.description,
      eventTypes: spec.foldRules ? Object.keys(spec.foldRules.byType) : [],
    },
    snapshotTopic: spec.snapshotTopic,
  };
}
