import avro from 'avsc';
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAdmins } from '@/lib/kafka/admin';
import { closeProducer, createProducer, produceBatch, type OutgoingRecord } from '@/lib/kafka/producer';
import { closeReaders, readPartitionRange } from '@/lib/kafka/reader';
import { createTopicIfMissing, deleteTopicsIfPresent } from '@/lib/kafka/topics';
import { browseMessages } from '@/lib/messages/browse-messages';
import { exportMessages } from '@/lib/messages/export-messages';
import { searchMessages } from '@/lib/messages/search-messages';
import { produceMessage } from '@/lib/produce/produce-message';
import { registryFor } from '@/lib/registry';
import { messagePageQuery, messageExportQuery, messageSearchQuery } from '@/lib/messages/message-query';
import { encodeSchemaIdHeader } from '@/lib/serde/header-schema-id';
import { encodeMessageIndexes } from '@/lib/serde/message-indexes';
import type { DecodedMessage } from '@/lib/serde/types';
import { encodeConfluentFrame } from '@/lib/serde/wire-format';
import { localCluster, uniqueName } from './support';

/**
 * Records written the way other clients write them (Confluent's serializers registering Protobuf
 * as descriptors, header-carried schema ids, one schema for two topics, 64-bit ids in JSON,
 * invalid JSON Schema payloads, bytes that only look framed), read back through the message API's
 * own domain functions, field by field.
 */
const cluster = localCluster();
const registry = registryFor(cluster);
const t = {
  proto: uniqueName('dc-proto'),
  dupA: uniqueName('dc-dup-a'),
  dupB: uniqueName('dc-dup-b'),
  json: uniqueName('dc-json'),
  jsonSchema: uniqueName('dc-jsonschema'),
  header: uniqueName('dc-header'),
  framed: uniqueName('dc-framed'),
};
const subjects: string[] = [];

async function register(
  subject: string,
  schema: string,
  type: 'AVRO' | 'JSON' | 'PROTOBUF' = 'AVRO',
): Promise<number> {
  subjects.push(subject);
  return registry.register(subject, schema, type);
}

async function write(records: OutgoingRecord[]): Promise<void> {
  const producer = createProducer(cluster, { clientIdSuffix: 'it-decode-clients' });
  try {
    await produceBatch(producer, records);
  } finally {
    await closeProducer(producer);
  }
}

/** The first page of a topic as GET .../messages answers it. */
async function page(topic: string): Promise<DecodedMessage[]> {
  const result = await browseMessages(
    cluster,
    topic,
    messagePageQuery.parse({ start: 'earliest', partition: '0', limit: '100' }),
  );
  return result.messages;
}

/** The same record as it travels: JSON-serialised (what the browser parses). */
const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

beforeAll(async () => {
  for (const name of Object.values(t)) await createTopicIfMissing(cluster, { name, partitions: 1 });
}, 120_000);

afterAll(async () => {
  for (const subject of subjects.reverse())
    await registry.deleteSubject(subject, true).catch(() => undefined);
  await deleteTopicsIfPresent(cluster, Object.values(t));
  await closeReaders();
  await closeAdmins();
});

