import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import avro from 'avsc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_TOPIC } from '@/lib/audit/record-audit';
import { closeAdmins } from '@/lib/kafka/admin';
import { partitionForKey } from '@/lib/kafka/murmur2';
import { closeReaders, readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import { createTopicIfMissing, deleteTopicsIfPresent } from '@/lib/kafka/topics';
import { getProduceOptions } from '@/lib/produce/get-produce-options';
import { previewMessage } from '@/lib/produce/preview-message';
import { produceMessage } from '@/lib/produce/produce-message';
import { RegistryClient } from '@/lib/registry/client';
import { decodeConfluentFrame } from '@/lib/serde/wire-format';
import { localCluster, uniqueName } from './support';

/**
 * Producing to this file's own topic (three partitions) against its own subject
 * `<topic>-value`, registered in two versions: v2 adds `payload.note` with a default.
 */
const cluster = localCluster();
const readOnlyCluster = { ...cluster, id: 'local-readonly', readOnly: true };
const topic = uniqueName('produce');
const subject = `${topic}-value`;
const registry = new RegistryClient(cluster.registry!);
const previousConfig = process.env.CONSOLE_CONFIG;

const paymentFields = [
  { name: 'amount', type: 'double' },
  { name: 'method', type: { type: 'enum', name: 'Method', symbols: ['CARD', 'CASH'] } },
];
const schemaV1 = {
  type: 'record',
  name: 'PaymentEvent',
  namespace: 'it.produce',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'payload', type: { type: 'record', name: 'Payment', fields: paymentFields } },
  ],
};
const schemaV2 = {
  ...schemaV1,
  fields: [
    { name: 'id', type: 'string' },
    {
      name: 'payload',
      type: {
        type: 'record',
        name: 'Payment',
        fields: [...paymentFields, { name: 'note', type: ['null', 'string'], default: null }],
      },
    },
  ],
};
let idV1 = 0;
let idV2 = 0;

async function highWatermarks(): Promise<bigint[]> {
  return (await readWatermarks(cluster, topic)).map((m) => m.high);
}

async function lastAuditEntries(
  n = 30,
): Promise<{ action: string; target: string; details: Record<string, unknown> }[]> {
  const [marks] = await readWatermarks(cluster, AUDIT_TOPIC);
  const from = marks!.high > BigInt(n) ? marks!.high - BigInt(n) : 0n;
  const { records } = await readPartitionRange(cluster, {
    topic: AUDIT_TOPIC,
    partition: 0,
    fromOffset: from,
    limit: n,
  });
  return records.map((r) => JSON.parse(r.value!.toString('utf8')));
}

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'produce-it-'));
  const file = path.join(dir, 'console.json');
  writeFileSync(
    file,
    JSON.stringify({
      clusters: [
        { ...cluster, id: 'local' },
        { ...cluster, id: 'local-readonly', readOnly: true },
      ],
    }),
  );
  process.env.CONSOLE_CONFIG = file;
  await createTopicIfMissing(cluster, { name: topic, partitions: 3 });
  idV1 = await registry.register(subject, JSON.stringify(schemaV1));
  idV2 = await registry.register(subject, JSON.stringify(schemaV2));
});

afterAll(async () => {
  await registry.deleteSubject(subject, true).catch(() => undefined);
  await deleteTopicsIfPresent(cluster, [topic]);
  await closeReaders();
  await closeAdmins();
  if (previousConfig === undefined) delete process.env.CONSOLE_CONFIG;
  else process.env.CONSOLE_CONFIG = previousConfig;
});

const valid = { id: 'pay-1', payload: { amount: 19.99, method: 'CARD', note: 'first' } };

