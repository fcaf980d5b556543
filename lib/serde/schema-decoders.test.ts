import avro from 'avsc';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { encodeSchemaIdHeader } from './header-schema-id';
import { encodeMessageIndexes } from './message-indexes';
import { decodePart } from './decode-part';
import { SchemaDecoderCache } from './schema-decoders';
import type { RegistrySchema, SchemaSource } from './schema-source';
import { encodeConfluentFrame } from './wire-format';

class Failure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** An in-memory registry that counts requests and can go down. */
class MemorySource implements SchemaSource {
  readonly byId = new Map<number, RegistrySchema>();
  readonly subjects = new Map<string, { id: number; version: number }[]>();
  requests = 0;
  down = false;
  delayMs = 5;

  add(id: number, subject: string, schema: Partial<RegistrySchema> & { schema: string }): void {
    this.byId.set(id, { schemaType: 'AVRO', references: [], ...schema });
    const versions = this.subjects.get(subject) ?? [];
    versions.push({ id, version: versions.length + 1 });
    this.subjects.set(subject, versions);
  }

  private async answer<T>(fn: () => T): Promise<T> {
    this.requests++;
    await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.down)
      throw new Failure('REGISTRY_UNAVAILABLE', 'the schema registry at memory could not be reached');
    return fn();
  }

  getSchemaById(id: number) {
    return this.answer(() => {
      const s = this.byId.get(id);
      if (!s) throw new Failure('UNKNOWN_SCHEMA', `schema ${id} not found`);
      return s;
    });
  }

  getSubjectVersion(subject: string, version: number) {
    return this.answer(() => {
      const v = this.subjects.get(subject)?.find((x) => x.version === version);
      if (!v) throw new Failure('UNKNOWN_SUBJECT', `subject ${subject} version ${version} not found`);
      return { id: v.id, ...this.byId.get(v.id)! };
    });
  }

  getSchemaVersions(id: number) {
    return this.answer(() =>
      [...this.subjects].flatMap(([subject, vs]) =>
        vs.filter((v) => v.id === id).map((v) => ({ subject, version: v.version })),
      ),
    );
  }
}

const userSchema = {
  type: 'record',
  name: 'User',
  namespace: 'com.acme',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'age', type: ['null', 'int'] },
  ],
};
const userType = avro.Type.forSchema(userSchema as avro.Schema, { wrapUnions: true });

function setup() {
  const source = new MemorySource();
  source.add(1, 'users-value', { schema: JSON.stringify(userSchema) });
  source.add(2, 'payments-value', { schemaType: 'JSON', schema: '{"type":"object"}' });
  let now = 1_000;
  const cache = new SchemaDecoderCache(source, () => now);
  const decode = (bytes: Buffer | null, topic = 'users', isKey = false) =>
    decodePart(bytes, topic, isKey, cache, 'no registry');
  return { source, cache, decode, advance: (ms: number) => (now += ms) };
}