describe('Protobuf registered as a serialized FileDescriptorProto', () => {
  it('decodes top-level and nested messages by their indexes, with subject, version and id', async () => {
    const text = [
      'syntax = "proto3";',
      'package it.shop;',
      'message Order { string id = 1; int64 total_cents = 2; repeated Line lines = 3; message Line { string sku = 1; int32 qty = 2; } }',
      'message Refund { string order_id = 1; sint64 amount = 2; }',
    ].join('\n');
    const root = protobuf.parse(text, { keepCase: true }).root;
    const set = descriptor.FileDescriptorSet.toObject(root.toDescriptor('proto3')) as {
      file: { package?: string }[];
    };
    const file = { ...set.file.find((f) => f.package === 'it.shop')!, name: 'it/shop.proto' };
    const serialized = Buffer.from(
      descriptor.FileDescriptorProto.encode(descriptor.FileDescriptorProto.fromObject(file)).finish(),
    ).toString('base64');
    const id = await register(`${t.proto}-value`, serialized, 'PROTOBUF');
    // The registry hands it back as it was registered: base64, not .proto text.
    expect((await registry.getSchemaById(id)).schema).toBe(serialized);

    const Order = root.lookupType('it.shop.Order');
    const Line = root.lookupType('it.shop.Order.Line');
    const Refund = root.lookupType('it.shop.Refund');
    const frame = (indexes: number[], type: protobuf.Type, value: Record<string, unknown>) =>
      encodeConfluentFrame(
        id,
        Buffer.concat([encodeMessageIndexes(indexes), type.encode(type.fromObject(value)).finish()]),
      );
    await write([
      {
        topic: t.proto,
        partition: 0,
        key: Buffer.from('o-1'),
        value: frame([0], Order, {
          id: 'o-1',
          total_cents: '9007199254740993',
          lines: [{ sku: 'A', qty: 2 }],
        }),
      },
      {
        topic: t.proto,
        partition: 0,
        key: Buffer.from('o-1'),
        value: frame([0, 0], Line, { sku: 'B', qty: 1 }),
      },
      {
        topic: t.proto,
        partition: 0,
        key: Buffer.from('o-1'),
        value: frame([1], Refund, { order_id: 'o-1', amount: '-250' }),
      },
    ]);

    const values = overTheWire((await page(t.proto)).map((m) => m.value));
    const ref = { schemaId: id, subject: `${t.proto}-value`, version: 1 };
    expect(values).toEqual([
      {
        format: 'protobuf',
        messageType: 'it.shop.Order',
        messageIndexes: [0],
        value: { id: 'o-1', total_cents: '9007199254740993', lines: [{ sku: 'A', qty: 2 }] },
        ...ref,
      },
      {
        format: 'protobuf',
        messageType: 'it.shop.Order.Line',
        messageIndexes: [0, 0],
        value: { sku: 'B', qty: 1 },
        ...ref,
      },
      {
        format: 'protobuf',
        messageType: 'it.shop.Refund',
        messageIndexes: [1],
        value: { order_id: 'o-1', amount: '-250' },
        ...ref,
      },
    ]);
  });
});

describe('one schema registered under two subjects', () => {
  it("labels each topic's records with its own subject, even when the second topic registered later", async () => {
    const schema = JSON.stringify({
      type: 'record',
      name: 'Shared',
      namespace: `it.dup.${t.dupA.replace(/-/g, '_')}`,
      fields: [{ name: 'n', type: 'long' }],
    });
    const type = avro.Type.forSchema(JSON.parse(schema) as avro.Schema);
    const idA = await register(`${t.dupA}-value`, schema);
    await write([
      { topic: t.dupA, partition: 0, key: null, value: encodeConfluentFrame(idA, type.toBuffer({ n: 1 })) },
    ]);
    // Topic A is read first: the registry then knows the id under A's subject only.
    expect((await page(t.dupA))[0]!.value).toMatchObject({
      format: 'avro',
      schemaId: idA,
      subject: `${t.dupA}-value`,
      version: 1,
    });

    const idB = await register(`${t.dupB}-value`, schema);
    expect(idB).toBe(idA); // the registry deduplicates
    await write([
      { topic: t.dupB, partition: 0, key: null, value: encodeConfluentFrame(idB, type.toBuffer({ n: 2 })) },
    ]);
    const [b] = await page(t.dupB);
    expect(b!.value).toEqual({
      format: 'avro',
      value: { n: 2 },
      recordName: JSON.parse(schema).namespace + '.Shared',
      schemaId: idA,
      subject: `${t.dupB}-value`,
      version: 1,
    });
    expect((await page(t.dupA))[0]!.value).toMatchObject({ subject: `${t.dupA}-value` });
  });
});