describe('producing Avro against a subject version', () => {
  it('offers the subject of the topic with its versions and latest schema', async () => {
    const options = await getProduceOptions(cluster, topic, {});
    expect(options).toMatchObject({ partitionCount: 3, readOnly: false, defaultSubject: subject });
    expect(options.registry).toMatchObject({
      status: 'up',
      subject,
      versions: [1, 2],
      schema: { version: 2, id: idV2, schemaType: 'AVRO' },
    });
    expect((options.registry as { subjects: string[] }).subjects).toContain('orders-value');
    const v1 = await getProduceOptions(cluster, topic, { version: '1' });
    expect(v1.registry).toMatchObject({ schema: { version: 1, id: idV1 } });
  });

  it('produces a framed record that reads back with the schema id and the value', async () => {
    const produced = await produceMessage(cluster, topic, {
      key: 'pay-1',
      headers: [{ name: 'source', value: 'integration' }],
      partition: null,
      encoding: 'avro',
      value: JSON.stringify(valid),
      version: 'latest',
    });
    const expectedPartition = partitionForKey('pay-1', 3);
    expect(produced).toMatchObject({
      topic,
      partition: expectedPartition,
      partitionChoice: 'by-key',
      offset: '0',
      key: 'pay-1',
      schema: { subject, version: 2, id: idV2 },
    });

    const { records } = await readPartitionRange(cluster, {
      topic,
      partition: expectedPartition,
      fromOffset: 0n,
      limit: 10,
    });
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record!.key!.toString()).toBe('pay-1');
    expect(record!.headers.map((h) => [h.key, h.value?.toString()])).toEqual([['source', 'integration']]);
    expect(record!.timestamp).toBe(produced.timestamp);
    expect(record!.value!.length).toBe(produced.valueSize);
    const frame = decodeConfluentFrame(record!.value);
    expect(frame).toMatchObject({ ok: true, schemaId: idV2 });
    const reader = avro.Type.forSchema(schemaV2 as avro.Schema);
    expect(reader.fromBuffer((frame as { payload: Buffer }).payload)).toEqual({
      id: 'pay-1',
      payload: { amount: 19.99, method: 'CARD', note: 'first' },
    });
  });

  it('encodes with an older version when asked, to the partition asked', async () => {
    const produced = await produceMessage(cluster, topic, {
      key: null,
      headers: [],
      partition: 2,
      encoding: 'avro',
      value: JSON.stringify({ id: 'pay-2', payload: { amount: 5, method: 'CASH' } }),
      version: 1,
    });
    expect(produced).toMatchObject({
      partition: 2,
      partitionChoice: 'explicit',
      schema: { version: 1, id: idV1 },
    });
    const { records } = await readPartitionRange(cluster, {
      topic,
      partition: 2,
      fromOffset: BigInt(produced.offset),
      limit: 1,
    });
    expect(decodeConfluentFrame(records[0]!.value)).toMatchObject({ ok: true, schemaId: idV1 });
  });

  it('refuses a value that does not match, naming each field, and sends nothing', async () => {
    const before = await highWatermarks();
    const input = {
      key: 'pay-3',
      headers: [],
      partition: null,
      encoding: 'avro' as const,
      value: JSON.stringify({ id: 'pay-3', payload: { amount: 'abc', method: 'BITCOIN', tip: 1 } }),
      version: 'latest' as const,
    };
    const preview = await previewMessage(cluster, topic, input);
    expect(preview).toEqual({
      valid: false,
      readOnly: false,
      errors: [
        { path: 'payload.tip', message: 'unknown field of record Payment' },
        { path: 'payload.amount', message: 'expected double, got "abc"' },
        { path: 'payload.method', message: 'expected one of CARD, CASH (enum Method), got "BITCOIN"' },
      ],
    });
    await expect(produceMessage(cluster, topic, input)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('payload.amount: expected double, got "abc"'),
    });
    await expect(
      produceMessage(cluster, topic, { ...input, value: '{"id": "pay-3",' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('not valid JSON at line 1'),
    });
    expect(await highWatermarks()).toEqual(before);
  });

  it('previews what would be sent without sending it', async () => {
    const before = await highWatermarks();
    const preview = await previewMessage(cluster, topic, {
      key: 'pay-9',
      headers: [{ name: 'a', value: 'b' }],
      partition: null,
      encoding: 'avro',
      value: JSON.stringify(valid),
      version: 'latest',
    });
    expect(preview).toMatchObject({
      valid: true,
      summary: {
        partition: partitionForKey('pay-9', 3),
        partitionChoice: 'by-key',
        schema: { id: idV2 },
        keySize: 5,
      },
    });
    expect((preview as { summary: { valueSize: number } }).summary.valueSize).toBeGreaterThan(5);
    expect(await highWatermarks()).toEqual(before);
  });

  it('says which subject or version does not exist', async () => {
    const base = { key: null, headers: [], partition: null, encoding: 'avro' as const, value: '{}' };
    await expect(
      previewMessage(cluster, topic, { ...base, subject: `${subject}-nope`, version: 'latest' }),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_SUBJECT',
      message: `subject "${subject}-nope" is not in the schema registry`,
    });
    await expect(previewMessage(cluster, topic, { ...base, version: 9 })).rejects.toMatchObject({
      code: 'UNKNOWN_SUBJECT',
      message: `subject "${subject}" has no version 9`,
    });
  });
});

