/**
 * The decoded form of a Kafka record: what every reading feature (message browser, search,
 * export, time travel, dead letters) shows and filters on. Pure types, shared by server and UI.
 */

/**
 * JSON as it travels to the browser: integers beyond 2^53 (Avro and Protobuf longs, big numbers in
 * JSON and JSON Schema payloads) become their exact decimal strings, bytes become base64.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type DecodeFailureCode =
  | 'UNKNOWN_SCHEMA' // the framed schema id is not in the registry
  | 'REGISTRY_UNAVAILABLE' // the registry could not be asked
  | 'SCHEMA_INVALID' // the registered schema could not be compiled
  | 'PAYLOAD_INVALID' // the bytes do not match the writer schema
  | 'UNSUPPORTED' // a schema type the console cannot decode
  | 'TOO_DEEP'; // decoded, but nested deeper than MAX_VALUE_DEPTH: shown raw

interface SchemaRef {
  schemaId: number;
  /** Subject and version under which the id is registered for this topic, when the registry says. */
  subject?: string;
  version?: number;
  /** Set when the id came from a record header (`__key_schema_id` / `__value_schema_id`), not the payload. */
  schemaIdHeader?: string;
  /** The schema GUID that header named, when it named one rather than an id. */
  schemaGuid?: string;
}

/** One way a JSON Schema payload breaks its writer schema: where (JSON pointer) and what. */
export interface SchemaViolation {
  path: string;
  message: string;
}

export type DecodedPart =
  | { format: 'null' }
  | ({ format: 'avro'; value: JsonValue; recordName?: string } & SchemaRef)
  /** `valid` says whether the payload satisfies its writer schema; absent when the schema could not be used to validate. */
  | ({ format: 'json-schema'; value: JsonValue; valid?: boolean; violations?: SchemaViolation[] } & SchemaRef)
  | ({ format: 'protobuf'; value: JsonValue; messageType: string; messageIndexes: number[] } & SchemaRef)
  | { format: 'json'; value: JsonValue }
  | { format: 'text'; text: string }
  /** `reason` says why bytes that look framed (magic byte 0) were not decoded through a schema. */
  | { format: 'binary'; hex: string; reason?: string }
  /** Not decodable: shown raw with the reason; never thrown. */
  | ({ format: 'error'; code: DecodeFailureCode; reason: string; hex: string } & Partial<SchemaRef>);

export type DecodedFormat = DecodedPart['format'];

export interface DecodedHeader {
  key: string;
  /** The value as text when it is valid, printable UTF-8; null otherwise. */
  text: string | null;
  /** Always present, so binary headers (Spring's 4- and 8-byte numbers) can be shown. */
  hex: string;
}

export interface DecodedMessage {
  topic: string;
  partition: number;
  /** Decimal string: offsets are 64-bit. */
  offset: string;
  /** Epoch milliseconds. */
  timestamp: number;
  timestampType: 'create' | 'log-append';
  compression: 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
  key: DecodedPart;
  value: DecodedPart;
  headers: DecodedHeader[];
  /** Serialized sizes in bytes (0 for null). */
  size: { key: number; value: number };
  /** The original bytes, base64, for the raw view and for export. */
  raw: { key: string | null; value: string | null };
}
