import { z } from 'zod';
import { apiErrorSchema } from './error-body';
import { defineOperations } from '@/lib/schemas/api-spec';
import { topicParams } from './topics';
import type { DecodedMessage } from '@/lib/serde/types';

/**
 * The messages API: one page as JSON, a filtered search and a live tail as server-sent events,
 * and an NDJSON export. All four take the same query parameters, which are also the message
 * browser's URL search parameters, so a link reproduces exactly what was on screen.
 */

/** The comparison operators of a value predicate. */
export const PREDICATE_OPERATORS = [
  '=',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  'contains',
  'startsWith',
  'exists',
  'in',
] as const;
export type PredicateOperator = (typeof PREDICATE_OPERATORS)[number];

/** The longest filter expression accepted, in characters. */
export const MAX_EXPRESSION_LENGTH = 4000;

export const START_MODES = ['earliest', 'latest', 'offset', 'timestamp'] as const;
export type StartMode = (typeof START_MODES)[number];

export const valuePredicateSchema = z.object({
  path: z.string().max(500),
  op: z.enum(PREDICATE_OPERATORS),
  value: z.string().max(4000).optional(),
});

/** Epoch milliseconds, or an ISO 8601 date-time. */
const timestampParam = z
  .string()
  .max(64)
  .transform((text, ctx) => {
    const ms = /^\d{1,16}$/.test(text) ? Number(text) : Date.parse(text);
    if (!Number.isFinite(ms) || ms < 0) {
      ctx.addIssue({
        code: 'custom',
        message: 'not a time: use epoch milliseconds or an ISO 8601 date-time',
      });
      return z.NEVER;
    }
    return ms;
  });

/**
 * The query parameters shared by page, search, tail and export, as they travel in the URL.
 * Node's HTTP server refuses a request head over 16 KB (431, or a reset connection), so each
 * limit below is one the server can actually receive, with room for the other parameters and
 * the browser's own headers.
 */
export const messageQueryFields = {
  partition: z
    .string()
    .regex(/^(all|\d{1,6})$/, 'a partition number or "all"')
    .default('all')
    .describe('one partition, or "all" (merged by timestamp)'),
  start: z
    .enum(START_MODES)
    .optional()
    .describe('where to start; default latest (or offset/timestamp when those are given)'),
  offset: z
    .string()
    .regex(/^\d{1,19}$/, 'an offset is a non-negative integer')
    .optional(),
  timestamp: timestampParam
    .optional()
    .describe('epoch milliseconds or ISO 8601; the first record at or after it'),
  cursor: z
    .string()
    .max(10_000)
    .optional()
    .describe('a nextCursor/prevCursor from an earlier page; overrides start and partition'),
  key: z.string().max(4000).optional().describe('key filter'),
  keyMatch: z.enum(['exact', 'prefix']).default('exact'),
  headerName: z.string().max(500).optional(),
  headerValue: z.string().max(4000).optional(),
  predicates: z
    .string()
    .max(8000)
    .optional()
    .describe('JSON array of { path, op, value } on the decoded value'),
  expr: z
    .string()
    .max(MAX_EXPRESSION_LENGTH)
    .optional()
    .describe('filter expression, e.g. value.type == "OrderPaid" and key startsWith "order-"'),
  isolation: z.enum(['read_committed', 'read_uncommitted']).default('read_committed'),
};

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** GET .../messages: one page. */
export const messagePageQueryInput = z.object({
  ...messageQueryFields,
  limit: int(1, 1000).default(100).describe('page size'),
  maxScan: int(1, 10_000_000).default(200_000),
});

/** GET .../messages/search: matches stream as they are found. */
export const messageSearchQueryInput = z.object({
  ...messageQueryFields,
  limit: int(1, 10_000).default(100).describe('stop after this many matches'),
  maxScan: int(1, 1_000_000_000).default(10_000_000).describe('stop after scanning this many records'),
});

/** GET .../messages/export: NDJSON of what a search finds. */
export const messageExportQueryInput = z.object({
  ...messageQueryFields,
  limit: int(1, 1_000_000).default(10_000).describe('stop after this many matches'),
  maxScan: int(1, 1_000_000_000).default(10_000_000),
});

