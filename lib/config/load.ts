import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { consoleConfigSchema, type ConsoleConfig } from './schema';

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Replaces `${NAME}` with the environment variable NAME so that secrets can stay out of the file.
 * A reference to an unset variable is an error rather than an empty string.
 */
export function interpolateEnv(text: string, env: Env): string {
  return text.replace(/\$\{([A-Z0-9_]+)\}/g, (_, name: string) => {
    const value = env[name];
    if (value === undefined)
      throw new ConfigError(`configuration refers to \${${name}}, which is not set in the environment`);
    // References sit inside JSON strings: escape the value as JSON does, so that a secret with
    // a quote or a backslash stays one string instead of breaking (and leaking into) the parse.
    return JSON.stringify(value).slice(1, -1);
  });
}

/**
 * Where a JSON text went wrong, as line and column, without quoting any of it: the text may hold
 * secrets substituted from the environment, and JSON.parse's own message shows a piece of it.
 */
function describeJsonError(text: string, error: Error): string {
  const at = /position (\d+)/.exec(error.message);
  if (!at) return 'check its syntax (a missing comma, quote or bracket)';
  const offset = Number(at[1]);
  const before = text.slice(0, offset).split('\n');
  return `at line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/** A single cluster described purely by environment variables, for containers and quick starts. */
export function clusterFromEnv(env: Env): unknown | undefined {
  const brokers = env.KAFKA_BROKERS;
  if (!brokers) return undefined;
  const cluster: Record<string, unknown> = {
    id: env.KAFKA_CLUSTER_ID ?? 'default',
    name: env.KAFKA_CLUSTER_NAME,
    bootstrapServers: brokers
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    readOnly: env.KAFKA_READ_ONLY === 'true',
  };
  if (env.KAFKA_CLIENT_ID) cluster.clientId = env.KAFKA_CLIENT_ID;
  if (env.KAFKA_TLS === 'true' || env.KAFKA_TLS_CA_FILE) {
    cluster.tls = {
      enabled: true,
      caFile: env.KAFKA_TLS_CA_FILE,
      certFile: env.KAFKA_TLS_CERT_FILE,
      keyFile: env.KAFKA_TLS_KEY_FILE,
      rejectUnauthorized: env.KAFKA_TLS_REJECT_UNAUTHORIZED !== 'false',
    };
  }
  if (env.KAFKA_SASL_MECHANISM) {
    cluster.sasl = {
      mechanism: env.KAFKA_SASL_MECHANISM,
      username: env.KAFKA_SASL_USERNAME,
      password: env.KAFKA_SASL_PASSWORD,
    };
  }
  if (env.SCHEMA_REGISTRY_URL) {
    cluster.registry = {
      url: env.SCHEMA_REGISTRY_URL,
      username: env.SCHEMA_REGISTRY_USERNAME,
      password: env.SCHEMA_REGISTRY_PASSWORD,
      bearerToken: env.SCHEMA_REGISTRY_TOKEN,
    };
  }
  return cluster;
}

function describeIssues(error: z.ZodError, source: string): string {
  const lines = error.issues.map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : '(top level)';
    return `  - ${where}: ${issue.message}`;
  });
  return `invalid configuration in ${source}:\n${lines.join('\n')}`;
}

/**
 * Reads the configuration: the file named by CONSOLE_CONFIG (default ./console.config.json),
 * or, when KAFKA_BROKERS is set and no file is named, a single cluster from the environment.
 */
export function loadConfig(env: Env = process.env as Env, cwd = process.cwd()): ConsoleConfig {
  const explicit = env.CONSOLE_CONFIG;
  // The file is chosen at run time, not bundled: tell the bundler not to trace it.
  const file = path.resolve(/*turbopackIgnore: true*/ cwd, explicit ?? 'console.config.json');
  let raw: unknown;
  let source: string;
  if (explicit || (!env.KAFKA_BROKERS && existsSync(/*turbopackIgnore: true*/ file))) {
    if (!existsSync(/*turbopackIgnore: true*/ file))
      throw new ConfigError(`configuration file ${file} does not exist (CONSOLE_CONFIG)`);
    source = file;
    const text = interpolateEnv(readFileSync(/*turbopackIgnore: true*/ file, 'utf8'), env);
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new ConfigError(
        `configuration file ${file} is not valid JSON: ${describeJsonError(text, e as Error)}`,
      );
    }
  } else {
    const cluster = clusterFromEnv(env);
    if (!cluster) {
      throw new ConfigError(
        'no cluster configured: create console.config.json, point CONSOLE_CONFIG at a file, or set KAFKA_BROKERS',
      );
    }
    source = 'environment variables';
    raw = { clusters: [cluster] };
  }
  const parsed = consoleConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error, source));
  return parsed.data;
}
