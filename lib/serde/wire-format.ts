/**
 * The Confluent wire format that Schema Registry serializers put in front of every value (and
 * key): one magic byte 0, the schema id as a 4-byte big-endian integer, then the serialized
 * payload (Avro binary, JSON bytes, or Protobuf message indexes followed by the message).
 * Pure: no registry, no Kafka.
 */

export const CONFLUENT_MAGIC_BYTE = 0;
export const CONFLUENT_HEADER_LENGTH = 5;
const MAX_SCHEMA_ID = 0x7fffffff;

export interface ConfluentFrame {
  schemaId: number;
  /** The bytes after the header: a view on the input, not a copy. */
  payload: Buffer;
}

export type ConfluentFrameFailureCode = 'EMPTY' | 'TOO_SHORT' | 'BAD_MAGIC_BYTE' | 'BAD_SCHEMA_ID';

export interface ConfluentFrameFailure {
  code: ConfluentFrameFailureCode;
  message: string;
}

export type DecodedConfluentFrame =
  ({ ok: true } & ConfluentFrame) | { ok: false; failure: ConfluentFrameFailure };

export function encodeConfluentFrame(schemaId: number, payload: Uint8Array): Buffer {
  if (!Number.isInteger(schemaId) || schemaId < 0 || schemaId > MAX_SCHEMA_ID) {
    throw new RangeError(`a schema id is an integer from 0 to ${MAX_SCHEMA_ID}, not ${schemaId}`);
  }
  const frame = Buffer.allocUnsafe(CONFLUENT_HEADER_LENGTH + payload.length);
  frame.writeUInt8(CONFLUENT_MAGIC_BYTE, 0);
  frame.writeInt32BE(schemaId, 1);
  frame.set(payload, CONFLUENT_HEADER_LENGTH);
  return frame;
}

function fail(code: ConfluentFrameFailureCode, message: string): DecodedConfluentFrame {
  return { ok: false, failure: { code, message } };
}

/**
 * Splits a framed message into schema id and payload, or says why the bytes are not a frame.
 * A header with nothing after it is a valid frame with an empty payload.
 */
export function decodeConfluentFrame(bytes: Uint8Array | null | undefined): DecodedConfluentFrame {
  if (!bytes || bytes.length === 0) return fail('EMPTY', 'the message is empty, so it carries no schema id');
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] !== CONFLUENT_MAGIC_BYTE) {
    return fail(
      'BAD_MAGIC_BYTE',
      `the first byte is 0x${buf[0]!.toString(16).padStart(2, '0')}, not the magic byte 0x00 of the Confluent wire format`,
    );
  }
  if (buf.length < CONFLUENT_HEADER_LENGTH) {
    return fail(
      'TOO_SHORT',
      `the message has ${buf.length} bytes, fewer than the ${CONFLUENT_HEADER_LENGTH} of a Confluent header`,
    );
  }
  const schemaId = buf.readInt32BE(1);
  if (schemaId < 0) return fail('BAD_SCHEMA_ID', `the schema id ${schemaId} is negative`);
  return { ok: true, schemaId, payload: buf.subarray(CONFLUENT_HEADER_LENGTH) };
}

/** True when the bytes start with a plausible Confluent header. */
export function isConfluentFramed(bytes: Uint8Array | null | undefined): boolean {
  return decodeConfluentFrame(bytes).ok;
}