describe('integers beyond 2^53 in plain JSON', () => {
  const exact = '9007199254740993';
  const rounded = '9007199254740992';

  it('shows them exactly in the page, search with a filter, and export, and produces them exactly', async () => {
    await write([
      {
        topic: t.json,
        partition: 0,
        key: Buffer.from('a'),
        value: Buffer.from(`{"id":${exact},"min":-9223372036854775808,"small":42}`),
      },
      { topic: t.json, partition: 0, key: Buffer.from('b'), value: Buffer.from(`{"id":${rounded}}`) },
      {
        topic: t.json,
        partition: 0,
        key: Buffer.from('12345678901234567890'),
        value: Buffer.from('18446744073709551615'),
      },
    ]);
    const messages = overTheWire(await page(t.json));
    expect(messages.map((m) => [m.key, m.value])).toEqual([
      [
        { format: 'text', text: 'a' },
        { format: 'json', value: { id: exact, min: '-9223372036854775808', small: 42 } },
      ],
      [
        { format: 'text', text: 'b' },
        { format: 'json', value: { id: rounded } },
      ],
      [
        { format: 'text', text: '12345678901234567890' },
        { format: 'text', text: '18446744073709551615' },
      ],
    ]);

    // A filter on the exact value finds that record and not its rounded neighbour.
    const found: DecodedMessage[] = [];
    const query = messageSearchQuery.parse({ start: 'earliest', expr: `value.id == ${exact}` });
    for await (const e of searchMessages(cluster, t.json, query, new AbortController().signal))
      if (e.type === 'message') found.push(e.message);
    expect(found.map((m) => m.key)).toEqual([{ format: 'text', text: 'a' }]);

    const exported = await exportMessages(
      cluster,
      t.json,
      messageExportQuery.parse({ start: 'earliest' }),
      new AbortController().signal,
    );
    const lines = (await new Response(exported.body).text()).trim().split('\n');
    expect(lines[0]).toContain(`"id":"${exact}"`);

    // Produced through the console: the bytes on the topic carry the number as typed.
    const sent = await produceMessage(cluster, t.json, {
      encoding: 'json',
      value: `{ "id": ${exact} }`,
      partition: 0,
      key: 'c',
      headers: [],
      version: 'latest',
    });
    const { records } = await readPartitionRange(cluster, {
      topic: t.json,
      partition: 0,
      fromOffset: BigInt(sent.offset),
      limit: 1,
    });
    expect(records[0]!.value!.toString()).toBe(`{"id":${exact}}`);
  });
});

describe('JSON Schema payloads validated against their writer schema', () => {
  it('says whether each record is valid and lists the violations, draft-07 and 2020-12', async () => {
    const draft7 = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      required: ['id', 'amount'],
      properties: {
        id: { type: 'integer' },
        amount: { type: 'number', minimum: 0 },
        currency: { enum: ['EUR', 'USD'] },
      },
      additionalProperties: false,
    };
    const v2020 = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { tags: { type: 'array', prefixItems: [{ type: 'string' }], items: false } },
    };
    const id7 = await register(`${t.jsonSchema}-value`, JSON.stringify(draft7), 'JSON');
    const id2020 = await register(`${t.jsonSchema}-key`, JSON.stringify(v2020), 'JSON');
    const framed = (id: number, text: string) => encodeConfluentFrame(id, Buffer.from(text));
    await write([
      {
        topic: t.jsonSchema,
        partition: 0,
        key: framed(id2020, '{"tags":["a"]}'),
        value: framed(id7, '{"id":9223372036854775807,"amount":12.5,"currency":"EUR"}'),
      },
      {
        topic: t.jsonSchema,
        partition: 0,
        key: framed(id2020, '{"tags":["a",2]}'),
        value: framed(id7, '{"id":"x","amount":-1,"currency":"GBP","extra":true}'),
      },
    ]);
    const [good, bad] = overTheWire(await page(t.jsonSchema));
    expect(good!.value).toEqual({
      format: 'json-schema',
      value: { id: '9223372036854775807', amount: 12.5, currency: 'EUR' },
      valid: true,
      schemaId: id7,
      subject: `${t.jsonSchema}-value`,
      version: 1,
    });
    expect(good!.key).toEqual({
      format: 'json-schema',
      value: { tags: ['a'] },
      valid: true,
      schemaId: id2020,
      subject: `${t.jsonSchema}-key`,
      version: 1,
    });
    expect(bad!.value).toEqual({
      format: 'json-schema',
      value: { id: 'x', amount: -1, currency: 'GBP', extra: true },
      valid: false,
      violations: [
        { path: '/', message: 'must NOT have additional properties: extra' },
        { path: '/id', message: 'must be integer' },
        { path: '/amount', message: 'must be >= 0' },
        { path: '/currency', message: 'must be equal to one of the allowed values' },
      ],
      schemaId: id7,
      subject: `${t.jsonSchema}-value`,
      version: 1,
    });
    expect(bad!.key).toMatchObject({
      format: 'json-schema',
      valid: false,
      violations: [{ path: '/tags', message: 'must NOT have more than 1 items' }],
    });
  });
});

