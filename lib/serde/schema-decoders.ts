import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  AvroDecodeError,
  createAvroDecoder,
  parseAvroSchema,
  type AvroDecoder,
  type AvroNamedTypes,
} from './avro';
import { parseJsonExactly } from './exact-json';
import { decodeMessageIndexes } from './message-indexes';
import type { ValueProjection } from './projection';
import { createProtobufDecoder } from './protobuf';
import { resolveReferences, type RegistrySchema, type SchemaSource } from './schema-source';
import type { DecodeFailureCode, DecodedPart, JsonValue, SchemaViolation } from './types';

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
  /** The registered schema type; undefined when the schema could not be compiled. */
  schemaType?: RegistrySchema['schemaType'];
  /**
   * Decodes the payload after the 5-byte header; `bytes` is the whole part, for error hex. A
   * projection lets a decoder leave out what a filter does not read (Avro records keep only the
   * named fields); decoders that cannot project decode whole.
   */
  decode(
    payload: Buffer,
    bytes: Buffer,
    topic: string,
    isKey: boolean,
    projection?: ValueProjection,
  ): DecodedPart;
  /**
   * A promise when the subjects of this id must be asked again before a record of this topic is
   * labelled (its `<topic>-key|value` subject was not among them); null when nothing is to wait for.
   */
  settle?(topic: string, isKey: boolean): Promise<void> | null;
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
  if (code === 'UNKNOWN_SCHEMA')
    return new SchemaDecodeFailure('UNKNOWN_SCHEMA', `schema id ${schemaId} is not in the registry`);
  if (code === 'UNKNOWN_SUBJECT')
    return new SchemaDecodeFailure(
      'SCHEMA_INVALID',
      `schema id ${schemaId} references a schema that is not in the registry: ${message}`,
    );
  return new SchemaDecodeFailure('REGISTRY_UNAVAILABLE', message || 'the schema registry could not be asked');
}

function errorPart(code: DecodeFailureCode, reason: string, bytes: Buffer, ref?: PartRef): DecodedPart {
  return { format: 'error', code, reason, hex: bytes.toString('hex'), ...ref };
}

/** How long a topic whose subject was not found waits before the registry is asked again. */
const SUBJECT_RECHECK_MS = 60_000;

/**
 * Picks the subject under which an id is registered for a topic. Registries deduplicate: one
 * schema used by two topics has one id under two subjects, so the subject must be chosen by the
 * producer's subject-name strategy: TopicNameStrategy's `<topic>-key|value` first, then
 * TopicRecordNameStrategy's `<topic>-<record name>` and RecordNameStrategy's `<record name>`.
 * With no match, a single registration is still the schema's only home; several are ambiguous
 * and none is shown. The id's subjects were read when it was first seen, so a topic that
 * registered the same schema later has them read again (once a minute at most) before its first
 * record is labelled.
 */
