import type { ClusterConfig } from '@/lib/config/schema';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTopicName, planDemoSeed, type DemoSeedPlan } from '@/lib/demo';
import { dryRunRedrive } from '@/lib/dlq/dry-run-redrive';
import { editAndRedrive } from '@/lib/dlq/redrive/edit-and-redrive';
import { findBlockedKeys } from '@/lib/dlq/find-blocked-keys';
import { listDeadLetterMessages } from '@/lib/dlq/list-dead-letter-messages';
import { listDeadLetterTopics } from '@/lib/dlq/list-dead-letter-topics';
import { readDeadLetterTopic } from '@/lib/dlq/read-dead-letter-topic';
import { triageDeadLetters } from '@/lib/dlq/triage-dead-letters';
import { closeAdmins } from '@/lib/kafka/admin';
import { closeProducer, createProducer, produceBatch } from '@/lib/kafka/producer';
import { closeReaders, readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import { createMessageDecoder } from '@/lib/serde/decode-message';
import { createTopicIfMissing, deleteTopicsIfPresent } from '@/lib/kafka/topics';
import { RegistryClient } from '@/lib/registry/client';
import { localCluster, uniqueName } from './support';

/**
 * Dead letters on the real stack: the seeded `orders.DLQ` (Spring and Connect headers) against
 * the demo generator's plan, this file's own topic with the other conventions (and a configured
 * mapping), and dry runs against real subjects. Nothing here writes to the demo topics.
 */
const cluster = localCluster();
const dlq = demoTopicName('deadLetters');
const orders = demoTopicName('orders');
const own = `${uniqueName('dlq')}-dlq`;
const unnamed = uniqueName('dlq-failures');
const strictTopic = uniqueName('dlq-strict');
const editTopic = uniqueName('dlq-edit');
const editSubject = `${editTopic}-value`;
const ledgerTopic = uniqueName('dlq-ledger');
const jobsTopic = uniqueName('dlq-jobs');
const strictSubject = `${strictTopic}-value`;
const registry = new RegistryClient(cluster.registry!);
const previousConfig = process.env.CONSOLE_CONFIG;
let plan: DemoSeedPlan;
const mapping = {
  topic: 'x-failed-topic',
  partition: 'x-failed-partition',
  offset: 'x-failed-offset',
  message: 'x-failure',
};
/** The local cluster as the console is configured for these tests: with the dead-letter settings. */
const dlqCluster: ClusterConfig = {
  ...cluster,
  deadLetters: { headerMapping: mapping, ledgerTopic, jobsTopic },
};

const text = (v: string) => Buffer.from(v, 'utf8');
function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}
function int64(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
}

