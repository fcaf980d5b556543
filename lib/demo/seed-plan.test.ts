import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { partitionForKey } from '@/lib/kafka/murmur2';
import { decodeConfluentFrame } from '@/lib/serde/wire-format';
import { deadLetterCauses, deadLetterHeaders, planDeadLetters } from './dead-letters';
import { expectedOrderState, formatOrderId, generateOrderEvents } from './generate-order-events';
import {
  decodeSensorFrame,
  encodeSensorFrame,
  paymentJsonSchema,
  planCodecBatches,
  planTransfers,
} from './side-topics';
import { planDemoSeed } from './seed-plan';
import { demoTopicSpecs } from './topics';

const plan = planDemoSeed({ seed: 42, events: 5_000 });

/** Offsets of each partition are 0..n-1 in list order. */
function expectContiguous(records: readonly { partition: number; offset: number }[]) {
  const next = new Map<number, number>();
  for (const r of records) {
    expect(r.offset).toBe(next.get(r.partition) ?? 0);
    next.set(r.partition, r.offset + 1);
  }
}

describe('planDemoSeed', () => {
  it('is deterministic', () => {
    const again = planDemoSeed({ seed: 42, events: 5_000 });
    expect(again.orders.map((p) => [p.partition, p.offset, p.event.eventId])).toEqual(
      plan.orders.map((p) => [p.partition, p.offset, p.event.eventId]),
    );
    expect(again.deadLetters).toEqual(plan.deadLetters);
    expect(again.groups).toEqual(plan.groups);
  });

  it('places order events by murmur2 of the key, with contiguous offsets in every topic', () => {
    for (const p of plan.orders) expect(p.partition).toBe(partitionForKey(p.event.orderId, 6));
    for (const records of [
      plan.orders,
      plan.snapshots,
      plan.deadLetters,
      plan.payments,
      plan.users,
      plan.auditLog,
      plan.sensorFrames,
      plan.inventory,
    ]) {
      expectContiguous(records);
    }
    expect(plan.highWatermarks.orders.reduce((a, b) => a + b, 0)).toBe(5_000);
  });

  it('mixes the four codecs over the order sends', () => {
    expect(new Set(plan.orders.map((p) => p.compression))).toEqual(
      new Set(['gzip', 'snappy', 'lz4', 'zstd']),
    );
    const headers = plan.orders[0]!.headers;
    expect(headers['event-type']).toBe(plan.orders[0]!.event.type);
  });

  it('snapshots every 100th event of the long orders with the state the model gives', () => {
    expect(plan.snapshots).toHaveLength(13);
    const events = plan.orders.map((p) => p.event);
    for (const s of plan.snapshots) {
      expect(s.value.version % 100).toBe(0);
      expect(s.value.state).toEqual(expectedOrderState(events, s.value.orderId, s.value.version));
      const covered = plan.orders.find(
        (p) => p.partition === s.value.partition && p.offset === s.value.offset,
      )!;
      expect(covered.event).toMatchObject({ orderId: s.value.orderId, sequence: s.value.version });
      expect(s.partition).toBe(partitionForKey(s.value.orderId, 6));
    }
  });

  it('gives the groups committed offsets within the high watermarks, with the planned lag', () => {
    const byId = Object.fromEntries(plan.groups.map((g) => [g.groupId, g]));
    expect(byId['orders-projection']!.offsets).toEqual(plan.highWatermarks.orders);
    expect(byId['orders-analytics']!.offsets).toEqual(
      plan.highWatermarks.orders.map((n) => Math.floor(n * 0.2)),
    );
    const lag = (id: string) =>
      plan.highWatermarks.orders.reduce((sum, n, p) => sum + n - byId[id]!.offsets[p]!, 0);
    expect(lag('orders-search-indexer')).toBeGreaterThan(0);
    expect(lag('orders-search-indexer')).toBeLessThan(lag('orders-analytics'));
    expect(byId['users-directory']!.protocol).toBe('consumer');
  });

  it('names every topic once, with retention off for the event store', () => {
    const specs = demoTopicSpecs();
    expect(new Set(specs.map((s) => s.name)).size).toBe(specs.length);
    expect(specs.find((s) => s.name === 'orders')!.configs['retention.ms']).toBe('-1');
    expect(specs.find((s) => s.name === 'orders-snapshots')!.configs['cleanup.policy']).toBe('compact');
    expect(demoTopicSpecs('-x').map((s) => s.name)).toContain('orders.DLQ-x');
  });
});

