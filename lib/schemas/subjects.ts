import { z } from 'zod';
import { COMPATIBILITY_LEVELS } from '@/lib/schemadiff/types';
import { apiErrorSchema } from './error-body';
import { defineOperations } from '@/lib/schemas/api-spec';
import { clusterIdParams } from './clusters';

/**
 * Shared by routes and pages: the shapes of schema review (subjects, versions, the diff of two
 * versions with verdicts both ways next to the registry's, draft checks, registering a version,
 * compatibility levels).
 */

export const compatibilityLevelSchema = z.enum(COMPATIBILITY_LEVELS);
export const schemaTypeSchema = z.enum(['AVRO', 'JSON', 'PROTOBUF']);

export const subjectParams = clusterIdParams.extend({
  subject: z.string().min(1, 'a subject needs a name').max(1000),
});

const problemSchema = z.object({ code: z.string(), message: z.string() });

const effectiveLevelSchema = z.object({
  level: compatibilityLevelSchema,
  source: z
    .enum(['subject', 'global'])
    .describe("The subject's own level, or the global one it falls back to"),
});

const subjectTopicSchema = z.object({
  topic: z.string(),
  role: z.enum(['key', 'value']).describe('TopicNameStrategy: <topic>-key or <topic>-value'),
});

export const subjectListQuery = z.object({
  q: z
    .string()
    .max(1000)
    .optional()
    .describe('Only subjects whose name contains this text (case-insensitive)'),
  type: schemaTypeSchema.optional().describe('Only subjects whose latest version has this schema type'),
});

export const subjectSummarySchema = z.object({
  subject: z.string(),
  schemaType: schemaTypeSchema,
  versionCount: z.number(),
  deletedVersionCount: z.number().describe('Soft-deleted versions, still readable by id'),
  latestVersion: z.number(),
  latestId: z.number().describe('The id serializers write into records (a content id on Apicurio)'),
  compatibility: effectiveLevelSchema,
  topics: z.array(subjectTopicSchema).describe('Existing topics whose TopicNameStrategy subject this is'),
});
export type SubjectSummary = z.infer<typeof subjectSummarySchema>;

export const subjectListSchema = z.object({
  subjects: z.array(subjectSummarySchema),
  globalCompatibility: compatibilityLevelSchema,
  /** Facts that could not be read; the rest of the list is still right. */
  problems: z.object({ topics: problemSchema.optional() }),
});
export type SubjectList = z.infer<typeof subjectListSchema>;

const referenceSchema = z.object({ name: z.string(), subject: z.string(), version: z.number() });

export const subjectVersionSchema = z.object({
  version: z.number(),
  id: z.number(),
  deleted: z.boolean().describe('Soft-deleted: hidden from new registrations, still readable'),
  schemaType: schemaTypeSchema,
  pretty: z.string().describe('The registered text, indented'),
  canonical: z
    .string()
    .nullable()
    .describe("Avro's Parsing Canonical Form; null for other types or when it cannot be parsed"),
  references: z.array(referenceSchema),
  referencedBy: z.array(z.number()).describe('Ids of schemas that reference this version'),
});
export type SubjectVersionView = z.infer<typeof subjectVersionSchema>;

export const subjectDetailSchema = z.object({
  subject: z.string(),
  schemaType: schemaTypeSchema,
  compatibility: effectiveLevelSchema,
  globalCompatibility: compatibilityLevelSchema,
  topics: z.array(subjectTopicSchema),
  versions: z.array(subjectVersionSchema).describe('Oldest first'),
  problems: z.object({ topics: problemSchema.optional() }),
});
export type SubjectDetail = z.infer<typeof subjectDetailSchema>;