export class SubjectChooser {
  private readonly settled = new Map<string, { at: number; found: boolean }>();
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly schemaId: number,
    private locations: readonly SchemaLocation[],
    private readonly source: SchemaSource | null,
    private readonly now: () => number = Date.now,
  ) {}

  private static subjectOf(topic: string, isKey: boolean): string {
    return `${topic}-${isKey ? 'key' : 'value'}`;
  }

  /** The last answer of refFor: a scan asks the same question for every record. */
  private lastRef: {
    topic: string;
    isKey: boolean;
    recordName: string | undefined;
    locations: readonly SchemaLocation[];
    ref: PartRef;
  } | null = null;
  /** The last topic and part whose subject was found: settled for good, nothing to look up. */
  private lastFound: { topic: string; isKey: boolean } | null = null;

  refFor(topic: string, isKey: boolean, recordName?: string): PartRef {
    const last = this.lastRef;
    if (
      last &&
      last.topic === topic &&
      last.isKey === isKey &&
      last.recordName === recordName &&
      last.locations === this.locations
    )
      return last.ref;
    const ref = this.findRef(topic, isKey, recordName);
    this.lastRef = { topic, isKey, recordName, locations: this.locations, ref };
    return ref;
  }

  private findRef(topic: string, isKey: boolean, recordName?: string): PartRef {
    const candidates = [SubjectChooser.subjectOf(topic, isKey)];
    if (recordName) candidates.push(`${topic}-${recordName}`, recordName);
    for (const subject of candidates) {
      const match = this.locations.find((l) => l.subject === subject);
      if (match) return { schemaId: this.schemaId, subject: match.subject, version: match.version };
    }
    const only = this.locations.length === 1 ? this.locations[0]! : undefined;
    return only
      ? { schemaId: this.schemaId, subject: only.subject, version: only.version }
      : { schemaId: this.schemaId };
  }

  settle(topic: string, isKey: boolean): Promise<void> | null {
    const lastFound = this.lastFound;
    if (lastFound && lastFound.topic === topic && lastFound.isKey === isKey) return null;
    const subject = SubjectChooser.subjectOf(topic, isKey);
    const known = this.settled.get(subject);
    if (known?.found) this.lastFound = { topic, isKey };
    if (known && (known.found || this.now() - known.at < SUBJECT_RECHECK_MS)) return null;
    const mark = () => {
      if (this.settled.size >= 1000) this.settled.clear();
      this.settled.set(subject, { at: this.now(), found: this.locations.some((l) => l.subject === subject) });
    };
    if (this.locations.some((l) => l.subject === subject) || !this.source?.getSchemaVersions) {
      mark();
      return null;
    }
    this.refreshing ??= this.source
      .getSchemaVersions(this.schemaId, { fresh: true })
      .then(
        (locations) => {
          this.locations = locations;
        },
        () => undefined, // the labels are a nicety: an outage keeps the ones known
      )
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing.then(mark);
  }
}

/** Projected Avro readers kept per schema id. */
const MAX_PROJECTIONS = 16;

function compileAvro(
  schemaId: number,
  schema: RegistrySchema,
  references: Map<string, RegistrySchema>,
  subjects: SubjectChooser,
): CompiledSchema {
  const registry: AvroNamedTypes = {};
  let decoder;
  try {
    for (const ref of references.values()) {
      if (ref.schemaType !== 'AVRO') throw new Error('an Avro schema can only reference Avro schemas');
      parseAvroSchema(ref.schema, registry);
    }
    decoder = createAvroDecoder(parseAvroSchema(schema.schema, registry));
  } catch (error) {
    throw new SchemaDecodeFailure(
      'SCHEMA_INVALID',
      `the Avro schema ${schemaId} does not compile: ${(error as Error).message}`,
    );
  }
  const full = decoder;
  // One compiled reader per set of paths a filter reads; few filters run at once, so a small cache.
  const projected = new Map<string, AvroDecoder>();
  const decoderFor = (projection: ValueProjection | undefined): AvroDecoder => {
    if (!projection) return full;
    let found = projected.get(projection.key);
    if (!found) {
      if (projected.size >= MAX_PROJECTIONS) projected.delete(projected.keys().next().value!);
      found = createAvroDecoder(full.type, projection);
      projected.set(projection.key, found);
    }
    return found;
  };
  return {
    schemaId,
    schemaType: 'AVRO',
    settle: (topic, isKey) => subjects.settle(topic, isKey),
    decode(payload, bytes, topic, isKey, projection) {
      let decoded;
      try {
        decoded = decoderFor(projection).decode(payload);
      } catch (error) {
        const reason = error instanceof AvroDecodeError ? error.message : String(error);
        return errorPart(
          'PAYLOAD_INVALID',
          `the bytes do not match Avro schema ${schemaId}: ${reason}`,
          bytes,
          subjects.refFor(topic, isKey),
        );
      }
      const { value, recordName } = decoded;
      const ref = subjects.refFor(topic, isKey, recordName);
      return recordName === undefined
        ? { format: 'avro', value, schemaId, subject: ref.subject, version: ref.version }
        : { format: 'avro', value, recordName, schemaId, subject: ref.subject, version: ref.version };
    },
  };
}

/** Violations listed per record: enough to see what is wrong without flooding the page. */
const MAX_VIOLATIONS = 20;

