import { z } from 'zod';
import { defineOperations } from '@/lib/schemas/api-spec';
import { clusterIdParams } from './clusters';
import { topicName } from './topics';

/** Shared by routes and pages: the shapes of the consumer-groups API. Offsets and lags travel as decimal strings. */

/**
 * Group states as one vocabulary. Brokers spell them differently by API: ListGroups says
 * `STABLE`, DescribeGroups `Stable` or `PreparingRebalance`, ConsumerGroupDescribe `Reconciling`
 * (`lib/groups/group-state` maps each spelling to these).
 */
export const groupStates = [
  'STABLE',
  'EMPTY',
  'DEAD',
  'PREPARING_REBALANCE',
  'COMPLETING_REBALANCE',
  'ASSIGNING',
  'RECONCILING',
  'UNKNOWN',
] as const;
export type GroupState = (typeof groupStates)[number];

export const groupParams = clusterIdParams.extend({
  group: z.string().min(1, 'a group id is required').max(255, 'a group id has at most 255 characters'),
});

export const groupListQuery = z.object({
  q: z.string().max(255).optional().describe('Only groups whose id contains this text (case-insensitive)'),
  system: z
    .enum(['true', 'false'])
    .optional()
    .describe("Also list infrastructure groups such as the registry's (default false)"),
});

const offsetOut = z.string().describe('An offset, as a decimal string');
const offsetIn = z.string().regex(/^\d{1,19}$/, 'an offset is a non-negative integer');

const groupStateSchema = z.enum(groupStates);
const groupTypeSchema = z
  .enum(['classic', 'consumer'])
  .describe('"classic" (JoinGroup/SyncGroup) or "consumer" (KIP-848)');

export const groupSummarySchema = z.object({
  id: z.string(),
  system: z
    .boolean()
    .describe("Infrastructure (e.g. the schema registry's storage) rather than a read model"),
  state: groupStateSchema,
  running: z.boolean().describe('Not Empty or Dead: consumers are members'),
  type: groupTypeSchema,
  protocolType: z
    .string()
    .describe('"consumer", "connect", …; empty for a group that only has committed offsets'),
  members: z.number(),
  topics: z.array(z.string()).describe('Topics the group has committed offsets on'),
  totalLag: offsetOut
    .nullable()
    .describe('Messages behind over all committed partitions; null when nothing is committed'),
});
export type GroupSummary = z.infer<typeof groupSummarySchema>;

export const groupListSchema = z.object({
  groups: z.array(groupSummarySchema),
  hiddenSystemGroups: z.number().describe('System groups left out because system=false'),
});
export type GroupList = z.infer<typeof groupListSchema>;

const assignedTopicSchema = z.object({ topic: z.string(), partitions: z.array(z.number()) });

export const groupMemberSchema = z.object({
  memberId: z.string(),
  clientId: z.string(),
  host: z.string(),
  instanceId: z.string().nullable(),
  subscribedTopics: z
    .array(z.string())
    .nullable()
    .describe('null when the protocol is not the consumer protocol'),
  assignment: z.array(assignedTopicSchema).nullable(),
});
export type GroupMember = z.infer<typeof groupMemberSchema>;

export const partitionLagSchema = z.object({
  topic: z.string(),
  partition: z.number(),
  committed: offsetOut.nullable(),
  low: offsetOut,
  high: offsetOut,
  lag: offsetOut.nullable(),
  lagMs: z
    .number()
    .nullable()
    .describe(
      'Time behind: timestamp of the newest record minus that of the first unprocessed one; null without lag',
    ),
});
export type PartitionLagRow = z.infer<typeof partitionLagSchema>;

export const groupDetailSchema = z.object({
  id: z.string(),
  system: z.boolean(),
  state: groupStateSchema,
  running: z.boolean(),
  type: groupTypeSchema,
  protocolType: z.string(),
  assignor: z
    .string()
    .nullable()
    .describe('The partition assignor (classic: the agreed protocol; KIP-848: the server-side assignor)'),
  epoch: z.number().nullable().describe('KIP-848 group epoch'),
  coordinator: z.object({ nodeId: z.number(), host: z.string(), port: z.number() }).nullable(),
  members: z.array(groupMemberSchema),
  topics: z.array(z.object({ topic: z.string(), partitions: z.number(), lag: offsetOut.nullable() })),
  partitions: z.array(partitionLagSchema),
  totalLag: offsetOut.nullable(),
  maxLagMs: z
    .number()
    .nullable()
    .describe('The largest time behind over the partitions (see partitions[].lagMs)'),
  missingTopics: z.array(z.string()).describe('Topics with committed offsets that no longer exist'),
  at: z.number().describe('When the offsets were read (epoch ms)'),
});
export type GroupDetail = z.infer<typeof groupDetailSchema>;

export const resetScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('topic'), topic: topicName }),
  z.object({
    kind: z.literal('partitions'),
    topic: topicName,
    partitions: z.array(z.number().int().min(0)).min(1),
  }),
]);
export type ResetScopeInput = z.infer<typeof resetScopeSchema>;