/** GET .../messages/tail: from the end, live. */
export const messageTailQueryInput = z.object({
  ...messageQueryFields,
  limit: int(1, 1_000_000).default(1_000_000).describe('stop after this many matches'),
  maxScan: int(1, 1_000_000_000).default(1_000_000_000),
});

// ---- responses ---------------------------------------------------------------------------

const jsonValue: z.ZodType = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);
const schemaRef = {
  schemaId: z.number(),
  subject: z
    .string()
    .optional()
    .describe("the subject under which the id is registered for this topic's subject-name strategy"),
  version: z.number().optional(),
  schemaIdHeader: z
    .string()
    .optional()
    .describe('the record header that carried the schema id, when it was not in the payload'),
  schemaGuid: z.string().optional().describe('the schema GUID that header named'),
};

export const decodedPartSchema = z.discriminatedUnion('format', [
  z.object({ format: z.literal('null') }),
  z.object({ format: z.literal('avro'), value: jsonValue, recordName: z.string().optional(), ...schemaRef }),
  z.object({
    format: z.literal('json-schema'),
    value: jsonValue,
    valid: z
      .boolean()
      .optional()
      .describe('whether the payload satisfies its writer schema; absent when the schema cannot validate'),
    violations: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    ...schemaRef,
  }),
  z.object({
    format: z.literal('protobuf'),
    value: jsonValue,
    messageType: z.string(),
    messageIndexes: z.array(z.number()),
    ...schemaRef,
  }),
  z.object({ format: z.literal('json'), value: jsonValue }),
  z.object({ format: z.literal('text'), text: z.string() }),
  z.object({
    format: z.literal('binary'),
    hex: z.string(),
    reason: z
      .string()
      .optional()
      .describe('why bytes starting with the magic byte were not decoded with a schema'),
  }),
  z.object({
    format: z.literal('error'),
    code: z.enum([
      'UNKNOWN_SCHEMA',
      'REGISTRY_UNAVAILABLE',
      'SCHEMA_INVALID',
      'PAYLOAD_INVALID',
      'UNSUPPORTED',
      'TOO_DEEP',
    ]),
    reason: z.string(),
    hex: z.string(),
    schemaId: z.number().optional(),
    subject: z.string().optional(),
    version: z.number().optional(),
    schemaIdHeader: z.string().optional(),
    schemaGuid: z.string().optional(),
  }),
]);

export const decodedMessageSchema = z.object({
  topic: z.string(),
  partition: z.number(),
  offset: z.string(),
  timestamp: z.number(),
  timestampType: z.enum(['create', 'log-append']),
  compression: z.enum(['none', 'gzip', 'snappy', 'lz4', 'zstd']),
  key: decodedPartSchema,
  value: decodedPartSchema,
  headers: z.array(z.object({ key: z.string(), text: z.string().nullable(), hex: z.string() })),
  size: z.object({ key: z.number(), value: z.number() }),
  raw: z.object({ key: z.string().nullable(), value: z.string().nullable() }),
});

const positionsSchema = z.record(z.string(), z.string()).describe('partition → offset');

export const partitionRangeSchema = z.object({ partition: z.number(), low: z.string(), high: z.string() });
export type PartitionRange = z.infer<typeof partitionRangeSchema>;

export const messagePageSchema = z.object({
  topic: z.string(),
  direction: z.enum(['forward', 'backward']),
  messages: z
    .array(decodedMessageSchema)
    .describe('in timestamp order (then partition, offset), oldest first'),
  nextCursor: z.string().nullable(),
  prevCursor: z.string().nullable(),
  atStart: z.boolean(),
  atEnd: z.boolean(),
  scanned: z.number(),
  limitedBy: z.enum(['matches', 'scan']).nullable(),
  /** The offsets this page covers per partition: [from, to). */
  range: z.object({ from: positionsSchema, to: positionsSchema }),
  partitions: z.array(partitionRangeSchema),
  elapsedMs: z.number(),
});
/** The schema documents the shape; the type is the decoder's own contract. */
export type MessagePage = Omit<z.infer<typeof messagePageSchema>, 'messages'> & {
  messages: DecodedMessage[];
};