describe('the other encodings, and the guards', () => {
  it('produces JSON compact and text as typed', async () => {
    const json = await produceMessage(cluster, topic, {
      key: null,
      headers: [],
      partition: 1,
      encoding: 'json',
      value: '{ "hello": [1, 2] }',
      version: 'latest',
    });
    const text = await produceMessage(cluster, topic, {
      key: 'k',
      headers: [],
      partition: 1,
      encoding: 'text',
      value: 'plain words',
      version: 'latest',
    });
    expect(json.schema).toBeNull();
    const { records } = await readPartitionRange(cluster, {
      topic,
      partition: 1,
      fromOffset: BigInt(json.offset),
      limit: 2,
    });
    expect(records.map((r) => r.value!.toString())).toEqual(['{"hello":[1,2]}', 'plain words']);
    expect(records[1]!.offset).toBe(BigInt(text.offset));
  });

  it('refuses a read-only cluster before anything else', async () => {
    const before = await highWatermarks();
    await expect(
      produceMessage(readOnlyCluster, topic, {
        key: null,
        headers: [],
        partition: 0,
        encoding: 'text',
        value: 'x',
        version: 'latest',
      }),
    ).rejects.toMatchObject({
      code: 'READ_ONLY',
      message: 'cluster "local-readonly" is read-only: the console does not write to it',
    });
    const preview = await previewMessage(readOnlyCluster, topic, {
      key: null,
      headers: [],
      partition: 0,
      encoding: 'text',
      value: 'x',
      version: 'latest',
    });
    expect(preview).toMatchObject({ valid: true, readOnly: true });
    expect(await highWatermarks()).toEqual(before);
  });

  it('refuses a partition the topic does not have and repeated header names', async () => {
    await expect(
      produceMessage(cluster, topic, {
        key: null,
        headers: [],
        partition: 3,
        encoding: 'text',
        value: 'x',
        version: 'latest',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('has 3 partitions') });
    await expect(
      produceMessage(cluster, topic, {
        key: null,
        headers: [
          { name: 'a', value: '1' },
          { name: 'a', value: '2' },
        ],
        partition: 0,
        encoding: 'text',
        value: 'x',
        version: 'latest',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('"a" is given twice') });
  });

  it('answers UNKNOWN_TOPIC for a topic that does not exist', async () => {
    await expect(
      produceMessage(cluster, uniqueName('nope'), {
        key: null,
        headers: [],
        partition: null,
        encoding: 'text',
        value: 'x',
        version: 'latest',
      }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_TOPIC' });
  });

  it('audits each produce with where it went, never the value', async () => {
    const entries = (await lastAuditEntries()).filter((e) => e.action === 'produce' && e.target === topic);
    expect(entries).toHaveLength(4);
    expect(entries[0]!.details).toEqual({
      partition: partitionForKey('pay-1', 3),
      offset: '0',
      key: 'pay-1',
      headers: ['source'],
      encoding: 'avro',
      valueSize: expect.any(Number),
      schemaId: idV2,
      subject,
      version: 2,
    });
    expect(JSON.stringify(entries)).not.toContain('19.99');
    expect(JSON.stringify(entries)).not.toContain('plain words');
  });
});

// After the audit count above: these sends are audited too.
describe('compression when producing', () => {
  it('compresses the batch with the codec asked for, zstd included', async () => {
    for (const compression of ['gzip', 'snappy', 'lz4', 'zstd'] as const) {
      const produced = await produceMessage(cluster, topic, {
        key: null,
        headers: [],
        partition: 1,
        encoding: 'avro',
        value: JSON.stringify(valid),
        version: 'latest',
        compression,
      });
      const { records } = await readPartitionRange(cluster, {
        topic,
        partition: 1,
        fromOffset: BigInt(produced.offset),
        limit: 1,
      });
      expect(records[0]!.compression).toBe(compression);
    }
  });
});