export const resetStrategySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('earliest') }),
  z.object({ kind: z.literal('latest') }),
  z.object({
    kind: z.literal('timestamp'),
    timestamp: z.number().int().min(0).describe('Epoch milliseconds'),
  }),
  z.object({
    kind: z.literal('explicit'),
    offsets: z
      .array(z.object({ topic: topicName, partition: z.number().int().min(0), offset: offsetIn }))
      .min(1),
  }),
  z.object({
    kind: z.literal('shift'),
    by: z.string().regex(/^[+-]?\d{1,18}$/, 'shift by a whole number, e.g. -100 or 50'),
  }),
]);
export type ResetStrategyInput = z.infer<typeof resetStrategySchema>;

export const resetPreviewBodySchema = z.object({ scope: resetScopeSchema, strategy: resetStrategySchema });
export type ResetPreviewBody = z.infer<typeof resetPreviewBodySchema>;

export const plannedPartitionSchema = z.object({
  topic: z.string(),
  partition: z.number(),
  low: offsetOut,
  high: offsetOut,
  current: offsetOut.nullable(),
  target: offsetOut,
  lagBefore: offsetOut.nullable(),
  lagAfter: offsetOut,
  clamped: z.boolean().describe('The asked offset was outside the log and moved to its nearest end'),
  changed: z.boolean(),
});
export type PlannedPartitionRow = z.infer<typeof plannedPartitionSchema>;

export const resetPreviewSchema = z.object({
  group: z.string(),
  exists: z.boolean().describe('false: resetting creates the group (a new read model)'),
  state: groupStateSchema,
  scope: resetScopeSchema,
  strategy: resetStrategySchema,
  partitions: z.array(plannedPartitionSchema),
  totals: z.object({
    partitions: z.number(),
    changed: z.number(),
    lagBefore: offsetOut.nullable(),
    lagAfter: offsetOut,
  }),
});
export type ResetPreview = z.infer<typeof resetPreviewSchema>;

export const resetApplyBodySchema = resetPreviewBodySchema.extend({
  partitions: z
    .array(
      z.object({
        topic: topicName,
        partition: z.number().int().min(0),
        current: offsetIn.nullable(),
        target: offsetIn,
      }),
    )
    .min(1)
    .describe('The previewed plan: each partition with the offset it had at the preview and its new offset'),
});
export type ResetApplyBody = z.infer<typeof resetApplyBodySchema>;

export const resetApplySchema = z.object({
  group: z.string(),
  changed: z.array(
    z.object({ topic: z.string(), partition: z.number(), from: offsetOut.nullable(), to: offsetOut }),
  ),
});
export type ResetApplyResult = z.infer<typeof resetApplySchema>;

export const groupDeleteSchema = z.object({ group: z.string(), deleted: z.literal(true) });

export const groupOperations = defineOperations([
  {
    method: 'get',
    path: '/api/clusters/{cluster}/groups',
    tag: 'groups',
    summary: 'Consumer groups (classic and KIP-848) with state, type, members, topics and total lag',
    params: clusterIdParams,
    query: groupListQuery,
    response: groupListSchema,
    errors: ['UNKNOWN_CLUSTER', 'BROKER_UNAVAILABLE', 'TIMEOUT'],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/groups/{group}',
    tag: 'groups',
    summary: 'One group: state, coordinator, assignor, members with their partitions, and lag per partition',
    params: groupParams,
    response: groupDetailSchema,
    errors: ['UNKNOWN_CLUSTER', 'UNKNOWN_GROUP', 'BROKER_UNAVAILABLE', 'TIMEOUT'],
  },
  {
    method: 'delete',
    path: '/api/clusters/{cluster}/groups/{group}',
    tag: 'groups',
    summary: 'Delete a group that is not running, with its committed offsets (audited)',
    params: groupParams,
    response: groupDeleteSchema,
    errors: ['UNKNOWN_CLUSTER', 'UNKNOWN_GROUP', 'READ_ONLY', 'CONFLICT', 'BROKER_UNAVAILABLE'],
  },
  {
    method: 'post',
    path: '/api/clusters/{cluster}/groups/{group}/reset-offsets/preview',
    tag: 'groups',
    summary:
      'Preview an offset reset of a group that is not running: per partition the current and new offset and the lag after; changes nothing',
    description:
      'Strategies: earliest, latest, timestamp (first record at or after; past the end means latest), explicit offsets, shift by N (clamped to the log). ' +
      'Scope: every topic the group has committed on, one topic (also one the group never read: a new read model), or chosen partitions.',
    params: groupParams,
    body: resetPreviewBodySchema,
    response: resetPreviewSchema,
    errors: ['UNKNOWN_CLUSTER', 'UNKNOWN_TOPIC', 'CONFLICT', 'BROKER_UNAVAILABLE'],
  },
  {
    method: 'post',
    path: '/api/clusters/{cluster}/groups/{group}/reset-offsets',
    tag: 'groups',
    summary: 'Apply a previewed offset reset to a group that is not running (audited)',
    description:
      'Refused when the group is running, when its offsets moved since the preview, or when a target is no longer in the log.',
    params: groupParams,
    body: resetApplyBodySchema,
    response: resetApplySchema,
    errors: ['UNKNOWN_CLUSTER', 'UNKNOWN_TOPIC', 'READ_ONLY', 'CONFLICT', 'BROKER_UNAVAILABLE'],
  },
]);