beforeAll(async () => {
  const { records } = await readPartitionRange(cluster, {
    topic: demoTopicName('manifest'),
    partition: 0,
    fromOffset: 0n,
    limit: 10,
  });
  const manifest = JSON.parse(records.at(-1)!.value!.toString('utf8')) as { seed: number; events: number };
  plan = planDemoSeed({ seed: manifest.seed, events: manifest.events });

  const dir = mkdtempSync(path.join(tmpdir(), 'dlq-it-'));
  const file = path.join(dir, 'console.json');
  writeFileSync(
    file,
    JSON.stringify({
      clusters: [dlqCluster],
    }),
  );
  // A destination with the orders schema, for resending an edited order event.
  await createTopicIfMissing(cluster, { name: editTopic, partitions: 6 });
  const orderSchema = await registry.getSubjectVersion(`${orders}-value`, 'latest');
  await registry.register(editSubject, orderSchema.schema, 'AVRO', orderSchema.references);
  process.env.CONSOLE_CONFIG = file;

  await createTopicIfMissing(cluster, { name: own, partitions: 1 });
  await createTopicIfMissing(cluster, { name: unnamed, partitions: 1 });
  await createTopicIfMissing(cluster, { name: strictTopic, partitions: 1 });
  // A destination whose current schema no demo order event satisfies: a required field they lack.
  await registry.register(
    strictSubject,
    JSON.stringify({
      type: 'record',
      name: 'Strict',
      namespace: 'it.dlq',
      fields: [{ name: 'mustHave', type: 'string' }],
    }),
  );

  const producer = createProducer(cluster, { clientIdSuffix: 'it-dlq' });
  try {
    const at = 1_750_000_000_000;
    await produceBatch(producer, [
      {
        topic: own,
        partition: 0,
        key: text('acct-1'),
        value: text('{"amount":1}'),
        timestamp: at,
        headers: {
          '__streams.errors.exception': 'org.apache.kafka.streams.errors.StreamsException',
          '__streams.errors.message':
            'Exception caught in process. taskId=0_1, processor=KSTREAM-SOURCE-0000000000',
          '__streams.errors.stacktrace':
            'org.apache.kafka.streams.errors.StreamsException: x\n\tat a.B.c(B.java:1)\nCaused by: java.lang.ArithmeticException: / by zero\n\tat d.E.f(E.java:2)',
          '__streams.errors.topic': 'payments',
          '__streams.errors.partition': '2',
          '__streams.errors.offset': '9876543210',
        },
      },
      {
        topic: own,
        partition: 0,
        key: text('acct-2'),
        value: text('{"amount":2}'),
        timestamp: at + 1,
        headers: {
          'dead-letter-reason': 'Invalid amount for account acct-2',
          'dead-letter-exception-class-name': 'java.lang.IllegalArgumentException',
          'dead-letter-topic': 'payments',
          'dead-letter-partition': '1',
          'dead-letter-offset': '12',
        },
      },
      {
        topic: own,
        partition: 0,
        key: text('acct-3'),
        value: text('{"amount":3}'),
        timestamp: at + 2,
        headers: {
          original_topic: 'payments',
          original_partition: '0',
          original_offset: '77',
          original_consumer_group: 'karafka-billing',
        },
      },
      {
        topic: own,
        partition: 0,
        key: text('acct-4'),
        value: text('{"amount":4}'),
        timestamp: at + 3,
        // Spring's binary numbers, from a hand-made record rather than the demo's writer.
        headers: {
          'kafka_dlt-original-topic': 'payments',
          'kafka_dlt-original-partition': int32(5),
          'kafka_dlt-original-offset': int64(4_294_967_301n),
          'kafka_dlt-original-timestamp': int64(1_749_999_999_999n),
          'kafka_dlt-original-consumer-group': 'billing',
          'kafka_dlt-exception-fqcn': 'org.springframework.kafka.listener.ListenerExecutionFailedException',
          'kafka_dlt-exception-cause-fqcn': 'java.lang.IllegalStateException',
          'kafka_dlt-exception-message':
            'Listener failed; nested exception is java.lang.IllegalStateException: account acct-4 is closed',
        },
      },
      {
        topic: own,
        partition: 0,
        key: text('acct-5'),
        value: text('{"amount":5}'),
        timestamp: at + 4,
        headers: {
          'x-failed-topic': 'payments',
          'x-failed-partition': int32(3),
          'x-failed-offset': '15',
          'x-failure': 'limit exceeded for acct-5',
        },
      },
      {
        topic: unnamed,
        partition: 0,
        key: text('k'),
        value: text('v'),
        headers: {
          'kafka_dlt-original-topic': 'payments',
          'kafka_dlt-exception-fqcn': 'java.lang.RuntimeException',
        },
      },
    ]);
  } finally {
    await closeProducer(producer);
  }
}, 180_000);

afterAll(async () => {
  await registry.deleteSubject(strictSubject, true).catch(() => undefined);
  await registry.deleteSubject(editSubject, true).catch(() => undefined);
  await deleteTopicsIfPresent(cluster, [own, unnamed, strictTopic, editTopic, ledgerTopic, jobsTopic]);
  await closeReaders();
  await closeAdmins();
  if (previousConfig === undefined) delete process.env.CONSOLE_CONFIG;
  else process.env.CONSOLE_CONFIG = previousConfig;
});

