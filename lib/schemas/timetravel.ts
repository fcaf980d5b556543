import { z } from 'zod';
import { apiErrorSchema } from './error-body';
import { defineOperations } from '@/lib/schemas/api-spec';
import { clusterIdParams } from './clusters';
import { topicName } from './topics';

/** Shared by routes and pages: the shapes of the aggregate time-travel API. */

const jsonValue: z.ZodType<unknown> = z.unknown();

export const partitionerSchema = z.enum(['murmur2', 'crc32', 'scan-all']);
export type PartitionerName = z.infer<typeof partitionerSchema>;

/** A bare topic to read: a legal Kafka topic name, so a bad one is a 400 before anything is read. */
const topicNameParam = topicName;

/** A configured event stream as the browser may see it (fold rules summarised, never code). */
export const eventStreamSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  topic: z.string(),
  partitioner: partitionerSchema,
  aggregateIdFrom: z.string(),
  eventTypeFrom: z.string(),
  fold: z.object({
    kind: z.enum(['default', 'rules', 'reducer']),
    description: z.string(),
    eventTypes: z.array(z.string()),
  }),
  snapshotTopic: z.string().nullable(),
});
export type EventStreamSummary = z.infer<typeof eventStreamSummarySchema>;

/** A configured stream's id: a lowercase slug, as in the configuration. */
const streamId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
/** An offset in a query string. */
const offsetParam = z.string().regex(/^\d+$/, 'must be an offset');

/** Which aggregate: a configured stream, or a bare topic (key = id, default fold). */
const aggregateFields = {
  stream: streamId.optional(),
  topic: topicNameParam.optional(),
  id: z.string().min(1).max(1000),
  /** For a bare topic (default murmur2); for a stream, overrides its configured one. */
  partitioner: partitionerSchema.optional(),
};

/** How a replay starts: from the beginning, or from the nearest snapshot at or before `target`. */
const replayFields = {
  ...aggregateFields,
  /** Start from the nearest snapshot at or before `target` (an offset) instead of the beginning. */
  fromSnapshot: z.enum(['true', 'false']).optional(),
  target: offsetParam.optional(),
};

const oneSource = (q: { stream?: string; topic?: string }) =>
  (q.stream === undefined) !== (q.topic === undefined);
const ONE_SOURCE = { message: 'give exactly one of "stream" and "topic"' };

export const aggregateQuerySchema = z.object(aggregateFields).refine(oneSource, ONE_SOURCE);

export const replayQuerySchema = z
  .object({
    ...replayFields,
    /**
     * The position to show first (the offset of a step, or "start"): the first answer carries the
     * page of states and diffs that holds it; the last step when omitted.
     */
    at: z
      .string()
      .regex(/^(\d+|start)$/, 'must be an offset or "start"')
      .optional(),
  })
  .refine(oneSource, ONE_SOURCE);
export type ReplayQuery = z.infer<typeof replayQuerySchema>;

/**
 * A page of a replay's steps, for the replay the stream described: the same aggregate and
 * options, and `ends` from its `done` event (the end offsets it read to), so the page belongs to
 * the same history even when events were appended since.
 */
export const replayStepsQuerySchema = z
  .object({
    ...replayFields,
    /** The snapshot the replay started from (its offset in the snapshot topic), so a page starts from it too. */
    snapshot: offsetParam.optional(),
    ends: z
      .string()
      .max(20_000)
      .regex(/^\d+:\d+(,\d+:\d+)*$/, 'must be partition:offset pairs, comma-separated'),
    from: z.coerce.number().int().min(0).max(100_000_000),
    count: z.coerce.number().int().min(1).max(1000).default(50),
  })
  .refine(oneSource, ONE_SOURCE);
export type ReplayStepsQuery = z.infer<typeof replayStepsQuerySchema>;

export const verifySnapshotQuerySchema = z.object({
  stream: streamId,
  id: z.string().min(1).max(1000),
  /** Offset of the snapshot record in the snapshot topic; the latest snapshot when omitted. */
  snapshotOffset: offsetParam.optional(),
});

/** One difference between two states, by path (microdiff's change list, paths as arrays). */
export const stateChangeSchema = z.object({
  type: z.enum(['CREATE', 'REMOVE', 'CHANGE']),
  path: z.array(z.union([z.string(), z.number()])),
  value: jsonValue.optional(),
  oldValue: jsonValue.optional(),
});
export type StateChange = z.infer<typeof stateChangeSchema>;