const changeSchema = z.object({
  kind: z
    .string()
    .describe('field-added, field-removed, field-renamed, type-changed, type-promoted, default-added, …'),
  path: z
    .string()
    .describe(
      'JSON pointer into the field tree: record fields by name, union branches by type name, [] for array items, {} for map values',
    ),
  message: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

const compatibilityProblemSchema = z.object({
  path: z.string(),
  rule: z.string().describe("Apache Avro's SchemaIncompatibilityType names"),
  message: z.string(),
  hint: z.string(),
  unionBranch: z
    .string()
    .optional()
    .describe(
      'Set when the problem lies inside this branch of a union (Avro reports MISSING_UNION_BRANCH there)',
    ),
});

const readVerdictSchema = z.object({
  compatible: z.boolean(),
  problems: z.array(compatibilityProblemSchema),
});

const registryVerdictSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('answered'),
    compatible: z.boolean(),
    messages: z
      .array(z.string())
      .describe('Reasons, when the registry gives them (Confluent does, Apicurio does not)'),
  }),
  z.object({ status: z.literal('failed'), error: problemSchema }),
]);

const levelVerdictSchema = z.object({
  level: compatibilityLevelSchema,
  compatible: z.boolean(),
  problems: z.array(
    compatibilityProblemSchema.extend({
      against: z.string().describe('The earlier version, e.g. v2'),
      direction: z.enum(['backward', 'forward']),
    }),
  ),
});

const versionRefSchema = z.object({
  version: z.number(),
  id: z.number(),
  pretty: z.string(),
  canonical: z.string().nullable(),
});

export const subjectDiffQuery = z.object({
  from: z.coerce.number().int().min(1).optional().describe('The older version; default the one before `to`'),
  to: z.coerce.number().int().min(1).optional().describe('The newer version; default the latest'),
});

export const subjectDiffSchema = z.object({
  subject: z.string(),
  schemaType: schemaTypeSchema,
  versions: z.array(z.number()).describe('Every version, to choose from'),
  from: versionRefSchema,
  to: versionRefSchema,
  unsupported: z
    .string()
    .nullable()
    .describe(
      "Why the console has no diff or verdict of its own (a schema type it does not analyse yet); the registry's verdict still stands",
    ),
  changes: z.array(changeSchema),
  backward: readVerdictSchema.nullable().describe('`to` reads data written with `from`'),
  forward: readVerdictSchema.nullable().describe('`from` reads data written with `to`'),
  level: compatibilityLevelSchema.describe("The subject's effective level, under which the registry answers"),
  ours: z
    .object({ compatible: z.boolean() })
    .nullable()
    .describe('Our verdict for the pair under that level'),
  registry: registryVerdictSchema.describe(
    'POST /compatibility/subjects/{s}/versions/{from}?verbose=true with the text of `to`',
  ),
  agree: z
    .boolean()
    .nullable()
    .describe("Whether our verdict and the registry's agree; null when the registry did not answer"),
});
export type SubjectDiff = z.infer<typeof subjectDiffSchema>;

export const draftBody = z.object({
  schema: z.string().min(1, 'paste a schema').max(1_000_000),
  schemaType: schemaTypeSchema.default('AVRO'),
  references: z.array(referenceSchema).max(100).default([]),
});
export type DraftInput = z.infer<typeof draftBody>;

export const draftCheckSchema = z.object({
  subject: z.string(),
  against: versionRefSchema.nullable().describe('The latest version; null for a subject without versions'),
  draft: z.object({ pretty: z.string(), canonical: z.string().nullable() }),
  unsupported: z.string().nullable(),
  changes: z.array(changeSchema),
  backward: readVerdictSchema.nullable(),
  forward: readVerdictSchema.nullable(),
  levels: z.array(levelVerdictSchema).describe('Every level, transitive ones against every earlier version'),
  level: compatibilityLevelSchema,
  ours: z
    .object({ compatible: z.boolean(), problems: levelVerdictSchema.shape.problems })
    .nullable()
    .describe("Our verdict under the subject's level"),
  registry: registryVerdictSchema
    .nullable()
    .describe(
      "The registry's check under the subject's level (POST /compatibility/subjects/{s}/versions); null without versions",
    ),
  agree: z.boolean().nullable(),
});
export type DraftCheck = z.infer<typeof draftCheckSchema>;