describe('the seeded orders.DLQ against the generator', () => {
  it('reads every dead letter with its origin, Spring binary numbers included', async () => {
    const { letters, truncated } = await readDeadLetterTopic(cluster, dlq);
    expect(truncated).toBe(false);
    expect(letters.length).toBe(plan.deadLetters.length);
    const byCoordinate = new Map(letters.map((l) => [`${l.partition}@${l.offset}`, l]));
    for (const truth of plan.deadLetters) {
      const got = byCoordinate.get(`${truth.partition}@${truth.offset}`)!;
      expect(got, `${truth.partition}@${truth.offset}`).toBeDefined();
      expect(got.key).toBe(truth.orderId);
      expect(got.info.convention).toBe(truth.cause.convention);
      expect(got.info.origin).toMatchObject({
        topic: orders,
        partition: truth.originalPartition,
        offset: String(truth.originalOffset),
      });
      if (truth.cause.convention === 'spring')
        expect(got.info.origin.timestamp).toBe(truth.originalTimestamp);
      expect(got.info.error.exceptionClass).toBe(truth.cause.exceptionClass);
      expect(got.info.error.message).toBe(truth.message);
    }
  });

  it('triage: totals, arrivals and cause groups that never mix two demo causes', async () => {
    const triage = await triageDeadLetters(dlqCluster, dlq);
    expect(triage.total).toBe(plan.deadLetters.length);
    expect(triage.withHeaders).toBe(plan.deadLetters.length);
    const { letters } = await readDeadLetterTopic(cluster, dlq);
    // Record timestamps as the broker returns them: the client's producer writes a timestamp delta
    // beyond ±2^31 ms with the wrong sign, so the seeded letters whose times lie weeks apart in one
    // batch differ from the plan's.
    expect(triage.oldest).toBe(Math.min(...letters.map((l) => l.timestamp)));
    expect(triage.newest).toBe(Math.max(...letters.map((l) => l.timestamp)));
    expect(triage.arrivals.points.reduce((s, p) => s + p.count, 0)).toBe(plan.deadLetters.length);
    expect(triage.causes.reduce((s, c) => s + c.count, 0)).toBe(plan.deadLetters.length);
    expect(triage.origins).toEqual([
      {
        topic: orders,
        count: plan.deadLetters.length,
        consumerGroups: expect.arrayContaining(['orders-projection']),
      },
    ]);
    expect(triage.keyCount).toBe(new Set(plan.deadLetters.map((d) => d.orderId)).size);

    const truthAt = new Map(plan.deadLetters.map((d) => [`${d.partition}@${d.offset}`, d.cause.id]));
    const causesOf = new Map<string, Set<string>>();
    for (const l of letters) {
      const set = causesOf.get(l.info.fingerprint) ?? new Set<string>();
      set.add(truthAt.get(`${l.partition}@${l.offset}`)!);
      causesOf.set(l.info.fingerprint, set);
    }
    for (const [fingerprint, set] of causesOf) expect(set.size, fingerprint).toBe(1);
    // Causes whose messages differ only in ids and numbers are one group each.
    for (const id of [
      'key-blocked',
      'duplicate-payment',
      'es-version-conflict',
      'converter-unknown-schema',
      'avro-missing-field',
      'item-not-in-read-model',
    ]) {
      if (!plan.deadLetters.some((d) => d.cause.id === id)) continue;
      expect([...causesOf.values()].filter((s) => s.has(id)).length, id).toBe(1);
    }
  });

  it('a cause group opens its messages, decoded', async () => {
    const triage = await triageDeadLetters(dlqCluster, dlq);
    const group = triage.causes[0]!;
    const page = await listDeadLetterMessages(dlqCluster, dlq, { cause: group.fingerprint }, 5);
    expect(page.matched).toBe(group.count);
    expect(page.messages.length).toBe(Math.min(5, group.count));
    for (const m of page.messages) {
      expect(m.info.fingerprint).toBe(group.fingerprint);
      expect(m.value.format).toBe('avro');
    }
  });

  it("selects by the message browser's filter language on the decoded value, and refuses a bad expression in words", async () => {
    const paid = plan.deadLetters.filter((d) => d.eventType === 'OrderPaid');
    expect(paid.length).toBeGreaterThan(0);
    const page = await listDeadLetterMessages(dlqCluster, dlq, { expr: 'value.type == "OrderPaid"' }, 500);
    expect(page.matched).toBe(paid.length);
    expect(new Set(page.messages.map((m) => `${m.partition}@${m.offset}`))).toEqual(
      new Set(paid.map((d) => `${d.partition}@${d.offset}`)),
    );
    const run = await dryRunRedrive(dlqCluster, dlq, { selection: { expr: 'value.type == "OrderPaid"' } });
    expect(run.selected).toBe(paid.length);
    await expect(listDeadLetterMessages(dlqCluster, dlq, { expr: 'value.type ==' }, 5)).rejects.toMatchObject(
      {
        code: 'BAD_REQUEST',
      },
    );
  });

  it('blocked keys: later events of each dead-lettered key, and which of them are dead letters, as the generator placed them', async () => {
    const result = await findBlockedKeys(dlqCluster, dlq);
    const deadAt = new Set(plan.deadLetters.map((d) => `${d.originalPartition}@${d.originalOffset}`));
    const expected = new Map<string, { later: number; laterDeadLettered: number; failedOffset: number }>();
    for (const d of plan.deadLetters) {
      const prev = expected.get(d.orderId);
      if (!prev || d.originalOffset < prev.failedOffset)
        expected.set(d.orderId, { later: 0, laterDeadLettered: 0, failedOffset: d.originalOffset });
    }
    for (const p of plan.orders) {
      const e = expected.get(p.event.orderId);
      if (!e || p.offset <= e.failedOffset) continue;
      e.later++;
      if (deadAt.has(`${p.partition}@${p.offset}`)) e.laterDeadLettered++;
    }
    const withLater = [...expected].filter(([, e]) => e.later > 0);
    expect(result.checkedKeys).toBe(expected.size);
    expect(result.keys.length).toBe(withLater.length);
    for (const k of result.keys) {
      const e = expected.get(k.key)!;
      expect(k, k.key).toMatchObject({
        originTopic: orders,
        failedOffset: String(e.failedOffset),
        later: e.later,
        laterDeadLettered: e.laterDeadLettered,
      });
    }
    // Every stuck key of the scenario shows its parked events as dead-lettered later events.
    const stuck = new Set(plan.deadLetters.filter((d) => d.cause.id === 'key-blocked').map((d) => d.orderId));
    expect(stuck.size).toBeGreaterThan(0);
    for (const key of stuck)
      expect(result.keys.find((k) => k.key === key)!.laterDeadLettered).toBeGreaterThanOrEqual(2);
  });

  it('dry run against the origin: every selected event is read by the current orders schema; nothing is written', async () => {
    const triage = await triageDeadLetters(dlqCluster, dlq);
    const group = triage.causes.find((c) => c.conventions.includes('spring'))!;
    const run = await dryRunRedrive(dlqCluster, dlq, { selection: { cause: group.fingerprint } });
    expect(run.selected).toBe(group.count);
    expect(run.failed).toBe(0);
    expect(run.destinations).toEqual([{ topic: orders, count: group.count, failed: 0 }]);
    for (const item of run.items) {
      expect(item.schema).toMatchObject({ readerSubject: `${orders}-value` });
      expect(item.headersDropped.every((h) => h.startsWith('kafka_dlt-'))).toBe(true);
      expect(item.headersKept).toBeGreaterThan(0);
    }
    const after = await triageDeadLetters(dlqCluster, dlq);
    expect(after.total).toBe(triage.total);
  });

  it('dry run to a destination whose schema cannot read the events fails each, and to a missing topic says so', async () => {
    const one = plan.deadLetters[0]!;
    const letters = [{ partition: one.partition, offset: String(one.offset) }];
    const strict = await dryRunRedrive(dlqCluster, dlq, { selection: { letters }, destination: strictTopic });
    expect(strict).toMatchObject({ selected: 1, ok: 0, failed: 1 });
    expect(strict.items[0]!.reason).toMatch(new RegExp(`${strictSubject} version 1 cannot read it`));
    const missing = await dryRunRedrive(dlqCluster, dlq, {
      selection: { letters },
      destination: `${strictTopic}-absent`,
    });
    expect(missing.items[0]!.reason).toMatch(/does not exist/);
    const plain = await dryRunRedrive(dlqCluster, dlq, { selection: { letters }, destination: own });
    expect(plain).toMatchObject({ ok: 1, failed: 0 });
  });
});

