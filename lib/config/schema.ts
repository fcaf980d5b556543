import { z } from 'zod';

/** Cluster ids appear in URLs, so they are slugs. */
const clusterId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a lowercase slug (letters, digits, dashes)');

const hostPort = z
  .string()
  .regex(/^[^\s:]+:\d{1,5}$/, 'must look like host:port');

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
  .refine((r) => !(r.bearerToken && r.username), { message: 'use either username/password or bearerToken, not both' });

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
    requestTimeoutMs: z.number().int().positive().default(10_000),
  })
  .strict();

export const consoleConfigSchema = z
  .object({
    clusters: z
      .array(clusterConfigSchema)
      .min(1, 'configure at least one cluster')
      .refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, { message: 'cluster ids must be unique' }),
  })
  .strict();

export type ClusterConfig = z.infer<typeof clusterConfigSchema>;
export type ConsoleConfig = z.infer<typeof consoleConfigSchema>;
