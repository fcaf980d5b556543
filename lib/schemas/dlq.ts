import { z } from 'zod';
import { offsetText } from './shared';
import { apiErrorSchema } from './error-body';
import { defineOperations } from '@/lib/schemas/api-spec';
import { clusterIdParams } from './clusters';
import { topicName, topicParams } from './topics';

/** Shared by routes and pages: the shapes of the dead-letter API. Offsets travel as decimal strings. */

const offsetIn = z.string().regex(/^\d{1,19}$/, 'an offset is a non-negative integer');
const epochMs = z.number().describe('Epoch milliseconds');

export const deadLetterConventionSchema = z.enum([
  'connect',
  'spring',
  'streams',
  'smallrye',
  'karafka',
  'configured',
]);

export const deadLetterInfoSchema = z.object({
  convention: deadLetterConventionSchema
    .nullable()
    .describe('Whose headers the record carries; null when none'),
  origin: z.object({
    topic: z.string().nullable(),
    partition: z.number().nullable(),
    offset: offsetText.nullable(),
    timestamp: epochMs.nullable().describe('Of the original record, when the convention keeps it'),
    consumerGroup: z.string().nullable(),
  }),
  error: z.object({
    exceptionClass: z.string().nullable(),
    causeClass: z.string().nullable(),
    message: z.string().nullable(),
    stacktrace: z.string().nullable(),
  }),
  rootCause: z
    .object({ className: z.string().nullable(), message: z.string().nullable() })
    .describe('Innermost meaningful cause: wrappers unwrapped, "Caused by" read'),
  fingerprint: z.string().describe('Root cause class and message with numbers, ids and UUIDs masked'),
  details: z.record(z.string(), z.string()),
  deadLetterHeaderKeys: z
    .array(z.string())
    .describe('Headers of the dead-letter convention; a redrive leaves them out'),
});

export const deadLetterTopicSchema = z.object({
  name: z.string(),
  partitionCount: z.number(),
  messageCount: z.number().nullable(),
  detectedBy: z.enum(['name', 'config', 'headers']),
});
export type DeadLetterTopic = z.infer<typeof deadLetterTopicSchema>;

export const deadLetterTopicListSchema = z.object({
  topics: z.array(deadLetterTopicSchema),
  checkedByHeaders: z
    .number()
    .describe('Topics whose latest records were read to look for dead-letter headers'),
});
export type DeadLetterTopicList = z.infer<typeof deadLetterTopicListSchema>;

export const causeGroupSchema = z.object({
  fingerprint: z.string(),
  className: z.string().nullable(),
  message: z.string().nullable().describe('The root-cause message of the first dead letter of the group'),
  exceptionClass: z.string().nullable().describe('The outer class the framework reported'),
  conventions: z.array(deadLetterConventionSchema),
  count: z.number(),
  firstAt: epochMs,
  lastAt: epochMs,
  originTopics: z.array(z.string()),
});
export type CauseGroup = z.infer<typeof causeGroupSchema>;

export const deadLetterTriageSchema = z.object({
  topic: z.string(),
  total: z.number().describe('Dead letters read'),
  truncated: z
    .boolean()
    .describe('The topic holds more than the console reads at once; figures cover the oldest records read'),
  withHeaders: z.number().describe('Dead letters that carry a known header convention'),
  oldest: epochMs.nullable(),
  newest: epochMs.nullable(),
  arrivals: z.object({ bucketMs: z.number(), points: z.array(z.object({ at: epochMs, count: z.number() })) }),
  causes: z.array(causeGroupSchema),
  origins: z.array(
    z.object({ topic: z.string().nullable(), count: z.number(), consumerGroups: z.array(z.string()) }),
  ),
  keys: z.array(
    z.object({ key: z.string().nullable(), count: z.number(), firstAt: epochMs, lastAt: epochMs }),
  ),
  keyCount: z.number().describe('Distinct keys (the list shows the most frequent)'),
  parkingTopic: z
    .string()
    .nullable()
    .describe('Where a redrive can park what its destination cannot take; null when none is configured'),
});
export type DeadLetterTriage = z.infer<typeof deadLetterTriageSchema>;

/** A selection of dead letters: every given criterion must hold. */
export const deadLetterSelectionSchema = z
  .object({
    cause: z.string().max(4000).optional().describe('A cause fingerprint'),
    originTopic: z.string().max(249).optional(),
    key: z.string().max(4000).optional(),
    from: z.number().int().min(0).optional().describe('Dead-lettered at or after (epoch ms)'),
    to: z.number().int().min(0).optional().describe('Dead-lettered at or before (epoch ms)'),
    expr: z
      .string()
      .max(2000)
      .optional()
      .describe("A filter in the message browser's expression language, on key, headers and decoded value"),
    letters: z
      .array(z.object({ partition: z.number().int().min(0), offset: offsetIn }))
      .max(10_000)
      .optional()
      .describe('Chosen one by one'),
  })
  .strict();
