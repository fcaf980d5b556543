import { z } from 'zod';
import { defineOperations } from '@/lib/schemas/api-spec';
import { clusterIdParams } from './clusters';

/**
 * Shared by routes and pages: the shapes of the topics API (list, topic page, create) and of
 * producing a message. Offsets and lags travel as decimal strings (they are 64-bit); counts and
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

const offsetOut = z.string().describe('An offset, as a decimal string');

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

const problemSchema = z.object({ code: z.string(), message: z.string() });

export const topicListSchema = z.object({
  topics: z.array(topicSummarySchema),
  hiddenInternalTopics: z.number().describe('Internal topics left out because internal=false'),
  brokerCount: z.number(),
  /** Facts that could not be read; the rest of the list is still right. */
  problems: z.object({ sizes: problemSchema.optional(), configs: problemSchema.optional() }),
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
  low: offsetOut.nullable(),
  high: offsetOut.nullable(),
  messageCount: z.number().nullable(),
  sizeBytes: z.number().nullable(),
  replicatedSizeBytes: z.number().nullable(),
});
export type TopicPartition = z.infer<typeof partitionSchema>;

export const topicDetailSchema = topicSummarySchema.extend({
  topicId: z.string(),
  partitions: z.array(partitionSchema),
  problems: z.object({ sizes: problemSchema.optional(), configs: problemSchema.optional() }),
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
      committed: offsetOut.nullable(),
      low: offsetOut,
      high: offsetOut,
      lag: offsetOut.nullable().describe('high watermark minus committed offset; null without a commit'),
    }),
  ),
  totalLag: offsetOut.nullable(),
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

// ----- produce -----

export const produceEncodings = ['json', 'text', 'avro'] as const;
export type ProduceEncoding = (typeof produceEncodings)[number];

export const produceBody = z.object({
  key: z.string().max(1_000_000).nullable().default(null).describe('UTF-8 text; null or absent for no key'),
  headers: z
    .array(
      z.object({
        name: z.string().min(1, 'a header needs a name').max(1000),
        value: z.string().max(1_000_000),
      }),
    )
    .max(100)
    .default([]),
  partition: z
    .number()
    .int()
    .min(0)
    .nullable()
    .default(null)
    .describe('null: by key (murmur2, as the Java client) or round-robin without a key'),
  encoding: z.enum(produceEncodings),
  value: z.string().max(10_000_000).describe('The value as typed: JSON (for json and avro) or text'),
  subject: z.string().min(1).max(1000).optional().describe('Avro only: the subject; default <topic>-value'),
  version: z
    .union([z.number().int().min(1), z.literal('latest')])
    .default('latest')
    .describe('Avro only: the subject version'),
  compression: z
    .enum(['none', 'gzip', 'snappy', 'lz4', 'zstd'])
    .optional()
    .describe('Compression of the record batch; none when absent'),
});
export type ProduceInput = z.input<typeof produceBody>;

export const fieldErrorSchema = z.object({
  path: z.string().describe('Dotted path into the value; empty for the value itself'),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const produceSummarySchema = z.object({
  topic: z.string(),
  partition: z
    .number()
    .nullable()
    .describe('Where the record will go; null when round-robin decides at send time'),
  partitionChoice: z.enum(['explicit', 'by-key', 'round-robin']),
  key: z.string().nullable(),
  headers: z.array(z.object({ name: z.string(), value: z.string() })),
  encoding: z.enum(produceEncodings),
  keySize: z.number(),
  valueSize: z.number().describe('Bytes of the encoded value, framing included'),
  schema: z.object({ subject: z.string(), version: z.number(), id: z.number() }).nullable(),
});
export type ProduceSummary = z.infer<typeof produceSummarySchema>;

export const producePreviewSchema = z.discriminatedUnion('valid', [
  z.object({ valid: z.literal(true), summary: produceSummarySchema, readOnly: z.boolean() }),
  z.object({ valid: z.literal(false), errors: z.array(fieldErrorSchema), readOnly: z.boolean() }),
]);
export type ProducePreview = z.infer<typeof producePreviewSchema>;

export const producedSchema = produceSummarySchema.extend({
  partition: z.number(),
  offset: offsetOut,
  timestamp: z.number().describe('CreateTime, epoch milliseconds'),
});
export type Produced = z.infer<typeof producedSchema>;

export const produceOptionsQuery = z.object({
  subject: z
    .string()
    .max(1000)
    .optional()
    .describe('The subject whose versions to list; default <topic>-value'),
  version: z
    .string()
    .regex(/^(\d+|latest)$/)
    .optional()
    .describe('The version whose schema to include; default latest'),
});

export const produceOptionsSchema = z.object({
  partitionCount: z.number(),
  readOnly: z.boolean(),
  defaultSubject: z.string(),
  registry: z.discriminatedUnion('status', [
    z.object({
      status: z.literal('up'),
      subjects: z.array(z.string()).describe('Every subject of the registry, for the subject picker'),
      subject: z.string(),
      versions: z.array(z.number()).describe('Versions of the chosen subject; empty when it does not exist'),
      schema: z
        .object({ version: z.number(), id: z.number(), schemaType: z.string(), schema: z.string() })
        .nullable(),
    }),
    z.object({ status: z.literal('down'), problem: problemSchema }),
    z.object({ status: z.literal('not-configured') }),
  ]),
});
export type ProduceOptions = z.infer<typeof produceOptionsSchema>;

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
  {
    method: 'get',
    path: '/api/clusters/{cluster}/topics/{topic}/produce/options',
    tag: 'produce',
    summary: 'What the produce form offers: partitions, subjects, the versions of a subject and its schema',
    params: topicParams,
    query: produceOptionsQuery,
    response: produceOptionsSchema,
    errors: ['UNKNOWN_CLUSTER', 'UNKNOWN_TOPIC'],
  },
  {
    method: 'post',
    path: '/api/clusters/{cluster}/topics/{topic}/produce/preview',
    tag: 'produce',
    summary:
      'Encode a message without sending it: per-field errors, or what would be sent (size, partition, schema id)',
    params: topicParams,
    body: produceBody,
    response: producePreviewSchema,
    errors: [
      'UNKNOWN_CLUSTER',
      'UNKNOWN_TOPIC',
      'UNKNOWN_SUBJECT',
      'REGISTRY_UNAVAILABLE',
      'REGISTRY_NOT_CONFIGURED',
    ],
  },
  {
    method: 'post',
    path: '/api/clusters/{cluster}/topics/{topic}/produce',
    tag: 'produce',
    summary: 'Produce one message (JSON, text, or JSON encoded to Avro against a subject version); audited',
    description:
      'A value that does not match the schema is refused with BAD_REQUEST naming each field; nothing is sent.',
    params: topicParams,
    body: produceBody,
    response: producedSchema,
    errors: [
      'UNKNOWN_CLUSTER',
      'UNKNOWN_TOPIC',
      'READ_ONLY',
      'UNKNOWN_SUBJECT',
      'REGISTRY_UNAVAILABLE',
      'REGISTRY_NOT_CONFIGURED',
      'BROKER_UNAVAILABLE',
    ],
  },
]);
