import { z } from 'zod';
import { foldRuleSetSchema, isSafePath } from '@/lib/fold-rules/rules';
import { authConfigSchema } from './auth-schema';

/** Cluster ids appear in URLs, so they are slugs. */
const clusterId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a lowercase slug (letters, digits, dashes)');

const hostPort = z.string().regex(/^[^\s:]+:\d{1,5}$/, 'must look like host:port');

const tlsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Paths to PEM files, read once at start. */
    caFile: z.string().optional(),
    certFile: z.string().optional(),
    keyFile: z.string().optional(),
    /** Only for test clusters with self-signed certificates. */
    rejectUnauthorized: z.boolean().default(true),
    serverName: z.string().optional(),
  })
  .strict();

const saslSchema = z
  .object({
    mechanism: z.enum(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']),
    username: z.string().min(1),
    password: z.string().min(1),
  })
  .strict();

const registrySchema = z
  .object({
    /** Base URL of a Confluent-compatible API, e.g. http://host:8081 or an Apicurio .../apis/ccompat/v7 */
    url: z.url(),
    username: z.string().optional(),
    password: z.string().optional(),
    bearerToken: z.string().optional(),
    timeoutMs: z.number().int().positive().default(5000),
  })
  .strict()
  .refine((r) => !(r.bearerToken && r.username), {
    message: 'use either username/password or bearerToken, not both',
  });

const fieldPath = z
  .string()
  .refine(isSafePath, { message: 'must be a dot-separated path without empty or reserved segments' });

/**
 * An event stream for aggregate time travel: which topic holds the events, how an event names its
 * aggregate and its type, how the producer partitioned it, and how the state is folded.
 */
const eventStreamSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a lowercase slug (letters, digits, dashes)'),
    name: z.string().min(1).optional(),
    topic: z.string().min(1),
    /** Where the aggregate id is: the record key (the usual case), a header, or a field of the value. */
    aggregateIdFrom: z
      .union([
        z.literal('key'),
        z.object({ header: z.string().min(1) }).strict(),
        z.object({ field: fieldPath }).strict(),
      ])
      .default('key'),
    /** Where the event type is: a header, a field of the value, or the Avro record name of the value. */
    eventTypeFrom: z
      .union([
        z.object({ header: z.string().min(1) }).strict(),
        z.object({ field: fieldPath }).strict(),
        z.literal('avro-record-name'),
      ])
      .default({ field: 'type' }),
    /** How producers chose the partition from the key (the aggregate id): only that partition is read. */
    partitioner: z.enum(['murmur2', 'crc32', 'scan-all']).default('murmur2'),
    /** Declarative fold rules (lib/fold-rules/rules.ts); without them and without a reducer, the payload is merged. */
    foldRules: foldRuleSetSchema.optional(),
    /** A reducer module in the cluster's reducerDir, by name (without .js/.mjs). */
    reducerModule: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'must be lowercase letters, digits and dashes')
      .optional(),
    /** A compacted topic of snapshots (key = aggregate id, JSON value { state, offset, ... }). */
    snapshotTopic: z.string().min(1).optional(),
    /** Keep this stream in the key index (lib/keyindex); false leaves it to scans. */
    index: z.boolean().default(true),
  })
  .strict()
  .refine((s) => !(s.foldRules && s.reducerModule), {
    message: 'use either foldRules or reducerModule, not both',
  });

/**
 * The key index (lib/keyindex): a local cache of key -> (partition, offset) built by the console
 * server for every stream (unless the stream says `index: false`) and the topics listed here.
 */
const keyIndexSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Directory of the index files; relative paths are from the working directory. */
    dir: z.string().min(1).default('.console-data/key-index'),
    /** Further topics indexed by record key (opt-in), for find-by-key in the message browser. */
    topics: z.array(z.string().min(1)).default([]),
    /** How long the indexer waits before looking again at a partition it has caught up with. */
    pollMs: z.number().int().positive().default(2000),
  })
  .strict();

export type EventStreamConfig = z.infer<typeof eventStreamSchema>;

/** Header names of a home-grown dead-letter convention (numbers as text or 4/8-byte big-endian). */
const deadLetterHeaderMappingSchema = z
  .object({
    topic: z.string().min(1).optional(),
    partition: z.string().min(1).optional(),
    offset: z.string().min(1).optional(),
    timestamp: z.string().min(1).optional(),
    consumerGroup: z.string().min(1).optional(),
    exceptionClass: z.string().min(1).optional(),
    causeClass: z.string().min(1).optional(),
    message: z.string().min(1).optional(),
    stacktrace: z.string().min(1).optional(),
  })
  .strict()
  .refine((m) => m.topic !== undefined || m.message !== undefined || m.exceptionClass !== undefined, {
    message: 'name at least the topic, message or exceptionClass header',
  });

/** Dead-letter topics beyond the usual names, and a home-grown header convention. */
const deadLettersSchema = z
  .object({
    /** Exact names of dead-letter topics whose names follow no convention. */
    topics: z.array(z.string().min(1)).optional(),
    headerMapping: deadLetterHeaderMappingSchema.optional(),
    /** Compacted topic of the redrive ledger (one entry per redriven dead letter). */
    ledgerTopic: z.string().min(1).default('_console-redrive-ledger'),
    /** Compacted topic of redrive job states. */
    jobsTopic: z.string().min(1).default('_console-redrive-jobs'),
    /** Where a redrive may park the messages its destination cannot take (instead of leaving them). */
    parkingTopic: z.string().min(1).optional(),
  })
  .strict();

export const clusterConfigSchema = z
  .object({
    id: clusterId,
    name: z.string().min(1).optional(),
    bootstrapServers: z.array(hostPort).min(1, 'needs at least one broker'),
    clientId: z.string().min(1).default('event-store-console'),
    tls: tlsSchema.optional(),
    sasl: saslSchema.optional(),
    registry: registrySchema.optional(),
    /** A read-only cluster refuses every write (produce, offset reset, redrive, config change). */
    readOnly: z.boolean().default(false),
    /** Lets admins write to internal topics (Kafka's, the registry's storage, the audit trail); refused otherwise. */
    allowInternalTopicWrites: z.boolean().default(false),
    requestTimeoutMs: z.number().int().positive().default(10_000),
    /** Event streams for aggregate time travel. */
    streams: z
      .array(eventStreamSchema)
      .refine((ss) => new Set(ss.map((s) => s.id)).size === ss.length, {
        message: 'stream ids must be unique',
      })
      .optional(),
    /** A server-side directory of reducer modules (ESM, `export function reduce(state, event)`), chosen by the operator. */
    reducerDir: z.string().min(1).optional(),
    /** Dead-letter topics and header conventions beyond the built-in ones. */
    deadLetters: deadLettersSchema.optional(),
    /** The key index of this cluster's streams and opted-in topics. */
    keyIndex: keyIndexSchema.optional(),
  })
  .strict();

export const consoleConfigSchema = z
  .object({
    clusters: z
      .array(clusterConfigSchema)
      .min(1, 'configure at least one cluster')
      .refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, {
        message: 'cluster ids must be unique',
      }),
    /** Sign-in and roles (lib/config/auth-schema.ts); without it, no sign-in, on loopback only. */
    auth: authConfigSchema,
    /** Host names (without port) the console answers to, against DNS rebinding; loopback names always. */
    allowedHosts: z
      .array(z.string().regex(/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/i, 'must be a host name or IP, without port'))
      .default([]),
  })
  .strict();

export type ClusterConfig = z.infer<typeof clusterConfigSchema>;
export type ConsoleConfig = z.infer<typeof consoleConfigSchema>;
