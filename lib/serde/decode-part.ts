import { decodeUnframed } from './plain';
import type { SchemaDecoderCache } from './schema-decoders';
import type { DecodedPart } from './types';
import { CONFLUENT_HEADER_LENGTH, CONFLUENT_MAGIC_BYTE } from './wire-format';

const NULL_PART: DecodedPart = Object.freeze({ format: 'null' });

/**
 * One key or value to its decoded form: a Confluent frame goes through the schema of its id,
 * anything else is JSON, text or hex. Synchronous when the schema is already compiled, so a scan
 * pays for a promise only on the first record of each id. Never throws.
 * Pure apart from the cache it is given (null: no registry configured).
 */
export function decodePart(
  bytes: Buffer | null,
  topic: string,
  isKey: boolean,
  schemas: SchemaDecoderCache | null,
  noRegistryReason: string,
): DecodedPart | Promise<DecodedPart> {
  if (bytes === null) return NULL_PART;
  // Inline frame check (wire-format.ts says the same): magic byte 0, a non-negative 4-byte id.
  if (bytes.length < CONFLUENT_HEADER_LENGTH || bytes[0] !== CONFLUENT_MAGIC_BYTE || bytes[1]! & 0x80) return decodeUnframed(bytes);
  const schemaId = bytes.readInt32BE(1);
  if (!schemas) return { format: 'error', code: 'REGISTRY_UNAVAILABLE', reason: noRegistryReason, hex: bytes.toString('hex'), schemaId };
  const payload = bytes.subarray(CONFLUENT_HEADER_LENGTH);
  const compiled = schemas.get(schemaId, topic);
  if ('decode' in compiled) return compiled.decode(payload, bytes, topic, isKey);
  return compiled.then(
    (c) => c.decode(payload, bytes, topic, isKey),
    (error: unknown) => ({ format: 'error', code: 'REGISTRY_UNAVAILABLE', reason: String(error), hex: bytes.toString('hex'), schemaId }) as DecodedPart,
  );
}