export const registerBody = draftBody.extend({
  confirm: z.string().describe('The subject name again, as a guard against accidents'),
});

export const registeredSchema = z.object({
  subject: z.string(),
  id: z.number(),
  version: z.number(),
  alreadyRegistered: z.boolean(),
});
export type Registered = z.infer<typeof registeredSchema>;

export const compatibilityBody = z.object({
  level: compatibilityLevelSchema
    .nullable()
    .describe("null removes the subject's own level, so the global one applies"),
});

export const compatibilityChangedSchema = z.object({
  subject: z.string().nullable().describe('null for the global level'),
  before: compatibilityLevelSchema,
  after: compatibilityLevelSchema,
  source: z.enum(['subject', 'global']),
});
export type CompatibilityChanged = z.infer<typeof compatibilityChangedSchema>;

export const schemaUsageQuery = z.object({
  topic: z.string().regex(/^[a-zA-Z0-9._-]{1,249}$/, 'not a topic name'),
  part: z.enum(['value', 'key']).default('value').describe('Which part of each record carries the schema id'),
  subject: z
    .string()
    .min(1)
    .max(1000)
    .optional()
    .describe('The reader subject for replay safety; default <topic>-<part>'),
  sample: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .optional()
    .describe(
      'Read at most this many records per partition (the newest), said as a sample; default: every record',
    ),
});

const partitionUsageSchema = z.object({
  partition: z.number(),
  count: z.number(),
  firstOffset: z.string(),
  lastOffset: z.string(),
  firstTimestamp: z.number(),
  lastTimestamp: z.number(),
});

export const schemaIdUsageSchema = z.object({
  schemaId: z.number().nullable().describe('null: records without Confluent framing'),
  count: z.number(),
  partitions: z.array(partitionUsageSchema),
  versions: z
    .array(z.object({ subject: z.string(), version: z.number() }))
    .describe('Where the registry has this id registered'),
});
export type SchemaIdUsage = z.infer<typeof schemaIdUsageSchema>;

const replaySampleSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    partition: z.number(),
    offset: z.string(),
    value: z.unknown().describe('The record as the reader sees it'),
  }),
  z.object({ ok: z.literal(false), partition: z.number(), offset: z.string(), reason: z.string() }),
]);

export const replaySafetySchema = z.object({
  reader: z.object({ subject: z.string(), version: z.number(), id: z.number() }),
  writers: z.array(
    z.object({
      schemaId: z.number(),
      label: z.string().describe('v2, or the id when the writer is not a version of the reader subject'),
      verdict: readVerdictSchema
        .nullable()
        .describe('Can the reader read this writer? null when the console cannot analyse the type'),
      changes: z
        .array(changeSchema)
        .describe(
          'What reading does to these records: fields defaulted (added), dropped (removed), promoted',
        ),
      samples: z
        .array(replaySampleSchema)
        .describe('Real records of this writer, read with the reader schema'),
    }),
  ),
  safe: z.boolean().describe('Every writer present is readable and every sample was read'),
});
export type ReplaySafety = z.infer<typeof replaySafetySchema>;

export const schemaUsageEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('phase'),
    message: z.string(),
    total: z.number().optional(),
    sampled: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('progress'),
    scanned: z.number(),
    total: z.number(),
    ratePerSec: z.number(),
    usage: z.array(schemaIdUsageSchema),
  }),
  z.object({
    type: z.literal('done'),
    reason: z.enum(['end', 'cancelled']),
    scanned: z.number(),
    total: z.number(),
    sampled: z.boolean().describe('Only the newest `sample` records of each partition were read'),
    elapsedMs: z.number(),
    usage: z.array(schemaIdUsageSchema),
    replay: replaySafetySchema.nullable().describe('null when the reader subject has no Avro version'),
    replayProblem: z.string().nullable(),
  }),
  z.object({ type: z.literal('error'), error: apiErrorSchema }),
]);
export type SchemaUsageEvent = z.infer<typeof schemaUsageEventSchema>;

