import { describe, expect, it } from 'vitest';
import { encodeSchemaIdHeader, schemaIdFromHeaders } from './header-schema-id';

const h = (key: string, value: Buffer | null) => ({ key, value });

describe('schemaIdFromHeaders', () => {
  it('reads a GUID header with message indexes, and an id header', () => {
    const guid = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const value = schemaIdFromHeaders(
      [h('__value_schema_id', encodeSchemaIdHeader(guid, Buffer.from([2, 0, 2])))],
      false,
    );
    expect(value).toEqual({
      ok: true,
      header: '__value_schema_id',
      guid,
      indexBytes: Buffer.from([2, 0, 2]),
    });
    expect(schemaIdFromHeaders([h('__key_schema_id', encodeSchemaIdHeader(42))], true)).toEqual({
      ok: true,
      header: '__key_schema_id',
      schemaId: 42,
      indexBytes: Buffer.alloc(0),
    });
  });

  it('reads the header of the right part, the last one when repeated', () => {
    const headers = [
      h('__value_schema_id', encodeSchemaIdHeader(1)),
      h('__key_schema_id', encodeSchemaIdHeader(7)),
      h('__value_schema_id', encodeSchemaIdHeader(2)),
    ];
    expect(schemaIdFromHeaders(headers, false)).toMatchObject({ schemaId: 2 });
    expect(schemaIdFromHeaders(headers, true)).toMatchObject({ schemaId: 7 });
    expect(schemaIdFromHeaders([h('other', Buffer.from([0]))], false)).toBeNull();
  });

  it('says why a header cannot name a schema', () => {
    expect(schemaIdFromHeaders([h('__value_schema_id', Buffer.from([1, 2, 3]))], false)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/fewer than magic byte 1 and a 16-byte schema GUID/),
    });
    expect(
      schemaIdFromHeaders([h('__value_schema_id', Buffer.from([0, 0xff, 0, 0, 1]))], false),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/no registry assigns/) });
    expect(schemaIdFromHeaders([h('__value_schema_id', Buffer.from([9, 0, 0, 0, 1]))], false)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/0x09/),
    });
    expect(schemaIdFromHeaders([h('__value_schema_id', null)], false)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/empty/),
    });
  });
});
