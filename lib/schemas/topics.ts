import { z } from 'zod';
import { offsetText } from './shared';
import { apiErrorSchema } from './error-body';
import { defineOperations } from '@/lib/schemas/api-spec';
import { clusterIdParams } from './clusters';

/**
 * Shared by routes and pages: the shapes of the topics API (list, topic page, create; producing
 * is in ./produce). Offsets and lags travel as decimal strings (they are 64-bit); counts and
 * sizes as numbers.
 */

/** Kafka's legal topic names: ASCII letters, digits, '.', '_' and '-', at most 249 characters. */
export const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;
/** The one schema of a topic name in any request (path, query or body): a bad name is a 400 before anything is read. */
export const topicName = z
  .string()
  .regex(TOPIC_NAME, 'a topic name has 1 to 249 letters, digits, ".", "_" or "-"')
  .refine((n) => n !== '.' && n !== '..', 'a topic name cannot be "." or ".."');

export const topicParams = clusterIdParams.extend({ topic: topicName });

export const topicBadgeSchema = z.enum(['dead-letter', 'snapshot', 'compacted']);

export const topicListQuery = z.object({
  q: z.string().max(249).optional().describe('Only topics whose name contains this text (case-insensitive)'),
  internal: z
    .enum(['true', 'false'])
    .optional()
    .describe("Also list internal topics: Kafka's, the registry's and the console's own (default false)"),
});

export const topicSummarySchema = z.object({
  name: z.string(),
  internal: z.boolean().describe("Kafka's own, the schema registry's storage or the console's (audit)"),
  partitionCount: z.number(),
  replicationFactor: z.number(),
  messageCount: z
    .number()
    .nullable()
    .describe('Approximate: the sum over partitions of high minus low watermark'),
  sizeBytes: z
    .number()
    .nullable()
    .describe('Bytes on disk of the leader replicas (the data once); null when log dirs could not be read'),
  replicatedSizeBytes: z.number().nullable().describe('Bytes on disk of all replicas'),
  cleanupPolicy: z.string().nullable(),
  badges: z.array(topicBadgeSchema),
  underReplicatedPartitions: z.number(),
  offlinePartitions: z.number(),
});
export type TopicSummary = z.infer<typeof topicSummarySchema>;

export const topicListSchema = z.object({
  topics: z.array(topicSummarySchema),
  hiddenInternalTopics: z.number().describe('Internal topics left out because internal=false'),
  brokerCount: z.number(),
  /** Facts that could not be read; the rest of the list is still right. */
  problems: z.object({ sizes: apiErrorSchema.optional(), configs: apiErrorSchema.optional() }),
});
export type TopicList = z.infer<typeof topicListSchema>;

export const partitionSchema = z.object({
  partition: z.number(),
  leader: z.number().describe('-1 when the partition has no leader'),
  replicas: z.array(z.number()),
  isr: z.array(z.number()),
  offlineReplicas: z.array(z.number()),
  underReplicated: z.boolean(),
  offline: z.boolean(),
  low: offsetText.nullable(),
  high: offsetText.nullable(),
  messageCount: z.number().nullable(),
  sizeBytes: z.number().nullable(),
  replicatedSizeBytes: z.number().nullable(),
});
export type TopicPartition = z.infer<typeof partitionSchema>;

export const topicDetailSchema = topicSummarySchema.extend({
  topicId: z.string(),
  partitions: z.array(partitionSchema),
  problems: z.object({ sizes: apiErrorSchema.optional(), configs: apiErrorSchema.optional() }),
});
export type TopicDetail = z.infer<typeof topicDetailSchema>;

export const configSourceSchema = z.enum([
  'topic',
  'dynamic-broker',
  'dynamic-default-broker',
  'static-broker',
  'default',
  'unknown',
]);

export const topicConfigSchema = z.object({
  configs: z.array(
    z.object({
      name: z.string(),
      value: z.string().nullable().describe('null when unset, or when sensitive (masked)'),
      source: configSourceSchema,
      isDefault: z.boolean(),
      isSensitive: z.boolean(),
      readOnly: z.boolean(),
      documentation: z.string().nullable(),
    }),
  ),
});
export type TopicConfig = z.infer<typeof topicConfigSchema>;