const registryErrors = ['UNKNOWN_CLUSTER', 'REGISTRY_NOT_CONFIGURED', 'REGISTRY_UNAVAILABLE'] as const;

export const subjectOperations = defineOperations([
  {
    method: 'get',
    path: '/api/clusters/{cluster}/schemas/subjects',
    tag: 'schemas',
    summary:
      'Subjects with schema type, versions, latest id, effective compatibility level and the topics that use them',
    params: clusterIdParams,
    query: subjectListQuery,
    response: subjectListSchema,
    errors: [...registryErrors],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/schemas/subjects/{subject}',
    tag: 'schemas',
    summary:
      'One subject: every version (soft-deleted ones marked) pretty and canonical, references and referenced-by',
    params: subjectParams,
    response: subjectDetailSchema,
    errors: [...registryErrors, 'UNKNOWN_SUBJECT'],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/schemas/subjects/{subject}/diff',
    tag: 'schemas',
    summary: "Field-tree diff of two versions, our verdicts both ways and the registry's for the same pair",
    params: subjectParams,
    query: subjectDiffQuery,
    response: subjectDiffSchema,
    errors: [...registryErrors, 'UNKNOWN_SUBJECT', 'BAD_REQUEST'],
  },
  {
    method: 'post',
    path: '/api/clusters/{cluster}/schemas/subjects/{subject}/check',
    tag: 'schemas',
    summary:
      "Check a draft against the subject: diff with the latest version, verdicts at every level, the registry's verdict. Writes nothing",
    params: subjectParams,
    body: draftBody,
    response: draftCheckSchema,
    errors: [...registryErrors, 'BAD_REQUEST'],
  },
  {
    method: 'post',
    path: '/api/clusters/{cluster}/schemas/subjects/{subject}/versions',
    tag: 'schemas',
    summary: 'Register a schema as the next version of a subject (audited; refused on a read-only cluster)',
    params: subjectParams,
    body: registerBody,
    response: registeredSchema,
    errors: [...registryErrors, 'READ_ONLY', 'BAD_REQUEST'],
  },
  {
    method: 'put',
    path: '/api/clusters/{cluster}/schemas/subjects/{subject}/compatibility',
    tag: 'schemas',
    summary: "Set or remove a subject's compatibility level (audited; refused on a read-only cluster)",
    params: subjectParams,
    body: compatibilityBody,
    response: compatibilityChangedSchema,
    errors: [...registryErrors, 'READ_ONLY'],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/schemas/usage',
    tag: 'schemas',
    summary:
      'Which schema ids and versions occur in a topic, with counts and first/last offset and time per partition, and whether the latest reader reads every writer present (server-sent events)',
    description:
      'Events: phase, progress (every ~250 ms, with the tally so far), done (the tally with registry versions and replay safety: each writer version checked against the reader and a few real records of it read with the reader schema), error. Reads 5 bytes per record; closing the connection stops the scan.',
    params: clusterIdParams,
    query: schemaUsageQuery,
    stream: schemaUsageEventSchema,
    errors: [...registryErrors, 'UNKNOWN_TOPIC', 'BROKER_UNAVAILABLE'],
  },
  {
    method: 'put',
    path: '/api/clusters/{cluster}/schemas/compatibility',
    tag: 'schemas',
    summary: 'Set the global compatibility level (audited; refused on a read-only cluster)',
    params: clusterIdParams,
    body: compatibilityBody.extend({ level: compatibilityLevelSchema }),
    response: compatibilityChangedSchema,
    errors: [...registryErrors, 'READ_ONLY'],
  },
]);