export const searchEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('phase'),
    phase: z.enum(['resolving', 'scanning', 'tailing']),
    message: z.string(),
    direction: z.enum(['forward', 'backward']).optional(),
    total: z.number().optional(),
    partitions: z.array(partitionRangeSchema).optional(),
  }),
  z.object({
    type: z.literal('progress'),
    scanned: z.number(),
    total: z.number(),
    matched: z.number(),
    ratePerSec: z.number(),
    positions: positionsSchema,
  }),
  z.object({ type: z.literal('message'), message: decodedMessageSchema }),
  z.object({
    type: z.literal('done'),
    reason: z.enum(['limit', 'end', 'cancelled']),
    limitedBy: z.enum(['matches', 'scan']).nullable(),
    scanned: z.number(),
    total: z.number(),
    matched: z.number(),
    ratePerSec: z.number(),
    elapsedMs: z.number(),
    nextCursor: z.string().nullable(),
    prevCursor: z.string().nullable(),
    atStart: z.boolean(),
    atEnd: z.boolean(),
    range: z.object({ from: positionsSchema, to: positionsSchema }),
  }),
  z.object({ type: z.literal('error'), error: apiErrorSchema }),
]);
type WireSearchEvent = z.infer<typeof searchEventSchema>;
export type SearchEvent =
  Exclude<WireSearchEvent, { type: 'message' }> | { type: 'message'; message: DecodedMessage };
export type SearchDoneEvent = Extract<SearchEvent, { type: 'done' }>;

/** Said in every message operation: the one limit the parameters' own maxima cannot express. */
const QUERY_LENGTH_NOTE =
  ' The whole query string must stay under 14,000 characters: the HTTP server refuses a longer request head (431) before the console sees it.';

const filterErrors = [
  'UNKNOWN_CLUSTER',
  'UNKNOWN_TOPIC',
  'UNKNOWN_PARTITION',
  'OFFSET_OUT_OF_RANGE',
  'BROKER_UNAVAILABLE',
] as const;

export const messageOperations = defineOperations([
  {
    method: 'get',
    path: '/api/clusters/{cluster}/topics/{topic}/messages',
    tag: 'messages',
    summary: 'One page of messages, decoded, from a start position or a cursor',
    description:
      'Reads without a consumer group. With all partitions, messages are merged by timestamp (then partition, offset) and returned oldest first; `start=latest` returns the last `limit` records before the end. Filters are allowed (bounded by maxScan), but the search stream is meant for them.' +
      QUERY_LENGTH_NOTE,
    params: topicParams,
    query: messagePageQueryInput,
    response: messagePageSchema,
    errors: [...filterErrors],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/topics/{topic}/messages/search',
    tag: 'messages',
    summary:
      'Scan with filters on the server, streaming matches, progress and a final cursor (server-sent events)',
    description:
      'Events: phase, progress (every ~250 ms: scanned, total, matched, ratePerSec, positions), message (one per match), done (reason limit|end|cancelled, nextCursor, prevCursor), error. Closing the connection stops the scan on the server.' +
      QUERY_LENGTH_NOTE,
    params: topicParams,
    query: messageSearchQueryInput,
    stream: searchEventSchema,
    errors: [...filterErrors],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/topics/{topic}/messages/tail',
    tag: 'messages',
    summary: 'Live tail from the end of the topic, honouring the filters (server-sent events)',
    description: 'Events as for search, from the end of the topic on.' + QUERY_LENGTH_NOTE,
    params: topicParams,
    query: messageTailQueryInput,
    stream: searchEventSchema,
    errors: [...filterErrors],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/topics/{topic}/messages/count',
    tag: 'messages',
    summary: 'Count the matches of a search without sending them (server-sent events)',
    description:
      'The parameters of a search, usually with the cursor where a full page of matches ended; no limit on matches, bounded by maxScan. Events: phase, progress (matched so far), done (matched: the count from the start position on, exact when reason is end). Closing the connection stops the count.' +
      QUERY_LENGTH_NOTE,
    params: topicParams,
    query: messageSearchQueryInput,
    stream: searchEventSchema,
    errors: [...filterErrors],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/topics/{topic}/messages/export',
    tag: 'messages',
    summary: 'Download what a search finds as NDJSON (one decoded message per line)',
    description:
      'Streams as it scans. A failure after the download started ends it with a line {"error":{"code","message"}}.' +
      QUERY_LENGTH_NOTE,
    params: topicParams,
    query: messageExportQueryInput,
    produces: 'application/x-ndjson',
    errors: [...filterErrors],
  },
]);