describe('decodePart with a schema registry', () => {
  it('decodes Avro with subject and version, then synchronously from the cache', async () => {
    const { decode } = setup();
    const bytes = encodeConfluentFrame(1, userType.toBuffer({ name: 'Ann', age: { int: 41 } }));
    const first = decode(bytes);
    expect(first).toBeInstanceOf(Promise);
    const expected = {
      format: 'avro',
      value: { name: 'Ann', age: 41 },
      recordName: 'com.acme.User',
      schemaId: 1,
      subject: 'users-value',
      version: 1,
    };
    expect(await first).toEqual(expected);
    expect(decode(bytes)).toEqual(expected); // not a promise any more
  });

  it('asks the registry once for concurrent first uses of an id', async () => {
    const { source, decode } = setup();
    const bytes = encodeConfluentFrame(1, userType.toBuffer({ name: 'Ann', age: null }));
    const parts = await Promise.all(Array.from({ length: 50 }, () => decode(bytes)));
    expect(parts.every((p) => p.format === 'avro')).toBe(true);
    expect(source.requests).toBe(2); // the schema and its subject/version, once each
  });

  it('turns an unknown id, garbage and registry outages into error parts, never exceptions', async () => {
    const { source, decode, advance } = setup();
    const unknown = encodeConfluentFrame(999999, Buffer.from([1, 2]));
    expect(await decode(unknown)).toEqual({
      format: 'error',
      code: 'UNKNOWN_SCHEMA',
      reason: 'schema id 999999 is not in the registry',
      hex: unknown.toString('hex'),
      schemaId: 999999,
    });

    const garbage = encodeConfluentFrame(1, Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
    const part = await decode(garbage);
    expect(part).toMatchObject({
      format: 'error',
      code: 'PAYLOAD_INVALID',
      schemaId: 1,
      subject: 'users-value',
      version: 1,
      hex: garbage.toString('hex'),
    });

    source.down = true;
    const json = encodeConfluentFrame(2, Buffer.from('{"a":1}'));
    expect(await decode(json)).toMatchObject({ format: 'error', code: 'REGISTRY_UNAVAILABLE', schemaId: 2 });
    // The outage is remembered for a while (a scan does not hammer a dead registry)...
    const before = source.requests;
    expect(await decode(json)).toMatchObject({ code: 'REGISTRY_UNAVAILABLE' });
    expect(source.requests).toBe(before);
    // ...then asked again.
    source.down = false;
    advance(11_000);
    expect(await decode(json)).toEqual({
      format: 'json-schema',
      value: { a: 1 },
      schemaId: 2,
      subject: 'payments-value',
      version: 1,
      valid: true,
    });
  });

  it('reports JSON Schema payloads that are not JSON', async () => {
    const { decode } = setup();
    const bytes = encodeConfluentFrame(2, Buffer.from('{"a":'));
    expect(await decode(bytes, 'payments')).toMatchObject({
      format: 'error',
      code: 'PAYLOAD_INVALID',
      schemaId: 2,
      subject: 'payments-value',
    });
  });

  it('falls back to JSON, text and hex for unframed bytes, and to null', () => {
    const { decode } = setup();
    expect(decode(null)).toEqual({ format: 'null' });
    expect(decode(Buffer.from('{"a":1}'))).toEqual({ format: 'json', value: { a: 1 } });
    expect(decode(Buffer.from('hello'))).toEqual({ format: 'text', text: 'hello' });
    expect(decode(Buffer.from([0, 0, 0, 1]))).toEqual({
      format: 'binary',
      hex: '00000001',
      reason:
        'the first byte is the Confluent magic byte 0, but the message has 4 bytes, fewer than the 5 of a Confluent header, so it was not decoded with a schema',
    });
    expect(decode(Buffer.from([0, 0x80, 0, 0, 1, 2]))).toEqual({
      format: 'binary',
      hex: '008000000102',
      reason:
        'the first byte is the Confluent magic byte 0, but the schema id -2147483647 is negative, and registries assign ids from 0 to 2^31-1, so it was not decoded with a schema',
    });
    expect(decode(Buffer.from([1, 0, 0, 0, 1, 2]))).toEqual({ format: 'binary', hex: '010000000102' }); // not magic byte 0
  });

  it('decodes a frame with nothing after the header against its schema', async () => {
    const { source, decode } = setup();
    source.add(30, 'empty-value', { schema: '{"type":"record","name":"Empty","fields":[]}' });
    expect(await decode(encodeConfluentFrame(30, Buffer.alloc(0)), 'empty')).toEqual({
      format: 'avro',
      value: {},
      recordName: 'Empty',
      schemaId: 30,
      subject: 'empty-value',
      version: 1,
    });
    expect(await decode(encodeConfluentFrame(2, Buffer.alloc(0)), 'payments')).toMatchObject({
      format: 'error',
      code: 'PAYLOAD_INVALID',
      schemaId: 2,
    });
  });

  it('says why framed bytes cannot be decoded without a registry', () => {
    const bytes = encodeConfluentFrame(7, Buffer.from([1]));
    expect(decodePart(bytes, 't', false, null, 'cluster "x" has no registry')).toEqual({
      format: 'error',
      code: 'REGISTRY_UNAVAILABLE',
      reason: 'cluster "x" has no registry',
      hex: '000000000701',
      schemaId: 7,
    });
  });

  it('compiles Avro references before the schema that uses them', async () => {
    const { source, decode } = setup();
    const address = {
      type: 'record',
      name: 'Address',
      namespace: 'com.acme',
      fields: [{ name: 'city', type: 'string' }],
    };
    source.add(10, 'address', { schema: JSON.stringify(address) });
    const customer = {
      type: 'record',
      name: 'Customer',
      namespace: 'com.acme',
      fields: [{ name: 'home', type: 'com.acme.Address' }],
    };
    source.add(11, 'customers-value', {
      schema: JSON.stringify(customer),
      references: [{ name: 'com.acme.Address', subject: 'address', version: 1 }],
    });
    const writer = avro.Type.forSchema({
      ...customer,
      fields: [{ name: 'home', type: address }],
    } as avro.Schema);
    const part = await decode(
      encodeConfluentFrame(11, writer.toBuffer({ home: { city: 'Ghent' } })),
      'customers',
    );
    expect(part).toEqual({
      format: 'avro',
      value: { home: { city: 'Ghent' } },
      recordName: 'com.acme.Customer',
      schemaId: 11,
      subject: 'customers-value',
      version: 1,
    });

    source.add(12, 'broken-value', {
      schema: JSON.stringify(customer),
      references: [{ name: 'x', subject: 'missing', version: 1 }],
    });
    expect(await decode(encodeConfluentFrame(12, Buffer.from([0])), 'broken')).toMatchObject({
      format: 'error',
      code: 'SCHEMA_INVALID',
      schemaId: 12,
    });
    source.add(13, 'bad-value', {
      schema: '{"type":"record","name":"X","fields":[{"name":"a","type":"Nope"}]}',
    });
    expect(await decode(encodeConfluentFrame(13, Buffer.from([0])), 'bad')).toMatchObject({
      format: 'error',
      code: 'SCHEMA_INVALID',
      schemaId: 13,
    });
  });

  it('decodes Protobuf with message indexes and a referenced file', async () => {
    const { source, decode } = setup();
    const money = 'syntax = "proto3"; package m; message Money { string currency = 1; int64 units = 2; }';
    const shop =
      'syntax = "proto3"; package s; import "m/money.proto"; message A { int32 x = 1; } message B { m.Money price = 1; message Inner { bool ok = 1; } }';
    source.add(20, 'm/money.proto', { schemaType: 'PROTOBUF', schema: money });
    source.add(21, 'shop-value', {
      schemaType: 'PROTOBUF',
      schema: shop,
      references: [{ name: 'm/money.proto', subject: 'm/money.proto', version: 1 }],
    });
    const root = new protobuf.Root();
    protobuf.parse(money, root);
    protobuf.parse(shop, root);
    const B = root.lookupType('s.B');
    const Inner = root.lookupType('s.B.Inner');
    const b = Buffer.concat([
      encodeMessageIndexes([1]),
      B.encode(B.fromObject({ price: { currency: 'EUR', units: 5 } })).finish(),
    ]);
    expect(await decode(encodeConfluentFrame(21, b), 'shop')).toEqual({
      format: 'protobuf',
      value: { price: { currency: 'EUR', units: '5' } },
      messageType: 's.B',
      messageIndexes: [1],
      schemaId: 21,
      subject: 'shop-value',
      version: 1,
    });
    const inner = Buffer.concat([encodeMessageIndexes([1, 0]), Inner.encode({ ok: true }).finish()]);
    expect(await decode(encodeConfluentFrame(21, inner), 'shop')).toMatchObject({
      format: 'protobuf',
      value: { ok: true },
      messageType: 's.B.Inner',
      messageIndexes: [1, 0],
    });
    expect(await decode(encodeConfluentFrame(21, Buffer.from([0x04, 0x0a])), 'shop')).toMatchObject({
      format: 'error',
      code: 'PAYLOAD_INVALID',
      schemaId: 21,
    });
  });

  it('prefers the topic-name subject when an id is registered under several', async () => {
    const { source, decode } = setup();
    source.subjects.set('other-value', [{ id: 1, version: 7 }]);
    const bytes = encodeConfluentFrame(1, userType.toBuffer({ name: 'Ann', age: null }));
    expect(await decode(bytes, 'users')).toMatchObject({ subject: 'users-value', version: 1 });
    expect(await decode(bytes, 'other')).toMatchObject({ subject: 'other-value', version: 7 });
    // No users-key, and two other subjects: which one the key was written for cannot be told.
    const key = await decode(bytes, 'users', true);
    expect(key).toMatchObject({ format: 'avro', schemaId: 1 });
    expect((key as { subject?: string }).subject).toBeUndefined();
  });

  it('labels by record-name strategies when the topic has no subject of its own', async () => {
    const { source, decode } = setup();
    source.subjects.set('com.acme.User', [{ id: 1, version: 3 }]);
    source.subjects.set('audit-com.acme.User', [{ id: 1, version: 2 }]);
    const bytes = encodeConfluentFrame(1, userType.toBuffer({ name: 'Ann', age: null }));
    expect(await decode(bytes, 'audit')).toMatchObject({ subject: 'audit-com.acme.User', version: 2 });
    expect(await decode(bytes, 'elsewhere')).toMatchObject({ subject: 'com.acme.User', version: 3 });
  });

  it("asks again for an id's subjects when a topic registered the same schema after it was first seen", async () => {
    const { source, decode, advance } = setup();
    const bytes = encodeConfluentFrame(1, userType.toBuffer({ name: 'Ann', age: null }));
    expect(await decode(bytes, 'users')).toMatchObject({ subject: 'users-value' });
    // The registry deduplicates: the same schema under "customers-value" gets id 1 too.
    source.subjects.set('customers-value', [{ id: 1, version: 1 }]);
    expect(await decode(bytes, 'customers')).toMatchObject({ subject: 'customers-value', version: 1 });
    // A topic with no subject of its own is not asked about again and again.
    const asked = source.requests;
    await decode(bytes, 'nobody');
    await decode(bytes, 'nobody');
    expect(source.requests).toBe(asked + 1);
    advance(61_000);
    await decode(bytes, 'nobody');
    expect(source.requests).toBe(asked + 2);
  });

  it('validates JSON Schema payloads against the writer schema, draft-07 and 2020-12, and lists violations', async () => {
    const { source, decode } = setup();
    const draft7 = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'integer' }, email: { type: 'string', format: 'email' } },
      additionalProperties: false,
    };
    const v2020 = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { tags: { type: 'array', prefixItems: [{ type: 'string' }], items: false } },
    };
    source.add(40, 'people-value', { schemaType: 'JSON', schema: JSON.stringify(draft7) });
    source.add(41, 'tags-value', { schemaType: 'JSON', schema: JSON.stringify(v2020) });
    const frame = (id: number, text: string) => encodeConfluentFrame(id, Buffer.from(text));
    expect(await decode(frame(40, '{"id": 9007199254740993, "email": "a@b.co"}'), 'people')).toEqual({
      format: 'json-schema',
      value: { id: '9007199254740993', email: 'a@b.co' },
      schemaId: 40,
      subject: 'people-value',
      version: 1,
      valid: true,
    });
    expect(await decode(frame(40, '{"id": "x", "email": "nope", "extra": 1}'), 'people')).toMatchObject({
      valid: false,
      violations: [
        { path: '/', message: 'must NOT have additional properties: extra' },
        { path: '/id', message: 'must be integer' },
        { path: '/email', message: 'must match format "email"' },
      ],
    });
    expect(await decode(frame(41, '{"tags": ["a", "b"]}'), 'tags')).toMatchObject({
      valid: false,
      violations: [{ path: '/tags' }],
    });
    expect(await decode(frame(41, '{"tags": ["a"]}'), 'tags')).toMatchObject({ valid: true });
  });

  it('decodes with a schema id or GUID carried in a record header, Protobuf indexes included', async () => {
    const { source, cache } = setup();
    const guids = new Map([['0f8fad5b-d9cb-469f-a165-70867728950e', 1]]);
    (source as SchemaSource).getSchemaIdByGuid = async (guid: string) => {
      const id = guids.get(guid);
      if (id === undefined) throw new Failure('UNKNOWN_SCHEMA', 'no such guid');
      return id;
    };
    const decodeWith = (bytes: Buffer, headers: { key: string; value: Buffer }[]) =>
      decodePart(bytes, 'users', false, cache, 'no registry', headers);
    const payload = userType.toBuffer({ name: 'Ann', age: null });
    expect(
      await decodeWith(payload, [
        { key: '__value_schema_id', value: encodeSchemaIdHeader('0f8fad5b-d9cb-469f-a165-70867728950e') },
      ]),
    ).toEqual({
      format: 'avro',
      value: { name: 'Ann', age: null },
      recordName: 'com.acme.User',
      schemaId: 1,
      subject: 'users-value',
      version: 1,
      schemaIdHeader: '__value_schema_id',
      schemaGuid: '0f8fad5b-d9cb-469f-a165-70867728950e',
    });
    expect(
      await decodeWith(payload, [{ key: '__value_schema_id', value: encodeSchemaIdHeader(1) }]),
    ).toMatchObject({ format: 'avro', schemaId: 1, schemaIdHeader: '__value_schema_id' });
    // The key's header does not apply to the value: the value is then read as unframed bytes.
    expect(
      await decodeWith(Buffer.from('{"a":1}'), [{ key: '__key_schema_id', value: encodeSchemaIdHeader(1) }]),
    ).toEqual({ format: 'json', value: { a: 1 } });
    const unknown = await decodeWith(payload, [
      { key: '__value_schema_id', value: encodeSchemaIdHeader('00000000-0000-0000-0000-000000000000') },
    ]);
    expect(unknown).toMatchObject({
      format: 'error',
      code: 'UNKNOWN_SCHEMA',
      schemaGuid: '00000000-0000-0000-0000-000000000000',
      hex: payload.toString('hex'),
    });

    const proto = 'syntax = "proto3"; package p; message A { string x = 1; message B { int64 y = 1; } }';
    source.add(50, 'protos-value', { schemaType: 'PROTOBUF', schema: proto });
    const root = protobuf.parse(proto, { keepCase: true }).root;
    const B = root.lookupType('p.A.B');
    const A = root.lookupType('p.A');
    const b = Buffer.from(B.encode(B.fromObject({ y: '9007199254740993' })).finish());
    expect(
      await decodePart(b, 'protos', false, cache, '', [
        { key: '__value_schema_id', value: encodeSchemaIdHeader(50, encodeMessageIndexes([0, 0])) },
      ]),
    ).toMatchObject({
      format: 'protobuf',
      messageType: 'p.A.B',
      messageIndexes: [0, 0],
      value: { y: '9007199254740993' },
    });
    const a = Buffer.from(A.encode(A.fromObject({ x: 'hi' })).finish());
    expect(
      await decodePart(a, 'protos', false, cache, '', [
        { key: '__value_schema_id', value: encodeSchemaIdHeader(50) },
      ]),
    ).toMatchObject({ messageType: 'p.A', value: { x: 'hi' } });
  });
});

