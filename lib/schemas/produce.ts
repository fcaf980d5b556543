import { z } from 'zod';
import { offsetText } from './shared';
import { apiErrorSchema } from './error-body';
import { defineOperations } from '@/lib/schemas/api-spec';
import { topicParams } from './topics';

/** Shared by routes and the produce form: the shapes of producing one message. */

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
  offset: offsetText,
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
    z.object({ status: z.literal('down'), problem: apiErrorSchema }),
    z.object({ status: z.literal('not-configured') }),
  ]),
});
export type ProduceOptions = z.infer<typeof produceOptionsSchema>;

export const produceOperations = defineOperations([
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
