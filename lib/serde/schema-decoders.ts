import { AvroDecodeError, createAvroDecoder, parseAvroSchema, type AvroNamedTypes } from './avro';
import { decodeMessageIndexes } from './message-indexes';
import { createProtobufDecoder } from './protobuf';
import { resolveReferences, type RegistrySchema, type SchemaSource } from './schema-source';
import type { DecodeFailureCode, DecodedPart, JsonValue } from './types';

/**
 * One compiled decoder per schema id, built on first use from what the registry says and kept:
 * schemas are immutable per id. Concurrent first uses of an id share one build (one registry
 * request); failures become error parts, never exceptions, and an outage or an unknown id is
 * asked again after a while instead of being remembered forever.
 * Pure apart from the SchemaSource it is given.
 */

export interface SchemaLocation {
  subject: string;
  version: number;
}

/** Where the schema of a part is registered, as the contract's SchemaRef fields. */
interface PartRef {
  schemaId: number;
  subject?: string;
  version?: number;
}

export interface CompiledSchema {
  schemaId: number;
  /** Decodes the payload after the 5-byte header; `bytes` is the whole part, for error hex. */
  decode(payload: Buffer, bytes: Buffer, topic: string, isKey: boolean): DecodedPart;
}

export class SchemaDecodeFailure extends Error {
  override name = 'SchemaDecodeFailure';
  constructor(
    readonly code: DecodeFailureCode,
    message: string,
  ) {
    super(message);
  }
}

/** Registry errors carry AppError codes; map them onto the decode failure codes. */
export function failureFromRegistryError(error: unknown, schemaId: number): SchemaDecodeFailure {
  if (error instanceof SchemaDecodeFailure) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'UNKNOWN_SCHEMA') return new SchemaDecodeFailure('UNKNOWN_SCHEMA', `schema id ${schemaId} is not in the registry`);
  if (code === 'UNKNOWN_SUBJECT') return new SchemaDecodeFailure('SCHEMA_INVALID', `schema id ${schemaId} references a schema that is not in the registry: ${message}`);
  return new SchemaDecodeFailure('REGISTRY_UNAVAILABLE', message || 'the schema registry could not be asked');
}

function errorPart(code: DecodeFailureCode, reason: string, bytes: Buffer, ref?: PartRef): DecodedPart {
  return { format: 'error', code, reason, hex: bytes.toString('hex'), ...ref };
}

/** Picks the subject for a topic: TopicNameStrategy's `<topic>-key|value` when the id has it. */
function refChooser(schemaId: number, locations: readonly SchemaLocation[]): (topic: string, isKey: boolean) => PartRef {
  if (locations.length === 0) {
    const ref = { schemaId };
    return () => ref;
  }
  const first = locations[0]!;
  const firstRef = { schemaId, subject: first.subject, version: first.version };
  if (locations.length === 1) return () => firstRef;
  const byTopic = new Map<string, PartRef>();
  return (topic, isKey) => {
    const key = isKey ? `${topic}-key` : `${topic}-value`;
    let ref = byTopic.get(key);
    if (!ref) {
      const match = locations.find((l) => l.subject === key);
      ref = match ? { schemaId, subject: match.subject, version: match.version } : firstRef;
      if (byTopic.size < 1000) byTopic.set(key, ref);
    }
    return ref;
  };
}