export const schemaRefSchema = z.object({
  id: z.number(),
  subject: z.string().nullable(),
  version: z.number().nullable(),
});

/** The event decoded with its writer schema, and resolved to the latest reader schema of its subject. */
export const upcastSchema = z.discriminatedUnion('status', [
  /** The writer is the latest version: nothing to resolve. */
  z.object({ status: z.literal('latest') }),
  z.object({ status: z.literal('resolved'), reader: schemaRefSchema, value: jsonValue }),
  z.object({ status: z.literal('failed'), reader: schemaRefSchema.nullable(), reason: z.string() }),
  /** Not Avro through the registry: there is no reader schema to resolve to. */
  z.object({ status: z.literal('not-applicable') }),
]);
export type Upcast = z.infer<typeof upcastSchema>;

export const replayStepSchema = z.object({
  /** 0-based position in this replay. */
  index: z.number(),
  partition: z.number(),
  offset: z.string(),
  timestamp: z.number(),
  eventType: z.string().nullable(),
  schema: schemaRefSchema.nullable(),
  /** Value as written (writer schema). */
  value: jsonValue,
  upcast: upcastSchema,
  /** Decoding problem, when the value could not be decoded (the step then fails). */
  decodeError: z.string().nullable(),
  /** How the state changed; empty when the fold failed (the state stays as it was). */
  changes: z.array(stateChangeSchema),
  /** The fold error of this step; the replay goes on from the state before it. */
  error: z.string().nullable(),
});
export type ReplayStep = z.infer<typeof replayStepSchema>;

/** What repeats from event to event in a timeline: one row of its `kinds` table. */
export const timelineKindSchema = z.object({
  eventType: z.string().nullable(),
  schemaId: z.number().nullable(),
  schemaVersion: z.number().nullable(),
  upcast: z.enum(['latest', 'resolved', 'failed', 'not-applicable']),
  readerVersion: z.number().nullable(),
});
export type TimelineKind = z.infer<typeof timelineKindSchema>;

/** Every event of a replay, as columns (lib/timetravel/timeline.ts): row i is step i. */
export const replayTimelineSchema = z.object({
  partition: z.array(z.number()),
  offset: z.array(z.string()),
  timestamp: z.array(z.number()),
  /** Index into `kinds`. */
  kind: z.array(z.number()),
  kinds: z.array(timelineKindSchema),
  /** Indexes of the steps that failed. */
  failed: z.array(z.number()),
});
export type ReplayTimeline = z.infer<typeof replayTimelineSchema>;

/** Steps `from` … `from + steps.length - 1` with their changes, and the state before the first. */
export const replayPageSchema = z.object({
  from: z.number(),
  before: jsonValue,
  steps: z.array(replayStepSchema),
});
export type ReplayPage = z.infer<typeof replayPageSchema>;

export const snapshotInfoSchema = z.object({
  partition: z.number(),
  /** Offset in the snapshot topic. */
  snapshotOffset: z.string(),
  /** Offset in the event topic of the last event the snapshot includes. */
  coversOffset: z.string(),
  version: z.number().nullable(),
  takenAt: z.number().nullable(),
  state: jsonValue,
});
export type SnapshotInfo = z.infer<typeof snapshotInfoSchema>;

export const replayEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('phase'),
    phase: z.enum(['locating', 'snapshot', 'reading', 'done']),
    message: z.string(),
  }),
  z.object({
    type: z.literal('plan'),
    topic: z.string(),
    partitioner: partitionerSchema,
    partitionCount: z.number(),
    partitions: z.array(z.number()),
    fold: z.string(),
    /** Present when the replay starts from a snapshot. */
    snapshot: snapshotInfoSchema.nullable(),
    /** State the first step starts from ({} or the snapshot's). */
    initialState: jsonValue,
    /**
     * Set when the partition of the chosen partitioner held none of the aggregate's events: what
     * was found where. A second plan then replaces the first when the other partitioner's
     * partition held them.
     */
    notice: z.string().nullable().optional(),
  }),
  z.object({ type: z.literal('progress'), scanned: z.number(), total: z.number(), matched: z.number() }),
  /** Every event, compactly; states and diffs come by page. */
  z.object({ type: z.literal('timeline'), timeline: replayTimelineSchema }),
  /** The page of steps that holds the position asked for (`at`). */
  z.object({ type: z.literal('page'), page: replayPageSchema }),
  z.object({
    type: z.literal('done'),
    steps: z.number(),
    failed: z.number(),
    scanned: z.number(),
    elapsedMs: z.number(),
    finalState: jsonValue,
    /** The end offsets read to, per partition (`partition:offset,…`): pages of this replay name it. */
    ends: z.string(),
    /** The replay was served from the server's cache of recent replays (nothing but the end offsets read). */
    cached: z.boolean(),
  }),
  z.object({ type: z.literal('error'), error: apiErrorSchema }),
]);
export type ReplayEvent = z.infer<typeof replayEventSchema>;