export const topicConsumerSchema = z.object({
  groupId: z.string(),
  state: z.string(),
  type: z.string().describe('"classic" or "consumer" (KIP-848)'),
  system: z.boolean(),
  partitions: z.array(
    z.object({
      partition: z.number(),
      committed: offsetText.nullable(),
      low: offsetText,
      high: offsetText,
      lag: offsetText.nullable().describe('high watermark minus committed offset; null without a commit'),
    }),
  ),
  totalLag: offsetText.nullable(),
});
export type TopicConsumer = z.infer<typeof topicConsumerSchema>;
export const topicConsumersSchema = z.object({ groups: z.array(topicConsumerSchema) });
export type TopicConsumers = z.infer<typeof topicConsumersSchema>;

export const cleanupPolicies = ['delete', 'compact', 'compact,delete'] as const;

export const createTopicBody = z.object({
  name: topicName,
  partitions: z.number().int().min(1).max(10_000),
  replicationFactor: z.number().int().min(1).max(32),
  cleanupPolicy: z.enum(cleanupPolicies).default('delete'),
  retentionMs: z
    .number()
    .int()
    .min(-1)
    .optional()
    .describe('retention.ms; -1 keeps records forever; absent uses the broker default'),
});
export type CreateTopicInput = z.input<typeof createTopicBody>;
export const createdTopicSchema = z.object({
  name: z.string(),
  partitions: z.number(),
  replicationFactor: z.number(),
  configs: z.record(z.string(), z.string()),
});
export type CreatedTopic = z.infer<typeof createdTopicSchema>;

export const deleteTopicBody = z.object({
  confirm: z.string().describe('The topic name again, as a guard against accidents'),
});

export const topicOperations = defineOperations([
  {
    method: 'get',
    path: '/api/clusters/{cluster}/topics',
    tag: 'topics',
    summary:
      'Topics with partitions, replication, approximate message count, size on disk, cleanup policy and badges',
    description:
      'Batched: one Metadata, one ListOffsets per leader for earliest and for latest, one DescribeLogDirs per broker, one DescribeConfigs.',
    params: clusterIdParams,
    query: topicListQuery,
    response: topicListSchema,
    errors: ['UNKNOWN_CLUSTER', 'BROKER_UNAVAILABLE', 'TIMEOUT'],
  },
  {
    method: 'post',
    path: '/api/clusters/{cluster}/topics',
    tag: 'topics',
    summary: 'Create a topic (audited; refused on a read-only cluster)',
    params: clusterIdParams,
    body: createTopicBody,
    response: createdTopicSchema,
    errors: ['UNKNOWN_CLUSTER', 'READ_ONLY', 'CONFLICT', 'BROKER_UNAVAILABLE'],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/topics/{topic}',
    tag: 'topics',
    summary: 'One topic: its figures and every partition with leader, replicas, ISR, watermarks and size',
    params: topicParams,
    response: topicDetailSchema,
    errors: ['UNKNOWN_CLUSTER', 'UNKNOWN_TOPIC', 'BROKER_UNAVAILABLE'],
  },
  {
    method: 'delete',
    path: '/api/clusters/{cluster}/topics/{topic}',
    tag: 'topics',
    summary: 'Delete a topic (audited; refused on a read-only cluster and for internal topics)',
    params: topicParams,
    body: deleteTopicBody,
    response: z.object({ deleted: z.string() }),
    errors: ['UNKNOWN_CLUSTER', 'UNKNOWN_TOPIC', 'READ_ONLY'],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/topics/{topic}/config',
    tag: 'topics',
    summary: 'Every configuration entry of a topic with its value and source; sensitive values masked',
    params: topicParams,
    response: topicConfigSchema,
    errors: ['UNKNOWN_CLUSTER', 'UNKNOWN_TOPIC', 'BROKER_UNAVAILABLE'],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/topics/{topic}/consumers',
    tag: 'topics',
    summary: 'Consumer groups with committed offsets on the topic, with lag per partition',
    params: topicParams,
    response: topicConsumersSchema,
    errors: ['UNKNOWN_CLUSTER', 'UNKNOWN_TOPIC', 'BROKER_UNAVAILABLE'],
  },
]);