/** The validator for a schema's `$schema` dialect: draft-07 (and earlier) by default, 2019-09, 2020-12. */
function validatorFor(schema: { $schema?: unknown }): Ajv {
  const dialect = typeof schema.$schema === 'string' ? schema.$schema : '';
  // strict: false because registered schemas carry keywords of their own tools (javaType, connect.*).
  const options = { strict: false, allErrors: true, logger: false, validateFormats: true } as const;
  const ajv = dialect.includes('2020-12')
    ? new Ajv2020(options)
    : dialect.includes('2019-09')
      ? new Ajv2019(options)
      : new Ajv(options);
  addFormats(ajv);
  return ajv;
}

function violationsOf(errors: ErrorObject[] | null | undefined): SchemaViolation[] {
  return (errors ?? []).slice(0, MAX_VIOLATIONS).map((e) => {
    const detail =
      e.keyword === 'additionalProperties'
        ? `: ${String((e.params as { additionalProperty?: unknown }).additionalProperty)}`
        : '';
    return { path: e.instancePath || '/', message: `${e.message ?? e.keyword}${detail}` };
  });
}

/**
 * A JSON Schema writer schema, with its references, compiled into a validator. A schema the
 * validator cannot compile still lets payloads be shown; they are then neither valid nor invalid.
 */
function compileJsonValidator(
  schemaId: number,
  schema: RegistrySchema,
  references: Map<string, RegistrySchema>,
): ValidateFunction | null {
  try {
    const root = JSON.parse(schema.schema) as { $schema?: unknown };
    const ajv = validatorFor(root);
    for (const [name, ref] of references) {
      if (ref.schemaType === 'JSON') ajv.addSchema(JSON.parse(ref.schema) as object, name);
    }
    return ajv.compile(root as object);
  } catch (error) {
    console.warn(`JSON schema ${schemaId} cannot be used to validate payloads: ${(error as Error).message}`);
    return null;
  }
}

function compileJsonSchema(
  schemaId: number,
  schema: RegistrySchema,
  references: Map<string, RegistrySchema>,
  subjects: SubjectChooser,
): CompiledSchema {
  const validate = compileJsonValidator(schemaId, schema, references);
  return {
    schemaId,
    schemaType: 'JSON',
    settle: (topic, isKey) => subjects.settle(topic, isKey),
    decode(payload, bytes, topic, isKey) {
      const ref = subjects.refFor(topic, isKey);
      const text = payload.toString('utf8');
      let value: JsonValue;
      try {
        value = parseJsonExactly(text);
      } catch (error) {
        return errorPart(
          'PAYLOAD_INVALID',
          `the payload of JSON schema ${schemaId} is not JSON: ${(error as Error).message}`,
          bytes,
          ref,
        );
      }
      const part = {
        format: 'json-schema' as const,
        value,
        schemaId,
        subject: ref.subject,
        version: ref.version,
      };
      if (!validate) return part;
      // Validated on plain numbers: a 64-bit id rounded by a few units is still an integer.
      const valid = validate(JSON.parse(text));
      return valid
        ? { ...part, valid: true }
        : { ...part, valid: false, violations: violationsOf(validate.errors) };
    },
  };
}

