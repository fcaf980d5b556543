import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import type { RawRecord } from '@/lib/kafka/records';
import { registryFor } from '@/lib/registry';
import { decodePart, type HeaderSource } from './decode-part';
import { MAX_VALUE_DEPTH, nestsDeeperThan } from './nesting-depth';
import { decodeHeaders } from './plain';
import type { ValueProjection } from './projection';
import { SchemaDecoderCache } from './schema-decoders';
import type { DecodedMessage, DecodedPart } from './types';
import { processMap } from '@/lib/process-map';

/**
 * The one way a reading feature turns a fetched record into what it shows and filters on.
 * Key and value are decoded independently; bad bytes, unknown ids and registry outages become
 * `{ format: 'error' }` parts, so `decode` never rejects.
 */
export interface MessageDecoder {
  decode(topic: string, record: RawRecord): Promise<DecodedMessage>;
  /** The same, without a promise when every schema involved is already compiled (hot loops). */
  decodeSync?(topic: string, record: RawRecord): DecodedMessage | Promise<DecodedMessage>;
  /**
   * Only what a filter reads: the value, and the key when asked; no headers, sizes or base64
   * copies, since most records of a search are dropped right after. Headers are still consulted
   * for a schema id. With a projection, the value holds only the paths it names (Avro skips the
   * other fields): such a value is for the filter alone, never shown.
   */
  decodeParts?(
    topic: string,
    record: RawRecord,
    withKey: boolean,
    projection?: ValueProjection | null,
  ): DecodedParts | Promise<DecodedParts>;
}

export type DecodedParts = Pick<DecodedMessage, 'key' | 'value'>;

const NULL_PART: DecodedPart = Object.freeze({ format: 'null' });

/**
 * A decoded value too deep to serialise or render safely becomes an error part with its raw
 * bytes, so only that message says "too deep" while the page, export and replay go on.
 */
function capDepth(part: DecodedPart, bytes: Buffer | null): DecodedPart {
  if (!('value' in part) || !nestsDeeperThan(part.value)) return part;
  const ref =
    'schemaId' in part ? { schemaId: part.schemaId, subject: part.subject, version: part.version } : {};
  return {
    format: 'error',
    code: 'TOO_DEEP',
    reason: `the decoded value nests deeper than ${MAX_VALUE_DEPTH} levels; shown raw`,
    hex: bytes ? bytes.toString('hex') : '',
    ...ref,
  };
}

/**
 * Parts of `decodeParts` as the whole message shows them to a filter: a value too deep becomes
 * the same error part. A filter's verdict on them is then its verdict on the whole message (an
 * Avro projection reads whole any schema deep enough to matter), so a count need not decode its
 * matches again.
 */
export function capPartsDepth(parts: DecodedParts, record: RawRecord): DecodedParts {
  const key = capDepth(parts.key, record.key);
  const value = capDepth(parts.value, record.value);
  return key === parts.key && value === parts.value ? parts : { key, value };
}

function assemble(
  topic: string,
  record: RawRecord,
  rawKey: DecodedPart,
  rawValue: DecodedPart,
): DecodedMessage {
  const key = capDepth(rawKey, record.key);
  const value = capDepth(rawValue, record.value);
  return {
    topic,
    partition: record.partition,
    offset: record.offset.toString(),
    timestamp: record.timestamp,
    timestampType: record.timestampType,
    compression: record.compression,
    key,
    value,
    headers: record.headers.length === 0 ? [] : decodeHeaders(record.headers),
    size: { key: record.key ? record.key.length : 0, value: record.value ? record.value.length : 0 },
    raw: {
      key: record.key ? record.key.toString('base64') : null,
      value: record.value ? record.value.toString('base64') : null,
    },
  };
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown }).then === 'function';
}

/** A decoder over a schema source; exported for tests and tools that bring their own registry. */
export function createDecoderWith(
  schemas: SchemaDecoderCache | null,
  noRegistryReason = 'no schema registry is configured',
): Required<MessageDecoder> {
  const decodeSync = (topic: string, record: RawRecord): DecodedMessage | Promise<DecodedMessage> => {
    const key = decodePart(record.key, topic, true, schemas, noRegistryReason, record.headers);
    const value = decodePart(record.value, topic, false, schemas, noRegistryReason, record.headers);
    if (!isPromise(key) && !isPromise(value)) return assemble(topic, record, key, value);
    return Promise.all([key, value]).then(([k, v]) => assemble(topic, record, k, v));
  };
  const decodeParts = (
    topic: string,
    record: RawRecord,
    withKey: boolean,
    projection?: ValueProjection | null,
  ): DecodedParts | Promise<DecodedParts> => {
    // The schema-id headers are looked up in the record's bytes: most records of a search are
    // dropped right after, and building their header lists was a tenth of a scan's time.
    const headers = record.lastHeader ? (record as HeaderSource) : record.headers;
    const key = withKey ? decodePart(record.key, topic, true, schemas, noRegistryReason, headers) : NULL_PART;
    const value = decodePart(
      record.value,
      topic,
      false,
      schemas,
      noRegistryReason,
      headers,
      projection ?? undefined,
    );
    if (!isPromise(key) && !isPromise(value)) return { key, value };
    return Promise.all([key, value]).then(([k, v]) => ({ key: k, value: v }));
  };
  return {
    decodeSync,
    decodeParts,
    decode: async (topic, record) => {
      try {
        return await decodeSync(topic, record);
      } catch (error) {
        // Defensive: decodePart does not throw, but a message must never be lost to a bug.
        const reason = `the console could not decode this record: ${(error as Error).message}`;
        const part = (bytes: Buffer | null): DecodedPart =>
          bytes === null
            ? { format: 'null' }
            : { format: 'error', code: 'PAYLOAD_INVALID', reason, hex: bytes.toString('hex') };
        return assemble(topic, record, part(record.key), part(record.value));
      }
    },
  };
}

interface CachedDecoder {
  registryUrl: string | undefined;
  decoder: Required<MessageDecoder>;
}

const store = processMap<string, CachedDecoder>('messageDecoders');

/** The decoder of a cluster, cached with its compiled schemas for the life of the process. */
export function createMessageDecoder(cluster: ClusterConfig): Required<MessageDecoder> {
  const registryUrl = cluster.registry?.url;
  const cached = store.get(cluster.id);
  if (cached && cached.registryUrl === registryUrl) return cached.decoder;
  const decoder = createDecoderWith(
    cluster.registry ? new SchemaDecoderCache(registryFor(cluster)) : null,
    `the message is framed for a schema registry, but cluster "${cluster.id}" has none configured`,
  );
  store.set(cluster.id, { registryUrl, decoder });
  return decoder;
}