describe('schema ids carried in record headers', () => {
  it('decodes with an id header, reports a GUID the registry cannot resolve, and reads Protobuf indexes from the header', async () => {
    const schema = JSON.stringify({
      type: 'record',
      name: 'Ping',
      namespace: 'it.header',
      fields: [{ name: 'seq', type: 'long' }],
    });
    const type = avro.Type.forSchema(JSON.parse(schema) as avro.Schema);
    const id = await register(`${t.header}-value`, schema);
    const proto =
      'syntax = "proto3"; package it.hdr; message Envelope { string id = 1; message Inner { int64 big = 1; } }';
    const protoId = await register(`${t.header}-key`, proto, 'PROTOBUF');
    const Inner = protobuf.parse(proto, { keepCase: true }).root.lookupType('it.hdr.Envelope.Inner');
    const guid = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const payload = type.toBuffer({ seq: 7 });
    await write([
      {
        topic: t.header,
        partition: 0,
        key: null,
        value: payload,
        headers: [['__value_schema_id', encodeSchemaIdHeader(id)]],
      },
      {
        topic: t.header,
        partition: 0,
        key: null,
        value: payload,
        headers: [['__value_schema_id', encodeSchemaIdHeader(guid)]],
      },
      {
        topic: t.header,
        partition: 0,
        key: Buffer.from(Inner.encode(Inner.fromObject({ big: '9007199254740993' })).finish()),
        value: payload,
        headers: [
          ['__key_schema_id', encodeSchemaIdHeader(protoId, encodeMessageIndexes([0, 0]))],
          ['__value_schema_id', encodeSchemaIdHeader(id)],
        ],
      },
    ]);
    const [byId, byGuid, both] = overTheWire(await page(t.header));
    expect(byId!.value).toEqual({
      format: 'avro',
      value: { seq: 7 },
      recordName: 'it.header.Ping',
      schemaId: id,
      subject: `${t.header}-value`,
      version: 1,
      schemaIdHeader: '__value_schema_id',
    });
    expect(byId!.key).toEqual({ format: 'null' });
    expect(byGuid!.value).toEqual({
      format: 'error',
      code: 'UNKNOWN_SCHEMA',
      reason: `schema GUID ${guid} is not in the registry (or the registry cannot look schemas up by GUID)`,
      hex: payload.toString('hex'),
      schemaIdHeader: '__value_schema_id',
      schemaGuid: guid,
    });
    expect(both!.key).toEqual({
      format: 'protobuf',
      messageType: 'it.hdr.Envelope.Inner',
      messageIndexes: [0, 0],
      value: { big: '9007199254740993' },
      schemaId: protoId,
      subject: `${t.header}-key`,
      version: 1,
      schemaIdHeader: '__key_schema_id',
    });
    expect(both!.value).toMatchObject({
      format: 'avro',
      value: { seq: 7 },
      schemaIdHeader: '__value_schema_id',
    });
  });
});

describe('a magic byte followed by an id that cannot exist', () => {
  it('shows the bytes with the reason they were not decoded', async () => {
    const negative = Buffer.from([0x00, 0x80, 0x00, 0x00, 0x01, 0x02, 0x03]);
    const short = Buffer.from([0x00, 0x00, 0x01]);
    await write([{ topic: t.framed, partition: 0, key: short, value: negative }]);
    const [m] = overTheWire(await page(t.framed));
    expect(m!.value).toEqual({
      format: 'binary',
      hex: '00800000010203',
      reason:
        'the first byte is the Confluent magic byte 0, but the schema id -2147483647 is negative, and registries assign ids from 0 to 2^31-1, so it was not decoded with a schema',
    });
    expect(m!.key).toEqual({
      format: 'binary',
      hex: '000001',
      reason:
        'the first byte is the Confluent magic byte 0, but the message has 3 bytes, fewer than the 5 of a Confluent header, so it was not decoded with a schema',
    });
  });
});