describe('edit before resend', () => {
  it("resends one dead letter with an edited value encoded to the destination's schema, with its reason, once", async () => {
    const one = plan.deadLetters.find((d) => d.cause.convention === 'spring')!;
    const [letter] = (
      await listDeadLetterMessages(
        dlqCluster,
        dlq,
        { letters: [{ partition: one.partition, offset: String(one.offset) }] },
        1,
      )
    ).messages;
    expect(letter!.value.format).toBe('avro');
    const edited = structuredClone(letter!.value.value) as Record<string, unknown>;
    edited.correlationId = 'edited-by-integration-test';
    const body = {
      partition: one.partition,
      offset: String(one.offset),
      value: JSON.stringify(edited),
      reason: 'the correlation id was wrong',
      destination: editTopic,
      confirm: true as const,
    };

    const sent = await editAndRedrive(dlqCluster, dlq, body);
    expect(sent).toMatchObject({ destination: editTopic, schema: { subject: editSubject } });
    const { records } = await readPartitionRange(cluster, {
      topic: editTopic,
      partition: sent.partition,
      fromOffset: BigInt(sent.offset),
      limit: 1,
    });
    const decoded = await createMessageDecoder(cluster).decode(editTopic, records[0]!);
    expect(decoded.value).toMatchObject({
      format: 'avro',
      value: { correlationId: 'edited-by-integration-test', orderId: one.orderId },
    });
    const header = (k: string) => records[0]!.headers.find((h) => h.key === k)?.value?.toString();
    expect(header('x-redrive-edit-reason')).toBe('the correlation id was wrong');
    expect(header('x-redrive-source-offset')).toBe(String(one.offset));

    // Once: a second resend is refused (and says when), unless forced; an invalid edit sends nothing.
    await expect(editAndRedrive(dlqCluster, dlq, body)).rejects.toMatchObject({ code: 'CONFLICT' });
    const invalid = { ...body, force: true, value: JSON.stringify({ ...edited, orderId: 42 }) };
    await expect(editAndRedrive(dlqCluster, dlq, invalid)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/orderId/),
    });
    // Records, not offsets: each transaction's commit marker takes an offset too.
    let held = 0;
    for (const m of await readWatermarks(cluster, editTopic))
      held += (
        await readPartitionRange(cluster, {
          topic: editTopic,
          partition: m.partition,
          fromOffset: m.low,
          limit: 100,
        })
      ).records.length;
    expect(held).toBe(1);
  });
});