export type DeadLetterSelection = z.infer<typeof deadLetterSelectionSchema>;

/** The selection as query parameters (GET), without one-by-one letters. */
export const deadLetterSelectionQuery = z.object({
  cause: z.string().max(4000).optional(),
  origin: z.string().max(249).optional(),
  key: z.string().max(4000).optional(),
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  expr: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** A decoded part (lib/schemas/messages.ts decodedPartSchema) flattened: every field any format gives, so the document describes them all. */
const decodedValueSchema = z.object({
  format: z.string().describe('avro, json-schema, protobuf, json, text, binary, null or error'),
  value: z.unknown().optional(),
  text: z.string().optional(),
  hex: z.string().optional(),
  reason: z.string().optional(),
  code: z.string().optional().describe('for format "error": why it could not be decoded'),
  schemaId: z.number().optional(),
  subject: z.string().optional(),
  version: z.number().optional(),
  schemaIdHeader: z.string().optional(),
  schemaGuid: z.string().optional(),
  recordName: z.string().optional(),
  messageType: z.string().optional(),
  messageIndexes: z.array(z.number()).optional(),
  valid: z.boolean().optional(),
  violations: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const deadLetterMessageSchema = z.object({
  partition: z.number(),
  offset: offsetText,
  timestamp: epochMs,
  key: z.string().nullable(),
  info: deadLetterInfoSchema,
  value: decodedValueSchema,
  headers: z.array(z.object({ key: z.string(), text: z.string().nullable(), hex: z.string() })),
});
export type DeadLetterMessage = z.infer<typeof deadLetterMessageSchema>;

export const deadLetterMessagesSchema = z.object({
  matched: z.number().describe('Dead letters the selection matches'),
  messages: z.array(deadLetterMessageSchema).describe('The first of them, oldest first'),
});
export type DeadLetterMessages = z.infer<typeof deadLetterMessagesSchema>;

export const blockedKeySchema = z.object({
  key: z.string(),
  originTopic: z.string(),
  originPartition: z.number(),
  failedOffset: offsetText.describe('The first dead-lettered offset of the key'),
  deadLettered: z.number().describe('Dead letters of the key'),
  later: z.number().describe('Events of the key in the origin partition after the failed offset'),
  laterDeadLettered: z.number().describe('How many of those later events are dead letters too'),
});
export type BlockedKey = z.infer<typeof blockedKeySchema>;

export const blockedKeysSchema = z.object({
  keys: z.array(blockedKeySchema).describe('Keys with later events after a failure, most later events first'),
  checkedKeys: z.number(),
  scanned: z.number().describe('Records of the origin topics read'),
  truncated: z.boolean().describe('An origin partition was longer than the console scans at once'),
  missingOrigins: z.array(z.string()).describe('Origin topics that no longer exist'),
});
export type BlockedKeys = z.infer<typeof blockedKeysSchema>;

export const dryRunBodySchema = z
  .object({
    selection: deadLetterSelectionSchema,
    destination: topicName.optional().describe('Send everything here instead of each origin topic'),
  })
  .strict();
export type DryRunBody = z.infer<typeof dryRunBodySchema>;

export const dryRunItemSchema = z.object({
  partition: z.number(),
  offset: offsetText,
  key: z.string().nullable(),
  destination: z.string().nullable(),
  ok: z.boolean(),
  reason: z.string().nullable().describe('Why it would fail, or a note when it would pass'),
  schema: z
    .object({
      writerId: z.number(),
      readerSubject: z.string(),
      readerVersion: z.number(),
      readerId: z.number(),
    })
    .nullable()
    .describe("The value's writer schema and the destination's current reader schema it was checked against"),
  headersKept: z.number(),
  headersDropped: z.array(z.string()),
});
export type DryRunItem = z.infer<typeof dryRunItemSchema>;

export const dryRunSchema = z.object({
  selected: z.number(),
  ok: z.number(),
  failed: z.number(),
  destinations: z.array(z.object({ topic: z.string().nullable(), count: z.number(), failed: z.number() })),
  items: z.array(dryRunItemSchema),
});
export type DryRun = z.infer<typeof dryRunSchema>;

export const redriveBodySchema = z
  .object({
    selection: deadLetterSelectionSchema,
    destination: topicName.optional().describe('Send everything here instead of each origin topic'),
    rateLimit: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .describe('Messages per second; unlimited when absent'),
    force: z.boolean().default(false).describe('Also send dead letters that an earlier job already redrove'),
    park: z
      .boolean()
      .default(false)
      .describe("Send what the destination cannot take to the cluster's parking topic instead"),
    confirm: z.literal(true, { message: 'a redrive must be confirmed' }),
  })
  .strict();
export type RedriveBody = z.input<typeof redriveBodySchema>;

export const editRedriveBodySchema = z
  .object({
    partition: z.number().int().min(0),
    offset: offsetIn,
    value: z
      .string()
      .max(1_000_000)
      .describe("The edited value as JSON, encoded to the destination's current value schema"),
    reason: z.string().trim().min(3, 'say why the message is edited').max(1000),
    destination: topicName.optional().describe('Instead of the origin topic from the headers'),
    force: z.boolean().default(false).describe('Also when an earlier job already redrove this message'),
    confirm: z.literal(true, { message: 'an edited resend must be confirmed' }),
  })
  .strict();
export type EditRedriveBody = z.input<typeof editRedriveBodySchema>;

export const editRedriveResultSchema = z.object({
  redriveId: z.string(),
  destination: z.string(),
  partition: z.number(),
  offset: offsetText,
  schema: z.object({ subject: z.string(), version: z.number(), id: z.number() }).nullable(),
});
export type EditRedriveResult = z.infer<typeof editRedriveResultSchema>;

export const redriveJobStatusSchema = z.enum([
  'running',
  'paused',
  'interrupted',
  'cancelled',
  'done',
  'failed',
]);
export type RedriveJobStatus = z.infer<typeof redriveJobStatusSchema>;

export const redriveJobSchema = z.object({
  id: z.string(),
  cluster: z.string(),
  sourceTopic: z.string(),
  selection: deadLetterSelectionSchema,
  destination: z.string().nullable().describe('null: each dead letter goes back to its origin topic'),
  rateLimit: z.number().nullable(),
  force: z.boolean(),
  park: z.boolean().default(false),
  /** The end of each DLQ partition when the job was created: a resumed job selects from the same records. */
  upTo: z.array(z.object({ partition: z.number(), offset: offsetText })),
  status: redriveJobStatusSchema,
  error: z.string().nullable(),
  counts: z.object({
    selected: z.number(),
    sent: z.number(),
    skipped: z.number().describe('Already redriven by an earlier job'),
    failed: z.number().describe("Not sent: the destination's schema cannot read them, or no destination"),
    parked: z.number().default(0).describe('Sent to the parking topic instead'),
  }),
  destinations: z.array(z.string()),
  startedBy: z.string(),
  createdAt: epochMs,
  updatedAt: epochMs,
  finishedAt: epochMs.nullable(),
});
export type RedriveJob = z.infer<typeof redriveJobSchema>;

export const redriveJobListSchema = z.object({ jobs: z.array(redriveJobSchema) });
export type RedriveJobList = z.infer<typeof redriveJobListSchema>;

export const redriveJobOverviewSchema = z.object({
  jobs: z.array(
    redriveJobSchema.extend({
      audit: z
        .array(z.object({ at: z.string(), actor: z.string(), action: z.string() }))
        .describe('Audit entries of the job, oldest first'),
    }),
  ),
  auditScanned: z.number().describe('Newest audit entries read to find those of the jobs'),
});
export type RedriveJobOverview = z.infer<typeof redriveJobOverviewSchema>;

export const redriveJobParams = topicParams.extend({
  job: z.string().regex(/^[a-z0-9-]{8,64}$/, 'not a job id'),
});
export const redriveActionParams = redriveJobParams.extend({ action: z.enum(['pause', 'resume', 'cancel']) });

export const redriveEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('job'), job: redriveJobSchema }),
  z.object({ type: z.literal('error'), error: apiErrorSchema }),
]);
export type RedriveEvent = z.infer<typeof redriveEventSchema>;

