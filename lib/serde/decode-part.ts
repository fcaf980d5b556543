import {
  KEY_SCHEMA_ID_HEADER,
  schemaIdFromHeaders,
  VALUE_SCHEMA_ID_HEADER,
  type HeaderSchemaId,
} from './header-schema-id';
import { decodeUnframed } from './plain';
import type { ValueProjection } from './projection';
import { SchemaDecodeFailure, type CompiledSchema, type SchemaDecoderCache } from './schema-decoders';
import type { DecodedPart } from './types';
import { CONFLUENT_HEADER_LENGTH, CONFLUENT_MAGIC_BYTE, decodeConfluentFrame } from './wire-format';

const NULL_PART: DecodedPart = Object.freeze({ format: 'null' });
const DEFAULT_MESSAGE_INDEX = Buffer.from([0]);

type RecordHeaders = readonly { key: string; value: Buffer | null }[];

/**
 * A record's headers: a list, or a record that finds one header by name in its bytes without
 * building the others (records.ts), which is what a scan gives for every record it filters.
 */
export type HeaderSource = RecordHeaders | { lastHeader(name: string): Buffer | null | undefined };

function schemaIdOf(headers: HeaderSource, isKey: boolean): HeaderSchemaId | null {
  if (Array.isArray(headers)) return headers.length ? schemaIdFromHeaders(headers, isKey) : null;
  const name = isKey ? KEY_SCHEMA_ID_HEADER : VALUE_SCHEMA_ID_HEADER;
  const value = (headers as Exclude<HeaderSource, RecordHeaders>).lastHeader(name);
  return value === undefined ? null : schemaIdFromHeaders([{ key: name, value }], isKey);
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown }).then === 'function';
}

/** Decodes through a compiled schema, after its subjects are settled for this topic when they must be. */
function decodeWith(
  compiled: CompiledSchema,
  payload: Buffer,
  bytes: Buffer,
  topic: string,
  isKey: boolean,
  projection?: ValueProjection,
): DecodedPart | Promise<DecodedPart> {
  const wait = compiled.settle?.(topic, isKey);
  return wait
    ? wait.then(() => compiled.decode(payload, bytes, topic, isKey, projection))
    : compiled.decode(payload, bytes, topic, isKey, projection);
}

function unavailable(error: unknown, bytes: Buffer, schemaId?: number): DecodedPart {
  return {
    format: 'error',
    code: 'REGISTRY_UNAVAILABLE',
    reason: String(error),
    hex: bytes.toString('hex'),
    ...(schemaId === undefined ? {} : { schemaId }),
  };
}

/** Why bytes that start with the magic byte are not a Confluent frame (too short, an impossible id). */
function notFramedReason(bytes: Buffer): string {
  const frame = decodeConfluentFrame(bytes);
  const why = frame.ok
    ? ''
    : frame.failure.code === 'BAD_SCHEMA_ID'
      ? `${frame.failure.message}, and registries assign ids from 0 to 2^31-1`
      : frame.failure.message;
  return `the first byte is the Confluent magic byte 0, but ${why}, so it was not decoded with a schema`;
}

/**
 * A part whose schema id travels in a record header: the payload is the bare message, and for
 * Protobuf the header holds the message indexes (absent: the first message).
 */
function decodeHeaderFramed(
  bytes: Buffer,
  topic: string,
  isKey: boolean,
  schemas: SchemaDecoderCache | null,
  noRegistryReason: string,
  id: HeaderSchemaId,
  projection: ValueProjection | undefined,
): DecodedPart | Promise<DecodedPart> {
  const hex = () => bytes.toString('hex');
  if (!id.ok) return { format: 'error', code: 'UNKNOWN_SCHEMA', reason: id.reason, hex: hex() };
  const origin = { schemaIdHeader: id.header, ...(id.guid ? { schemaGuid: id.guid } : {}) };
  if (!schemas)
    return {
      format: 'error',
      code: 'REGISTRY_UNAVAILABLE',
      reason: noRegistryReason,
      hex: hex(),
      ...origin,
      ...(id.schemaId === undefined ? {} : { schemaId: id.schemaId }),
    };
  const mark = (part: DecodedPart): DecodedPart =>
    part.format === 'error' || 'schemaId' in part ? { ...part, ...origin } : part;
  const withSchema = (schemaId: number): DecodedPart | Promise<DecodedPart> => {
    const run = (compiled: CompiledSchema) => {
      const indexes =
        compiled.schemaType === 'PROTOBUF'
          ? id.indexBytes.length
            ? id.indexBytes
            : DEFAULT_MESSAGE_INDEX
          : id.indexBytes;
      const payload = indexes.length ? Buffer.concat([indexes, bytes]) : bytes;
      const part = decodeWith(compiled, payload, bytes, topic, isKey, projection);
      return isPromise(part) ? part.then(mark) : mark(part);
    };
    const compiled = schemas.get(schemaId, topic);
    return isPromise(compiled)
      ? compiled.then(run, (error: unknown) => mark(unavailable(error, bytes, schemaId)))
      : run(compiled);
  };
  if (id.schemaId !== undefined) return withSchema(id.schemaId);
  const resolved = schemas.idForGuid(id.guid);
  const fromGuid = (result: number | SchemaDecodeFailure): DecodedPart | Promise<DecodedPart> =>
    result instanceof SchemaDecodeFailure
      ? { format: 'error', code: result.code, reason: result.message, hex: hex(), ...origin }
      : withSchema(result);
  return isPromise(resolved) ? resolved.then(fromGuid) : fromGuid(resolved);
}

/**
 * One key or value to its decoded form: a schema id in a record header or a Confluent frame
 * goes through the schema of its id, anything else is JSON, text or hex. Synchronous when the
 * schema is already compiled, so a scan pays for a promise only on the first record of each id.
 * Never throws. Pure apart from the cache it is given (null: no registry configured). With a
 * projection, a schema decoder may build only the fields it names (for filters).
 */
export function decodePart(
  bytes: Buffer | null,
  topic: string,
  isKey: boolean,
  schemas: SchemaDecoderCache | null,
  noRegistryReason: string,
  headers: HeaderSource = [],
  projection?: ValueProjection,
): DecodedPart | Promise<DecodedPart> {
  if (bytes === null) return NULL_PART;
  const headerId = schemaIdOf(headers, isKey);
  if (headerId)
    return decodeHeaderFramed(bytes, topic, isKey, schemas, noRegistryReason, headerId, projection);
  // Inline frame check (wire-format.ts says the same): magic byte 0, a non-negative 4-byte id.
  if (bytes.length < CONFLUENT_HEADER_LENGTH || bytes[0] !== CONFLUENT_MAGIC_BYTE || bytes[1]! & 0x80) {
    const part = decodeUnframed(bytes);
    return bytes.length > 0 && bytes[0] === CONFLUENT_MAGIC_BYTE && part.format === 'binary'
      ? { ...part, reason: notFramedReason(bytes) }
      : part;
  }
  const schemaId = bytes.readInt32BE(1);
  if (!schemas)
    return {
      format: 'error',
      code: 'REGISTRY_UNAVAILABLE',
      reason: noRegistryReason,
      hex: bytes.toString('hex'),
      schemaId,
    };
  const payload = bytes.subarray(CONFLUENT_HEADER_LENGTH);
  const compiled = schemas.get(schemaId, topic);
  if (!isPromise(compiled)) return decodeWith(compiled, payload, bytes, topic, isKey, projection);
  return compiled.then(
    (c) => decodeWith(c, payload, bytes, topic, isKey, projection),
    (error: unknown) => unavailable(error, bytes, schemaId),
  );
}
