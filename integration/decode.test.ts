import avro from 'avsc';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  demoTopicName,
  planDemoSeed,
  toWriterValue,
  type DemoOrderEvent,
  type DemoSeedPlan,
} from '@/lib/demo';
import { closeAdmins } from '@/lib/kafka/admin';
import { closeProducer, createProducer, produceBatch, type OutgoingRecord } from '@/lib/kafka/producer';
import type { RawRecord } from '@/lib/kafka/records';
import { closeReaders, readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import { createTopicIfMissing, deleteTopicsIfPresent } from '@/lib/kafka/topics';
import { registryFor } from '@/lib/registry';
import { createMessageDecoder } from '@/lib/serde/decode-message';
import { encodeMessageIndexes } from '@/lib/serde/message-indexes';
import type { DecodedMessage, DecodedPart } from '@/lib/serde/types';
import { encodeConfluentFrame } from '@/lib/serde/wire-format';
import { localCluster, uniqueName, unreachableCluster } from './support';

const cluster = localCluster();
const registry = registryFor(cluster);
const decoder = createMessageDecoder(cluster);

let plan: DemoSeedPlan;
let manifest: { seed: number; events: number; schemaIds: Record<string, Record<string, number>> };

const avroTopic = uniqueName('decode-avro');
const protoTopic = uniqueName('decode-proto');
const subjects = {
  avroKey: `${avroTopic}-key`,
  avroValue: `${avroTopic}-value`,
  protoCommon: `${protoTopic}-common`,
  protoValue: `${protoTopic}-value`,
};

async function readAll(topic: string, partition = 0, limit = 10_000): Promise<RawRecord[]> {
  const { records } = await readPartitionRange(cluster, { topic, partition, fromOffset: 0n, limit });
  return records;
}

function decodeAll(topic: string, records: readonly RawRecord[]): Promise<DecodedMessage[]> {
  return Promise.all(records.map((r) => decoder.decode(topic, r)));
}

/** What the console should show for a demo order event: the writer's fields, union unwrapped. */
function expectedOrderValue(event: DemoOrderEvent): Record<string, unknown> {
  const writer = toWriterValue(event, event.schemaVersion);
  const wrapped = writer.payload as Record<string, unknown>;
  return {
    ...writer,
    occurredAt: new Date(event.occurredAt).toISOString(),
    payload: Object.values(wrapped)[0],
  };
}

beforeAll(async () => {
  const { records } = await readPartitionRange(cluster, {
    topic: demoTopicName('manifest'),
    partition: 0,
    fromOffset: 0n,
    limit: 10,
  });
  manifest = JSON.parse(records.at(-1)!.value!.toString('utf8'));
  plan = planDemoSeed({ seed: manifest.seed, events: manifest.events });
  await createTopicIfMissing(cluster, { name: avroTopic, partitions: 1 });
  await createTopicIfMissing(cluster, { name: protoTopic, partitions: 1 });
}, 120_000);

afterAll(async () => {
  for (const subject of [subjects.avroKey, subjects.avroValue, subjects.protoValue, subjects.protoCommon]) {
    await registry.deleteSubject(subject, true).catch(() => undefined);
  }
  await deleteTopicsIfPresent(cluster, [avroTopic, protoTopic]);
  await closeReaders();
  await closeAdmins();
});

describe('decoding the seeded demo topics', () => {
  it('decodes orders written with all three Avro versions, with subject and version, as the generator planned them', async () => {
    const ids = manifest.schemaIds['orders-value']!;
    const partition = 1;
    const planned = plan.orders.filter((o) => o.partition === partition);
    const messages = await decodeAll('orders', await readAll('orders', partition, planned.length));
    expect(messages).toHaveLength(planned.length);
    messages.forEach((m, i) => {
      const p = planned[i]!;
      const version = p.event.schemaVersion;
      expect(m.offset).toBe(String(p.offset));
      expect(m.key).toEqual({ format: 'text', text: p.event.orderId });
      expect(m.value).toEqual({
        format: 'avro',
        value: expectedOrderValue(p.event),
        recordName: 'com.acme.orders.events.OrderEvent',
        schemaId: ids[String(version)],
        subject: 'orders-value',
        version,
      });
      expect(m.headers.map((h) => [h.key, h.text])).toEqual(Object.entries(p.headers));
      expect(m.compression).toBe(p.compression);
      expect(m.size.value).toBe(Buffer.from(m.raw.value!, 'base64').length);
    });
    expect(new Set(planned.map((p) => p.event.schemaVersion))).toEqual(new Set([1, 2, 3]));
  });

  it('decodes payments through their JSON Schema', async () => {
    const id = manifest.schemaIds['payments-value']!['1'];
    for (let partition = 0; partition < plan.highWatermarks.payments.length; partition++) {
      const planned = plan.payments.filter((p) => p.partition === partition);
      const messages = await decodeAll('payments', await readAll('payments', partition));
      expect(messages.map((m) => [m.key, m.value])).toEqual(
        planned.map((p) => [
          { format: 'text', text: p.key },
          {
            format: 'json-schema',
            value: p.value,
            schemaId: id,
            subject: 'payments-value',
            version: 1,
            valid: true,
          },
        ]),
      );
    }
  });

  it('decodes users as JSON, the audit log as text and sensor frames as hex', async () => {
    const users = await decodeAll('users', await readAll('users', 0));
    const plannedUsers = plan.users.filter((u) => u.partition === 0);
    expect(users.map((m) => [m.key, m.value])).toEqual(
      plannedUsers.map((u) => [
        { format: 'text', text: u.key!.toString() },
        { format: 'json', value: JSON.parse(u.value!.toString()) },
      ]),
    );

    const audit = await decodeAll('audit-log', await readAll('audit-log', 0));
    expect(audit.map((m) => [m.key, m.value])).toEqual(
      plan.auditLog.map((r) => [{ format: 'null' }, { format: 'text', text: r.value!.toString() }]),
    );

    const frames = await decodeAll('sensor-frames', await readAll('sensor-frames', 0));
    const plannedFrames = plan.sensorFrames.filter((r) => r.partition === 0);
    expect(frames.length).toBe(plannedFrames.length);
    expect(frames.map((m) => [m.key, m.value])).toEqual(
      plannedFrames.map((r) => [
        // A 4-byte big-endian sensor id starts with the magic byte 0: shown with why it is no frame.
        r.key![0] === 0
          ? {
              format: 'binary',
              hex: r.key!.toString('hex'),
              reason:
                'the first byte is the Confluent magic byte 0, but the message has 4 bytes, fewer than the 5 of a Confluent header, so it was not decoded with a schema',
            }
          : { format: 'binary', hex: r.key!.toString('hex') },
        { format: 'binary', hex: r.value!.toString('hex') },
      ]),
    );
  });
});

describe('decoding records written by the test', () => {
  const keySchema = {
    type: 'record',
    name: 'OrderKey',
    namespace: 'com.acme.it',
    fields: [
      { name: 'orderId', type: 'string' },
      { name: 'tenant', type: 'int' },
    ],
  };
  const valueSchema = {
    type: 'record',
    name: 'Measurement',
    namespace: 'com.acme.it',
    fields: [
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-micros' } },
      { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
      { name: 'counter', type: 'long' },
      { name: 'note', type: ['null', 'string'], default: null },
    ],
  };

  it('decodes Avro keys and values, says why an unknown id or garbage cannot be decoded, and throws nothing', async () => {
    const keyId = await registry.register(subjects.avroKey, JSON.stringify(keySchema));
    const valueId = await registry.register(subjects.avroValue, JSON.stringify(valueSchema));
    const keyType = avro.Type.forSchema(keySchema as avro.Schema);
    // Field by field, so the long can be 2^63 - 1, beyond what avsc's default long writes.
    const at = avro.Type.forSchema('long').toBuffer(1_736_163_831_573_123);
    const amount = avro.Type.forSchema('bytes').toBuffer(Buffer.from([0x30, 0x39])); // 12345, scale 2
    const counter = Buffer.from([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    const note = Buffer.concat([Buffer.from([0x02]), avro.Type.forSchema('string').toBuffer('hi')]); // union branch 1
    const value = encodeConfluentFrame(valueId, Buffer.concat([at, amount, counter, note]));
    const key = encodeConfluentFrame(keyId, keyType.toBuffer({ orderId: 'order-42', tenant: 7 }));
    const unknown = encodeConfluentFrame(999_999, Buffer.from([0x02, 0x61]));
    const garbage = encodeConfluentFrame(
      valueId,
      Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
    );
    const records: OutgoingRecord[] = [
      { topic: avroTopic, partition: 0, key, value },
      { topic: avroTopic, partition: 0, key: unknown, value: garbage },
      { topic: avroTopic, partition: 0, key: null, value: null },
    ];
    const producer = createProducer(cluster);
    try {
      await produceBatch(producer, records);
    } finally {
      await closeProducer(producer);
    }

    const [good, bad, tombstone] = await decodeAll(avroTopic, await readAll(avroTopic));
    expect(good!.key).toEqual({
      format: 'avro',
      value: { orderId: 'order-42', tenant: 7 },
      recordName: 'com.acme.it.OrderKey',
      schemaId: keyId,
      subject: subjects.avroKey,
      version: 1,
    });
    expect(good!.value).toEqual({
      format: 'avro',
      value: {
        at: '2025-01-06T11:43:51.573123Z',
        amount: '123.45',
        counter: '9223372036854775807',
        note: 'hi',
      },
      recordName: 'com.acme.it.Measurement',
      schemaId: valueId,
      subject: subjects.avroValue,
      version: 1,
    });
    expect(bad!.key).toMatchObject({
      format: 'error',
      code: 'UNKNOWN_SCHEMA',
      schemaId: 999_999,
      hex: unknown.toString('hex'),
    });
    expect((bad!.key as Extract<DecodedPart, { format: 'error' }>).reason).toMatch(/999999/);
    expect(bad!.value).toMatchObject({
      format: 'error',
      code: 'PAYLOAD_INVALID',
      schemaId: valueId,
      subject: subjects.avroValue,
      version: 1,
      hex: garbage.toString('hex'),
    });
    expect(tombstone).toMatchObject({
      key: { format: 'null' },
      value: { format: 'null' },
      size: { key: 0, value: 0 },
      raw: { key: null, value: null },
    });
  });

  it('decodes Confluent-framed Protobuf with message indexes and a referenced file', async () => {
    const common = [
      'syntax = "proto3";',
      'package acme.common;',
      '',
      'message Money {',
      '  string currency = 1;',
      '  int64 units = 2;',
      '}',
      '',
    ].join('\n');
    const shop = [
      'syntax = "proto3";',
      'package acme.shop;',
      '',
      'import "acme/common/money.proto";',
      '',
      'message Order {',
      '  string id = 1;',
      '  acme.common.Money total = 2;',
      '  repeated Line lines = 3;',
      '  Status status = 4;',
      '  enum Status {',
      '    UNKNOWN = 0;',
      '    PAID = 1;',
      '  }',
      '  message Line {',
      '    string sku = 1;',
      '    int32 quantity = 2;',
      '  }',
      '}',
      'message Refund {',
      '  string order_id = 1;',
      '  int64 amount_cents = 2;',
      '}',
      '',
    ].join('\n');
    await registry.register(subjects.protoCommon, common, 'PROTOBUF');
    const id = await registry.register(subjects.protoValue, shop, 'PROTOBUF', [
      { name: 'acme/common/money.proto', subject: subjects.protoCommon, version: 1 },
    ]);

    const root = new protobuf.Root();
    protobuf.parse(common, root, { keepCase: true });
    protobuf.parse(shop, root, { keepCase: true });
    const Order = root.lookupType('acme.shop.Order');
    const Line = root.lookupType('acme.shop.Order.Line');
    const Refund = root.lookupType('acme.shop.Refund');
    const frame = (indexes: number[], type: protobuf.Type, value: Record<string, unknown>) =>
      encodeConfluentFrame(
        id,
        Buffer.concat([encodeMessageIndexes(indexes), type.encode(type.fromObject(value)).finish()]),
      );
    const producer = createProducer(cluster);
    try {
      await produceBatch(producer, [
        {
          topic: protoTopic,
          partition: 0,
          key: Buffer.from('o-1'),
          value: frame([0], Order, {
            id: 'o-1',
            total: { currency: 'EUR', units: '9007199254740993' },
            lines: [{ sku: 'A', quantity: 2 }],
            status: 'PAID',
          }),
        },
        {
          topic: protoTopic,
          partition: 0,
          key: Buffer.from('o-1'),
          value: frame([0, 0], Line, { sku: 'B', quantity: 1 }),
        },
        {
          topic: protoTopic,
          partition: 0,
          key: Buffer.from('o-1'),
          value: frame([1], Refund, { order_id: 'o-1', amount_cents: 250 }),
        },
        {
          topic: protoTopic,
          partition: 0,
          key: Buffer.from('o-1'),
          value: encodeConfluentFrame(id, Buffer.from([0x02, 0x0a, 0x0a, 0xff])),
        },
      ]);
    } finally {
      await closeProducer(producer);
    }

    const messages = await decodeAll(protoTopic, await readAll(protoTopic));
    const ref = { schemaId: id, subject: subjects.protoValue, version: 1 };
    expect(messages.map((m) => m.value)).toEqual([
      {
        format: 'protobuf',
        value: {
          id: 'o-1',
          total: { currency: 'EUR', units: '9007199254740993' },
          lines: [{ sku: 'A', quantity: 2 }],
          status: 'PAID',
        },
        messageType: 'acme.shop.Order',
        messageIndexes: [0],
        ...ref,
      },
      {
        format: 'protobuf',
        value: { sku: 'B', quantity: 1 },
        messageType: 'acme.shop.Order.Line',
        messageIndexes: [0, 0],
        ...ref,
      },
      {
        format: 'protobuf',
        value: { order_id: 'o-1', amount_cents: '250' },
        messageType: 'acme.shop.Refund',
        messageIndexes: [1],
        ...ref,
      },
      expect.objectContaining({ format: 'error', code: 'PAYLOAD_INVALID', ...ref }),
    ]);
  });
});

describe('decoding when the registry is down', () => {
  it('yields REGISTRY_UNAVAILABLE parts for framed bytes and still decodes the rest', async () => {
    const down = createMessageDecoder(unreachableCluster());
    const [record] = await readAll('orders', 0, 1);
    // Watched, not replaced: every registry request still goes to the port where nothing listens.
    const requests = vi.spyOn(globalThis, 'fetch');
    try {
      const message = await down.decode('orders', record!);
      expect(message.key).toEqual({ format: 'text', text: record!.key!.toString() });
      expect(message.value).toMatchObject({
        format: 'error',
        code: 'REGISTRY_UNAVAILABLE',
        schemaId: record!.value!.readInt32BE(1),
        hex: record!.value!.toString('hex'),
      });
      expect((message.value as Extract<DecodedPart, { format: 'error' }>).reason).toMatch(/registry/);
      // Remembered for a while: a scan does not ask the dead registry again for every record.
      const asked = requests.mock.calls.length;
      expect(asked).toBeGreaterThan(0);
      const again = await Promise.all(Array.from({ length: 100 }, () => down.decode('orders', record!)));
      expect(again.every((m) => m.value.format === 'error')).toBe(true);
      expect(requests.mock.calls.length).toBe(asked);
    } finally {
      requests.mockRestore();
    }
  });
});

describe('decode throughput', () => {
  it('decodes the 5,000 Avro orders quickly (measured, not asserted)', async () => {
    const marks = await readWatermarks(cluster, 'orders');
    const records = (
      await Promise.all(marks.map((m) => readAll('orders', m.partition, Number(m.high))))
    ).flat();
    let best = Infinity;
    for (let pass = 0; pass < 5; pass++) {
      const started = process.hrtime.bigint();
      for (const r of records) await decoder.decode('orders', r);
      best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
    }
    console.info(
      `decoded ${records.length} Avro orders in ${(best * 1000).toFixed(0)} ms (best of 5): ${Math.round(records.length / best)} records/s`,
    );
    expect(records.length).toBe(plan.orders.length);
  });
});