export const ledgerEntrySchema = z.object({
  jobId: z.string(),
  redriveId: z.string(),
  destination: z.string(),
  partition: z.number(),
  at: epochMs,
  attempt: z.number(),
  parked: z.boolean().optional().describe('Sent to the parking topic, not to its destination'),
  edited: z.boolean().optional().describe('Resent with an edited value'),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const dlqOperations = defineOperations([
  {
    method: 'get',
    path: '/api/clusters/{cluster}/dlq',
    tag: 'dead letters',
    summary:
      'Dead-letter topics, recognised by name, by configuration and by the headers of their latest records',
    params: clusterIdParams,
    response: deadLetterTopicListSchema,
    errors: ['UNKNOWN_CLUSTER', 'BROKER_UNAVAILABLE', 'TIMEOUT'],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/dlq/{topic}',
    tag: 'dead letters',
    summary:
      'Triage of one dead-letter topic: totals, arrivals over time, groups by cause, origin topic and key',
    params: topicParams,
    response: deadLetterTriageSchema,
    errors: ['UNKNOWN_CLUSTER', 'UNKNOWN_TOPIC', 'BROKER_UNAVAILABLE', 'TIMEOUT'],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/dlq/{topic}/messages',
    tag: 'dead letters',
    summary: 'The dead letters a selection matches, decoded, with origin and error',
    params: topicParams,
    query: deadLetterSelectionQuery,
    response: deadLetterMessagesSchema,
    errors: ['UNKNOWN_CLUSTER', 'UNKNOWN_TOPIC', 'BROKER_UNAVAILABLE', 'TIMEOUT'],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/dlq/{topic}/blocked-keys',
    tag: 'dead letters',
    summary:
      'For each dead-lettered key: later events of the key in the origin topic, and how many of them are dead letters too',
    params: topicParams,
    response: blockedKeysSchema,
    errors: ['UNKNOWN_CLUSTER', 'UNKNOWN_TOPIC', 'BROKER_UNAVAILABLE', 'TIMEOUT'],
  },
  {
    method: 'post',
    path: '/api/clusters/{cluster}/dlq/{topic}/dry-run',
    tag: 'dead letters',
    summary:
      "Dry run of a redrive: where each selected dead letter would go and whether the destination's current value schema reads it; writes nothing",
    params: topicParams,
    body: dryRunBodySchema,
    response: dryRunSchema,
    errors: [
      'UNKNOWN_CLUSTER',
      'UNKNOWN_TOPIC',
      'BAD_REQUEST',
      'BROKER_UNAVAILABLE',
      'REGISTRY_UNAVAILABLE',
      'TIMEOUT',
    ],
  },
  {
    method: 'post',
    path: '/api/clusters/{cluster}/dlq/{topic}/redrive',
    tag: 'dead letters',
    summary:
      'Start a redrive job: the selection is sent to its origin topics (or one destination) in transactions that also write the ledger; confirmed and audited',
    params: topicParams,
    body: redriveBodySchema,
    response: redriveJobSchema,
    errors: [
      'UNKNOWN_CLUSTER',
      'UNKNOWN_TOPIC',
      'BAD_REQUEST',
      'READ_ONLY',
      'BROKER_UNAVAILABLE',
      'REGISTRY_UNAVAILABLE',
      'TIMEOUT',
    ],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/dlq/{topic}/jobs',
    tag: 'dead letters',
    summary: 'Redrive jobs of a dead-letter topic, newest first, read from the jobs topic',
    params: topicParams,
    response: redriveJobListSchema,
    errors: ['UNKNOWN_CLUSTER', 'BROKER_UNAVAILABLE', 'TIMEOUT'],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/dlq/{topic}/jobs/{job}/events',
    tag: 'dead letters',
    summary: 'Live progress of a redrive job as server-sent events, until it ends',
    params: redriveJobParams,
    stream: redriveEventSchema,
    errors: ['UNKNOWN_CLUSTER', 'NOT_FOUND', 'BROKER_UNAVAILABLE'],
  },
  {
    method: 'post',
    path: '/api/clusters/{cluster}/dlq/{topic}/jobs/{job}/{action}',
    tag: 'dead letters',
    summary: 'Pause, resume (also after a restart of the console) or cancel a redrive job; audited',
    params: redriveActionParams,
    response: redriveJobSchema,
    errors: ['UNKNOWN_CLUSTER', 'NOT_FOUND', 'CONFLICT', 'READ_ONLY', 'BROKER_UNAVAILABLE'],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/redrive-jobs',
    tag: 'dead letters',
    summary:
      'Every redrive job of the cluster, newest first, with counts, who started it, from where to where, and its audit entries',
    params: clusterIdParams,
    response: redriveJobOverviewSchema,
    errors: ['UNKNOWN_CLUSTER', 'BROKER_UNAVAILABLE', 'TIMEOUT'],
  },
  {
    method: 'post',
    path: '/api/clusters/{cluster}/dlq/{topic}/edit-redrive',
    tag: 'dead letters',
    summary:
      "Resend one dead letter with an edited value, validated and encoded against the destination's current schema, with a required reason; in one transaction with its ledger entry; the original and the edit are audited",
    params: topicParams,
    body: editRedriveBodySchema,
    response: editRedriveResultSchema,
    errors: [
      'UNKNOWN_CLUSTER',
      'UNKNOWN_TOPIC',
      'BAD_REQUEST',
      'CONFLICT',
      'READ_ONLY',
      'BROKER_UNAVAILABLE',
      'REGISTRY_UNAVAILABLE',
    ],
  },
]);