function compileAvro(schemaId: number, schema: RegistrySchema, references: Map<string, RegistrySchema>, refFor: ReturnType<typeof refChooser>): CompiledSchema {
  const registry: AvroNamedTypes = {};
  let decoder;
  try {
    for (const ref of references.values()) {
      if (ref.schemaType !== 'AVRO') throw new Error('an Avro schema can only reference Avro schemas');
      parseAvroSchema(ref.schema, registry);
    }
    decoder = createAvroDecoder(parseAvroSchema(schema.schema, registry));
  } catch (error) {
    throw new SchemaDecodeFailure('SCHEMA_INVALID', `the Avro schema ${schemaId} does not compile: ${(error as Error).message}`);
  }
  return {
    schemaId,
    decode(payload, bytes, topic, isKey) {
      const ref = refFor(topic, isKey);
      try {
        const { value, recordName } = decoder.decode(payload);
        return recordName === undefined
          ? { format: 'avro', value, schemaId, subject: ref.subject, version: ref.version }
          : { format: 'avro', value, recordName, schemaId, subject: ref.subject, version: ref.version };
      } catch (error) {
        const reason = error instanceof AvroDecodeError ? error.message : String(error);
        return errorPart('PAYLOAD_INVALID', `the bytes do not match Avro schema ${schemaId}: ${reason}`, bytes, ref);
      }
    },
  };
}

function compileJsonSchema(schemaId: number, refFor: ReturnType<typeof refChooser>): CompiledSchema {
  return {
    schemaId,
    decode(payload, bytes, topic, isKey) {
      const ref = refFor(topic, isKey);
      let value: JsonValue;
      try {
        value = JSON.parse(payload.toString('utf8')) as JsonValue;
      } catch (error) {
        return errorPart('PAYLOAD_INVALID', `the payload of JSON schema ${schemaId} is not JSON: ${(error as Error).message}`, bytes, ref);
      }
      return { format: 'json-schema', value, schemaId, subject: ref.subject, version: ref.version };
    },
  };
}

function compileProtobuf(schemaId: number, schema: RegistrySchema, references: Map<string, RegistrySchema>, refFor: ReturnType<typeof refChooser>): CompiledSchema {
  let decoder: ReturnType<typeof createProtobufDecoder>;
  try {
    decoder = createProtobufDecoder(
      schema.schema,
      [...references].map(([name, ref]) => ({ name, schema: ref.schema })),
    );
  } catch (error) {
    throw new SchemaDecodeFailure('SCHEMA_INVALID', `the Protobuf schema ${schemaId} does not compile: ${(error as Error).message}`);
  }
  return {
    schemaId,
    decode(payload, bytes, topic, isKey) {
      const ref = refFor(topic, isKey);
      const indexes = decodeMessageIndexes(payload);
      if (!indexes.ok) return errorPart('PAYLOAD_INVALID', indexes.reason, bytes, ref);
      try {
        const { value, messageType } = decoder.decode(indexes.indexes, payload.subarray(indexes.bytesRead));
        return { format: 'protobuf', value, messageType, messageIndexes: indexes.indexes, schemaId, subject: ref.subject, version: ref.version };
      } catch (error) {
        return errorPart('PAYLOAD_INVALID', `the bytes do not match Protobuf schema ${schemaId}: ${(error as Error).message}`, bytes, ref);
      }
    },
  };
}

/** A compiled "decoder" that only reports why there is none. */
function failed(schemaId: number, failure: SchemaDecodeFailure): CompiledSchema {
  return {
    schemaId,
    decode: (_payload, bytes) => errorPart(failure.code, failure.message, bytes, { schemaId }),
  };
}

/** Builds the decoder of one id from the registry. Never rejects: failures become `failed`. */
export async function buildSchemaDecoder(source: SchemaSource, schemaId: number): Promise<{ compiled: CompiledSchema; failure?: SchemaDecodeFailure }> {
  try {
    const [schema, locations] = await Promise.all([
      source.getSchemaById(schemaId),
      // Subject and version are a nicety: a registry that does not answer leaves them out.
      source.getSchemaVersions ? source.getSchemaVersions(schemaId).catch(() => []) : Promise.resolve([]),
    ]);
    const references = await resolveReferences(source, schema.references);
    const refFor = refChooser(schemaId, locations);
    switch (schema.schemaType) {
      case 'AVRO':
        return { compiled: compileAvro(schemaId, schema, references, refFor) };
      case 'JSON':
        return { compiled: compileJsonSchema(schemaId, refFor) };
      case 'PROTOBUF':
        return { compiled: compileProtobuf(schemaId, schema, references, refFor) };
      default:
        throw new SchemaDecodeFailure('UNSUPPORTED', `schema id ${schemaId} has the type ${String(schema.schemaType)}, which the console cannot decode`);
    }
  } catch (error) {
    const failure = failureFromRegistryError(error, schemaId);
    return { compiled: failed(schemaId, failure), failure };
  }
}