describe('SchemaDecoderCache with bytes that only look framed', () => {
  it('stops asking the registry after many unknown ids in a topic, and asks again a minute later', async () => {
    const { source, decode, advance } = setup();
    source.delayMs = 0;
    const frame = (id: number) => encodeConfluentFrame(id, Buffer.from([1, 2, 3]));
    for (let id = 100; id < 400; id++)
      expect(await decode(frame(id))).toMatchObject({
        format: 'error',
        code: 'UNKNOWN_SCHEMA',
        schemaId: id,
      });
    const asked = source.requests;
    expect(asked).toBe(256 * 2); // schema and versions for the first 256 ids only
    const skipped = await decode(frame(500));
    expect(skipped).toMatchObject({ format: 'error', code: 'UNKNOWN_SCHEMA', schemaId: 500 });
    expect((skipped as { reason: string }).reason).toMatch(/not looked up/);
    expect(source.requests).toBe(asked);
    // Other topics still look their ids up.
    expect(
      await decode(encodeConfluentFrame(1, userType.toBuffer({ name: 'A', age: null })), 'other'),
    ).toMatchObject({ format: 'avro' });
    advance(61_000);
    expect(await decode(frame(501))).toMatchObject({
      code: 'UNKNOWN_SCHEMA',
      reason: 'schema id 501 is not in the registry',
    });
  });
});