describe('dead letters', () => {
  const letters = plan.deadLetters;
  const at = (partition: number, offset: number) =>
    plan.orders.find((p) => p.partition === partition && p.offset === offset)!;

  it('point at the real partition and offset of the failed event', () => {
    expect(letters.length).toBeGreaterThan(40);
    for (const d of letters) {
      const original = at(d.originalPartition, d.originalOffset);
      expect(original.event).toMatchObject({ eventId: d.eventId, orderId: d.orderId, sequence: d.sequence });
      expect(d.partition).toBe(d.originalPartition);
    }
    expectContiguous(letters);
  });

  it('have 3 to 5 exception classes under both conventions, with messages that differ only by ids', () => {
    const classes = new Set(letters.map((d) => d.cause.causeClass));
    expect(classes.size).toBeGreaterThanOrEqual(3);
    expect(classes.size).toBeLessThanOrEqual(5);
    expect(new Set(letters.map((d) => d.cause.convention))).toEqual(new Set(['spring', 'connect']));
    const fingerprint = (m: string) => m.replace(/order-\d+|SKU-\d+|pay-[0-9a-f]+|\d+/g, '#');
    const fingerprints = new Set(letters.map((d) => `${d.cause.causeClass} ${fingerprint(d.message)}`));
    expect(fingerprints.size).toBeLessThanOrEqual(Object.keys(deadLetterCauses).length);
  });

  it('include keys stuck behind a failure, in order', () => {
    const blocked = letters.filter((d) => d.blockedBy);
    const stuckOrders = new Set(blocked.map((d) => d.orderId));
    expect(stuckOrders.size).toBe(3);
    for (const orderId of stuckOrders) {
      const mine = letters.filter((d) => d.orderId === orderId);
      expect(mine[0]!.cause.id).toBe('version-gap');
      expect(
        mine
          .slice(1)
          .every((d) => d.cause.id === 'key-blocked' && d.blockedBy!.offset === mine[0]!.originalOffset),
      ).toBe(true);
      expect(mine.map((d) => d.sequence)).toEqual(mine.map((_, i) => mine[0]!.sequence + i));
      expect(mine.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('encode Spring numbers as big-endian binary and Connect fields as text', () => {
    const spring = letters.find((d) => d.cause.convention === 'spring')!;
    const h = new Map(deadLetterHeaders(spring, { 'event-type': spring.eventType }));
    expect(h.get('kafka_dlt-original-partition')!.readInt32BE()).toBe(spring.originalPartition);
    expect(h.get('kafka_dlt-original-offset')!.readBigInt64BE()).toBe(BigInt(spring.originalOffset));
    expect(h.get('kafka_dlt-original-timestamp')!.readBigInt64BE()).toBe(BigInt(spring.originalTimestamp));
    expect(h.get('event-type')!.toString()).toBe(spring.eventType);
    const connect = letters.find((d) => d.cause.convention === 'connect')!;
    const c = new Map(deadLetterHeaders(connect, {}, 'orders-x'));
    expect(c.get('__connect.errors.offset')!.toString()).toBe(String(connect.originalOffset));
    expect(c.get('__connect.errors.topic')!.toString()).toBe('orders-x');
    expect(c.get('__connect.errors.stage')!.toString()).toMatch(/VALUE_CONVERTER|TASK_PUT/);
  });

  it('follow the model of the events they come from', () => {
    const placed = planDemoSeed({ seed: 5, events: 800 }).orders;
    expect(planDeadLetters(placed, { seed: 5 })).toEqual(planDeadLetters(placed, { seed: 5 }));
    for (const d of planDeadLetters(placed, { seed: 5 })) {
      if (d.cause.id === 'duplicate-payment') expect(d.eventType).toBe('OrderPaid');
      if (d.cause.id === 'item-not-in-read-model') expect(d.eventType).toBe('ItemRemoved');
    }
    expect(generateOrderEvents({ seed: 5, events: 800 })).toHaveLength(800);
  });
});

describe('side topics', () => {
  it('frames payments with the Confluent header', () => {
    expect(plan.payments.length).toBeGreaterThan(0);
    expect(plan.payments.every((p) => p.value.orderId === p.key)).toBe(true);
  });

  it('makes payments that their JSON Schema accepts, seven-digit order ids included', () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const valid = ajv.compile(paymentJsonSchema);
    for (const p of plan.payments) expect(valid(p.value), JSON.stringify(valid.errors)).toBe(true);
    // The 10,000,000-event bench data has more than 999,999 orders.
    const payment = { ...plan.payments[0]!.value };
    for (const n of [1, 999_999, 1_000_000, 1_234_567, 12_345_678])
      expect(valid({ ...payment, orderId: formatOrderId(n) }), formatOrderId(n)).toBe(true);
    expect(valid({ ...payment, orderId: 'order-12345' })).toBe(false);
    expect(valid({ ...payment, orderId: 'order-1234567x' })).toBe(false);
  });

  it('packs sensor frames in 32 bytes and reads them back', () => {
    for (const r of plan.sensorFrames.slice(0, 50)) {
      const frame = decodeSensorFrame(r.value!);
      expect(encodeSensorFrame(frame)).toEqual(r.value);
      expect(frame.timestamp).toBe(r.timestamp);
    }
    expect(decodeConfluentFrame(plan.sensorFrames[0]!.value).ok).toBe(false);
  });

  it('ends the inventory with two tombstones', () => {
    expect(plan.inventory.filter((r) => r.value === null)).toHaveLength(2);
  });

  it('has one batch per codec and three transactions with known offsets', () => {
    expect(planCodecBatches().map((b) => [b.codec, b.records[0]!.offset])).toEqual([
      ['none', 0],
      ['gzip', 5],
      ['snappy', 10],
      ['lz4', 15],
      ['zstd', 20],
    ]);
    const tx = planTransfers();
    expect(tx.map((t) => [t.outcome, t.records.map((r) => r.offset), t.markerOffset])).toEqual([
      ['commit', [0, 1, 2], 3],
      ['abort', [4, 5], 6],
      ['commit', [7, 8], 9],
    ]);
  });
});
