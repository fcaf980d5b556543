/**
 * The schema id carried in a record header instead of the payload prefix, as newer Confluent
 * serializers write it (`value.schema.id.serializer=HeaderSchemaIdSerializer`): the header
 * `__key_schema_id` or `__value_schema_id` holds either magic byte 1 and a 16-byte schema GUID,
 * or magic byte 0 and a 4-byte id, followed for Protobuf by the message indexes; the payload is
 * then the bare serialized message. Pure.
 */

export const KEY_SCHEMA_ID_HEADER = '__key_schema_id';
export const VALUE_SCHEMA_ID_HEADER = '__value_schema_id';

const MAGIC_ID = 0;
const MAGIC_GUID = 1;

export type HeaderSchemaId =
  | { ok: true; header: string; schemaId: number; guid?: undefined; indexBytes: Buffer }
  | { ok: true; header: string; schemaId?: undefined; guid: string; indexBytes: Buffer }
  | { ok: false; header: string; reason: string };

function formatGuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The schema id header of the key or the value (the last one, as Kafka's lastHeader), or null. */
export function schemaIdFromHeaders(
  headers: readonly { key: string; value: Buffer | null }[],
  isKey: boolean,
): HeaderSchemaId | null {
  const name = isKey ? KEY_SCHEMA_ID_HEADER : VALUE_SCHEMA_ID_HEADER;
  let value: Buffer | null | undefined;
  for (const h of headers) if (h.key === name) value = h.value;
  if (value === undefined) return null;
  if (value === null || value.length === 0)
    return { ok: false, header: name, reason: `the ${name} header is empty` };
  if (value[0] === MAGIC_GUID) {
    if (value.length < 17)
      return {
        ok: false,
        header: name,
        reason: `the ${name} header has ${value.length} bytes, fewer than magic byte 1 and a 16-byte schema GUID`,
      };
    return {
      ok: true,
      header: name,
      guid: formatGuid(value.subarray(1, 17)),
      indexBytes: value.subarray(17),
    };
  }
  if (value[0] === MAGIC_ID) {
    if (value.length < 5)
      return {
        ok: false,
        header: name,
        reason: `the ${name} header has ${value.length} bytes, fewer than magic byte 0 and a 4-byte schema id`,
      };
    const schemaId = value.readInt32BE(1);
    if (schemaId < 0)
      return {
        ok: false,
        header: name,
        reason: `the ${name} header names the schema id ${schemaId}, which no registry assigns`,
      };
    return { ok: true, header: name, schemaId, indexBytes: value.subarray(5) };
  }
  return {
    ok: false,
    header: name,
    reason: `the ${name} header starts with 0x${value[0]!.toString(16).padStart(2, '0')}, neither magic byte 0 (id) nor 1 (GUID)`,
  };
}

/** The header value a serializer writes, for tests and tools: an id or a GUID, then message indexes. */
export function encodeSchemaIdHeader(
  id: number | string,
  indexBytes: Uint8Array = new Uint8Array(0),
): Buffer {
  if (typeof id === 'number') {
    const head = Buffer.alloc(5);
    head.writeUInt8(MAGIC_ID, 0);
    head.writeInt32BE(id, 1);
    return Buffer.concat([head, indexBytes]);
  }
  const guid = Buffer.from(id.replace(/-/g, ''), 'hex');
  if (guid.length !== 16) throw new RangeError(`a schema GUID has 16 bytes, not "${id}"`);
  return Buffer.concat([Buffer.from([MAGIC_GUID]), guid, indexBytes]);
}