function compileProtobuf(
  schemaId: number,
  schema: RegistrySchema,
  references: Map<string, RegistrySchema>,
  subjects: SubjectChooser,
): CompiledSchema {
  let decoder: ReturnType<typeof createProtobufDecoder>;
  try {
    decoder = createProtobufDecoder(
      schema.schema,
      [...references].map(([name, ref]) => ({ name, schema: ref.schema })),
    );
  } catch (error) {
    throw new SchemaDecodeFailure(
      'SCHEMA_INVALID',
      `the Protobuf schema ${schemaId} does not compile: ${(error as Error).message}`,
    );
  }
  return {
    schemaId,
    schemaType: 'PROTOBUF',
    settle: (topic, isKey) => subjects.settle(topic, isKey),
    decode(payload, bytes, topic, isKey) {
      const indexes = decodeMessageIndexes(payload);
      if (!indexes.ok)
        return errorPart('PAYLOAD_INVALID', indexes.reason, bytes, subjects.refFor(topic, isKey));
      try {
        const { value, messageType } = decoder.decode(indexes.indexes, payload.subarray(indexes.bytesRead));
        const ref = subjects.refFor(topic, isKey, messageType);
        return {
          format: 'protobuf',
          value,
          messageType,
          messageIndexes: indexes.indexes,
          schemaId,
          subject: ref.subject,
          version: ref.version,
        };
      } catch (error) {
        return errorPart(
          'PAYLOAD_INVALID',
          `the bytes do not match Protobuf schema ${schemaId}: ${(error as Error).message}`,
          bytes,
          subjects.refFor(topic, isKey),
        );
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
export async function buildSchemaDecoder(
  source: SchemaSource,
  schemaId: number,
  now: () => number = Date.now,
): Promise<{ compiled: CompiledSchema; failure?: SchemaDecodeFailure }> {
  try {
    const [schema, locations] = await Promise.all([
      source.getSchemaById(schemaId),
      // Subject and version are a nicety: a registry that does not answer leaves them out.
      source.getSchemaVersions ? source.getSchemaVersions(schemaId).catch(() => []) : Promise.resolve([]),
    ]);
    const references = await resolveReferences(source, schema.references);
    const subjects = new SubjectChooser(schemaId, locations, source, now);
    switch (schema.schemaType) {
      case 'AVRO':
        return { compiled: compileAvro(schemaId, schema, references, subjects) };
      case 'JSON':
        return { compiled: compileJsonSchema(schemaId, schema, references, subjects) };
      case 'PROTOBUF':
        return { compiled: compileProtobuf(schemaId, schema, references, subjects) };
      default:
        throw new SchemaDecodeFailure(
          'UNSUPPORTED',
          `schema id ${schemaId} has the type ${String(schema.schemaType)}, which the console cannot decode`,
        );
    }
  } catch (error) {
    const failure = failureFromRegistryError(error, schemaId);
    return { compiled: failed(schemaId, failure), failure };
  }
}

/** How long an answer that may change is trusted: an outage, an id not (yet) registered. */
const RETRY_AFTER_MS: Partial<Record<DecodeFailureCode, number>> = {
  REGISTRY_UNAVAILABLE: 10_000,
  UNKNOWN_SCHEMA: 60_000,
};

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

  private readonly guids = new Map<
    string,
    {
      pending: Promise<number | SchemaDecodeFailure>;
      ready?: number | SchemaDecodeFailure;
      expiresAt: number;
    }
  >();

  /**
   * The id of a schema GUID from a record header, or why there is none; synchronous once known.
   * Successes are kept (a GUID names immutable content); failures are asked again after a while.
   */
  idForGuid(guid: string): number | SchemaDecodeFailure | Promise<number | SchemaDecodeFailure> {
    const known = this.guids.get(guid);
    if (known && known.expiresAt > this.now()) return known.ready ?? known.pending;
    if (this.guids.size >= SWEEP_ABOVE) this.guids.clear();
    const lookup = this.source.getSchemaIdByGuid;
    const entry: {
      pending: Promise<number | SchemaDecodeFailure>;
      ready?: number | SchemaDecodeFailure;
      expiresAt: number;
    } = {
      expiresAt: Infinity,
      pending: (lookup
        ? lookup.call(this.source, guid)
        : Promise.reject(new Error('this registry client cannot look schemas up by GUID'))
      ).then(
        (id) => id,
        (error: unknown) => {
          const code = (error as { code?: unknown } | null)?.code;
          const unknown = code === 'UNKNOWN_SCHEMA' || code === 'UNKNOWN_SUBJECT';
          return new SchemaDecodeFailure(
            unknown ? 'UNKNOWN_SCHEMA' : 'REGISTRY_UNAVAILABLE',
            unknown
              ? `schema GUID ${guid} is not in the registry (or the registry cannot look schemas up by GUID)`
              : `schema GUID ${guid} could not be looked up: ${error instanceof Error ? error.message : String(error)}`,
          );
        },
      ),
    };
    entry.pending.then((result) => {
      entry.ready = result;
      if (result instanceof SchemaDecodeFailure)
        entry.expiresAt = this.now() + (RETRY_AFTER_MS[result.code] ?? 60_000);
    });
    this.guids.set(guid, entry);
    return entry.pending;
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
      pending: buildSchemaDecoder(this.source, schemaId, this.now).then(({ compiled, failure }) => {
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