/** How long an answer that may change is trusted: an outage, an id not (yet) registered. */
const RETRY_AFTER_MS: Partial<Record<DecodeFailureCode, number>> = { REGISTRY_UNAVAILABLE: 10_000, UNKNOWN_SCHEMA: 60_000 };

interface CacheEntry {
  pending: Promise<CompiledSchema>;
  ready?: CompiledSchema;
  expiresAt: number;
  /** The topic whose record asked first, counted against when the id turns out unknown. */
  topic: string;
  unknown: boolean;
}

/**
 * Binary data that happens to start with 0x00 (big-endian numbers, say) looks framed, with a
 * different "schema id" in every record. Past this many unknown ids of one topic in a minute,
 * that topic's new ids are not looked up: the registry is not asked once per record, the cache
 * stays small, and other topics are not affected.
 */
const MAX_UNKNOWN_IDS = 256;
const SWEEP_ABOVE = 512;

/** The per-id cache of compiled decoders. */
export class SchemaDecoderCache {
  private readonly entries = new Map<number, CacheEntry>();
  private readonly unknownByTopic = new Map<string, number>();
  private nextSweepAt = 0;

  constructor(
    private readonly source: SchemaSource,
    private readonly now: () => number = Date.now,
  ) {}

  private remove(schemaId: number, entry: CacheEntry): void {
    this.entries.delete(schemaId);
    if (entry.unknown) {
      const left = (this.unknownByTopic.get(entry.topic) ?? 1) - 1;
      if (left > 0) this.unknownByTopic.set(entry.topic, left);
      else this.unknownByTopic.delete(entry.topic);
    }
  }

  /** Drops expired entries, at most once a second (it walks the whole cache). */
  private sweep(): void {
    const now = this.now();
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + 1000;
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.remove(id, entry);
  }

  /** The compiled decoder when it is ready (the hot path, synchronous), else a promise of it. */
  get(schemaId: number, topic = ''): CompiledSchema | Promise<CompiledSchema> {
    let entry = this.entries.get(schemaId);
    if (entry && entry.expiresAt !== Infinity && entry.expiresAt <= this.now()) {
      this.remove(schemaId, entry);
      entry = undefined;
    }
    if (entry) return entry.ready ?? entry.pending;
    if (this.entries.size >= SWEEP_ABOVE) this.sweep();
    if ((this.unknownByTopic.get(topic) ?? 0) >= MAX_UNKNOWN_IDS) this.sweep();
    const unknownIds = this.unknownByTopic.get(topic) ?? 0;
    if (unknownIds >= MAX_UNKNOWN_IDS) {
      return failed(
        schemaId,
        new SchemaDecodeFailure(
          'UNKNOWN_SCHEMA',
          `schema id ${schemaId} was not looked up: ${unknownIds} other unknown ids were seen in this topic in the last minute, so its bytes are probably not Confluent-framed`,
        ),
      );
    }
    const created: CacheEntry = {
      expiresAt: Infinity,
      topic,
      unknown: false,
      pending: buildSchemaDecoder(this.source, schemaId).then(({ compiled, failure }) => {
        created.ready = compiled;
        const ttl = failure ? RETRY_AFTER_MS[failure.code] : undefined;
        if (ttl !== undefined) created.expiresAt = this.now() + ttl;
        if (failure?.code === 'UNKNOWN_SCHEMA' && this.entries.get(schemaId) === created) {
          created.unknown = true;
          this.unknownByTopic.set(topic, (this.unknownByTopic.get(topic) ?? 0) + 1);
        }
        return compiled;
      }),
    };
    this.entries.set(schemaId, created);
    return created.pending;
  }
}