describe('the other conventions, on a topic of this test', () => {
  it('reads Streams, SmallRye, Karafka, Spring (binary) and the configured mapping', async () => {
    const { letters } = await readDeadLetterTopic(
      {
        ...cluster,
        deadLetters: {
          headerMapping: mapping,
          ledgerTopic: '_console-redrive-ledger',
          jobsTopic: '_console-redrive-jobs',
        },
      },
      own,
    );
    const byKey = new Map(letters.map((l) => [l.key, l.info]));
    expect(byKey.get('acct-1')).toMatchObject({
      convention: 'streams',
      origin: { topic: 'payments', partition: 2, offset: '9876543210' },
      rootCause: { className: 'java.lang.ArithmeticException', message: '/ by zero' },
    });
    expect(byKey.get('acct-2')).toMatchObject({
      convention: 'smallrye',
      origin: { topic: 'payments', partition: 1, offset: '12' },
      fingerprint: 'java.lang.IllegalArgumentException: Invalid amount for account <id>',
    });
    expect(byKey.get('acct-3')).toMatchObject({
      convention: 'karafka',
      origin: { topic: 'payments', partition: 0, offset: '77', consumerGroup: 'karafka-billing' },
    });
    expect(byKey.get('acct-4')).toMatchObject({
      convention: 'spring',
      origin: {
        topic: 'payments',
        partition: 5,
        offset: '4294967301',
        timestamp: 1_749_999_999_999,
        consumerGroup: 'billing',
      },
      rootCause: { className: 'java.lang.IllegalStateException', message: 'account acct-4 is closed' },
    });
    expect(byKey.get('acct-5')).toMatchObject({
      convention: 'configured',
      origin: { topic: 'payments', partition: 3, offset: '15' },
      fingerprint: 'unknown: limit exceeded for <id>',
    });
  });

  it('lists dead-letter topics by name and by headers', async () => {
    const { topics } = await listDeadLetterTopics(dlqCluster);
    expect(topics.find((t) => t.name === dlq)).toMatchObject({
      detectedBy: 'name',
      messageCount: plan.deadLetters.length,
    });
    expect(topics.find((t) => t.name === own)).toMatchObject({ detectedBy: 'name' });
    expect(topics.find((t) => t.name === unnamed)).toMatchObject({ detectedBy: 'headers' });
    expect(topics.find((t) => t.name === orders)).toBeUndefined();
  });
});