export const partitionerEvidenceSchema = z.object({
  sampled: z.number().describe('keyed records read from the start of the partitions'),
  telling: z.number().describe('records on which murmur2 and CRC32 pick different partitions'),
  murmur2: z.number(),
  crc32: z.number(),
  detected: z
    .enum(['murmur2', 'crc32'])
    .nullable()
    .describe('the partitioner that explains the sample; null when none does'),
});

export const partitionResponseSchema = z.object({
  topic: z.string(),
  partitioner: partitionerSchema,
  partitionCount: z.number(),
  /** The partitions that will be read: one, or all for scan-all. */
  partitions: z.array(z.number()),
  /** The producer's partitioner judged from a sample of keyed records; null for one partition. */
  evidence: partitionerEvidenceSchema.nullable(),
});

export const verifySnapshotResponseSchema = z.object({
  snapshot: snapshotInfoSchema,
  replayedEvents: z.number(),
  failedSteps: z.number(),
  /** The replayed state minus the snapshot's: empty when they agree. */
  differences: z.array(stateChangeSchema),
  replayedState: jsonValue,
  elapsedMs: z.number(),
});
export type VerifySnapshotResponse = z.infer<typeof verifySnapshotResponseSchema>;

export const timetravelOperations = defineOperations([
  {
    method: 'get',
    path: '/api/clusters/{cluster}/timetravel/streams',
    tag: 'timetravel',
    summary: 'The event streams configured for aggregate time travel',
    params: clusterIdParams,
    response: z.object({ streams: z.array(eventStreamSummarySchema) }),
    errors: ['UNKNOWN_CLUSTER'],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/timetravel/partition',
    tag: 'timetravel',
    summary: "The partition(s) an aggregate's events are read from, computed with the producer's partitioner",
    params: clusterIdParams,
    query: aggregateQuerySchema,
    response: partitionResponseSchema,
    errors: ['UNKNOWN_CLUSTER', 'UNKNOWN_TOPIC', 'NOT_FOUND', 'BROKER_UNAVAILABLE'],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/timetravel/replay',
    tag: 'timetravel',
    summary: "Rebuild an aggregate's state event by event (server-sent events; no consumer group)",
    description:
      'Streams the plan (partition, fold, snapshot), progress, the timeline of every event (compact columns), the page of steps (decoded event, upcast to the latest schema, state changes, fold error) that holds the position asked for, and the final state; other pages come from the steps operation. Cancel by closing the stream.',
    params: clusterIdParams,
    query: replayQuerySchema,
    stream: replayEventSchema,
    errors: ['UNKNOWN_CLUSTER', 'UNKNOWN_TOPIC', 'NOT_FOUND', 'BROKER_UNAVAILABLE'],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/timetravel/steps',
    tag: 'timetravel',
    summary:
      "A page of an aggregate replay's steps: decoded events, state changes, and the state before them",
    description:
      'For the replay a stream described (same aggregate, options and `ends`): served from the cache of recent replays, or replayed again up to `ends`.',
    params: clusterIdParams,
    query: replayStepsQuerySchema,
    response: replayPageSchema,
    errors: ['UNKNOWN_CLUSTER', 'UNKNOWN_TOPIC', 'NOT_FOUND', 'BROKER_UNAVAILABLE'],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/timetravel/verify-snapshot',
    tag: 'timetravel',
    summary: 'Replay an aggregate from its first event and compare with a snapshot',
    params: clusterIdParams,
    query: verifySnapshotQuerySchema,
    response: verifySnapshotResponseSchema,
    errors: ['UNKNOWN_CLUSTER', 'NOT_FOUND', 'BROKER_UNAVAILABLE'],
  },
]);
