import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTopicName, planDemoSeed, type DemoSeedPlan, type PlacedOrderEvent } from '@/lib/demo';
import { orderStatesAfterEach } from '@/lib/demo/generate-order-events';
import { closeAdmins } from '@/lib/kafka/admin';
import { listGroups } from '@/lib/kafka/groups';
import { crc32PartitionForKey } from '@/lib/kafka/crc32-partitioner';
import { createProducer, produceBatch } from '@/lib/kafka/producer';
import { closeReaders, readPartitionRange } from '@/lib/kafka/reader';
import { createTopicIfMissing, deleteTopicsIfPresent } from '@/lib/kafka/topics';
import type { ReplayEvent, ReplayQuery, ReplayStep, SnapshotInfo } from '@/lib/schemas/timetravel';
import { locateAggregate, replayAggregate } from '@/lib/timetravel/replay-aggregate';
import { applyStateChanges, type State } from '@/lib/timetravel/state-diff';
import { verifySnapshot } from '@/lib/timetravel/verify-snapshot';
import { localCluster, uniqueName } from './support';

/**
 * Aggregate time travel against the seeded demo: the states the console rebuilds from the
 * `orders` topic, with the demo's declarative rules from console.config.json, must be exactly the
 * generator's own model of each order, after every event.
 */

const cluster = localCluster();
let plan: DemoSeedPlan;
let byOrder: Map<string, PlacedOrderEvent[]>;
let groupsBefore: string[];

interface Replay {
  initialState: State;
  snapshot: SnapshotInfo | null;
  partitions: number[];
  steps: ReplayStep[];
  finalState: State;
  failed: number;
  progress: number;
}

async function replay(query: ReplayQuery): Promise<Replay> {
  const out: Partial<Replay> = { steps: [], progress: 0 };
  for await (const e of replayAggregate('local', query) as AsyncGenerator<ReplayEvent>) {
    if (e.type === 'plan')
      Object.assign(out, { initialState: e.initialState, snapshot: e.snapshot, partitions: e.partitions });
    if (e.type === 'steps') out.steps!.push(...e.steps);
    if (e.type === 'progress') out.progress!++;
    if (e.type === 'done') Object.assign(out, { finalState: e.finalState, failed: e.failed });
  }
  return out as Replay;
}

/** The state after each step, rebuilt from the changes the steps carry (as the browser does). */
function statesOf(r: Replay): State[] {
  const states: State[] = [];
  let state = r.initialState;
  for (const step of r.steps) states.push((state = applyStateChanges(state, step.changes)));
  return states;
}

beforeAll(async () => {
  groupsBefore = (await listGroups(cluster)).map((g) => g.id).sort();
  const { records } = await readPartitionRange(cluster, {
    topic: demoTopicName('manifest'),
    partition: 0,
    fromOffset: 0n,
    limit: 10,
  });
  const manifest = JSON.parse(records.at(-1)!.value!.toString('utf8')) as { seed: number; events: number };
  plan = planDemoSeed({ seed: manifest.seed, events: manifest.events });
  byOrder = new Map();
  for (const p of plan.orders) {
    const list = byOrder.get(p.event.orderId) ?? [];
    list.push(p);
    byOrder.set(p.event.orderId, list);
  }
}, 120_000);

afterAll(async () => {
  await closeReaders();
  await closeAdmins();
});

describe('aggregate time travel on the seeded orders', () => {
  it('computes with murmur2 the partition where every sampled order actually landed', async () => {
    const sample = [...byOrder.keys()]
      .filter((_, i) => i % 97 === 0)
      .concat(plan.heavyOrders.map((h) => h.orderId));
    for (const id of sample) {
      const located = await locateAggregate('local', { stream: 'orders', id });
      expect(located.partitions, id).toEqual([byOrder.get(id)![0]!.partition]);
      expect(located.partitionCount).toBe(6);
    }
  });

  it('rebuilds several orders exactly as the generator model after every event, including the heavy one', async () => {
    const heavy = plan.heavyOrders.map((h) => h.orderId);
    expect(heavy[0]).toBe('order-000023');
    const normal = [...byOrder.keys()]
      .filter((id) => !heavy.includes(id))
      .filter((_, i) => i % 150 === 3)
      .slice(0, 4);
    for (const id of [...heavy, ...normal]) {
      const placed = byOrder.get(id)!;
      const expected = orderStatesAfterEach(placed.map((p) => p.event));
      const r = await replay({ stream: 'orders', id });
      expect(r.partitions).toEqual([placed[0]!.partition]);
      expect(r.failed).toBe(0);
      expect(r.steps.map((s) => Number(s.offset))).toEqual(placed.map((p) => p.offset));
      expect(r.steps.map((s) => s.eventType)).toEqual(placed.map((p) => p.event.type));
      expect(r.finalState).toEqual(expected.at(-1));
      const states = statesOf(r);
      expect(states).toHaveLength(expected.length);
      // Every step for the smaller orders; a spread of steps for the heavy ones.
      const checks =
        placed.length <= 20
          ? placed.map((_, i) => i)
          : [0, 1, 2, 10, 99, 100, 101, Math.floor(placed.length / 2), placed.length - 2, placed.length - 1];
      for (const k of checks) expect(states[k], `${id} after event ${k + 1}`).toEqual(expected[k]);
    }
  }, 180_000);

  it('shows the schema version of each event and resolves old writers to the latest reader', async () => {
    const id = 'order-000023';
    const placed = byOrder.get(id)!;
    const r = await replay({ stream: 'orders', id });
    r.steps.forEach((step, i) => {
      const version = placed[i]!.event.schemaVersion;
      expect(step.schema?.subject).toBe('orders-value');
      expect(step.schema?.version).toBe(version);
      expect(step.upcast.status).toBe(version === 3 ? 'latest' : 'resolved');
    });
    const v1Placed = r.steps.find((s) => s.eventType === 'OrderPlaced')!;
    expect(v1Placed.upcast).toMatchObject({
      status: 'resolved',
      reader: { subject: 'orders-value', version: 3 },
    });
    const raw = v1Placed.value as { payload: { shippingAddress: Record<string, unknown> } };
    const resolved = (v1Placed.upcast as { value: { payload: { shippingAddress: Record<string, unknown> } } })
      .value;
    expect(raw.payload.shippingAddress.zip).toBeDefined();
    expect(resolved.payload.shippingAddress.postalCode).toBe(raw.payload.shippingAddress.zip);
  }, 60_000);

  it('starts from the nearest snapshot at or before a target and reaches the same states as a full replay', async () => {
    const id = 'order-000023';
    const placed = byOrder.get(id)!;
    const expected = orderStatesAfterEach(placed.map((p) => p.event));
    const full = await replay({ stream: 'orders', id });
    for (const seq of [450, 1000]) {
      const target = placed[seq - 1]!.offset;
      const r = await replay({ stream: 'orders', id, fromSnapshot: 'true', target: String(target) });
      const covered = Math.floor(seq / 100) * 100;
      expect(r.snapshot?.version).toBe(covered);
      expect(r.snapshot?.coversOffset).toBe(String(placed[covered - 1]!.offset));
      expect(r.initialState).toEqual(expected[covered - 1]);
      expect(r.steps).toHaveLength(placed.length - covered);
      expect(r.finalState).toEqual(full.finalState);
      const states = statesOf(r);
      const k = seq - covered - 1;
      if (k >= 0) expect(states[k]).toEqual(expected[seq - 1]);
    }
  }, 120_000);

  it('verifies a snapshot by replaying from the first event: no difference', async () => {
    for (const id of plan.heavyOrders.map((h) => h.orderId)) {
      const result = await verifySnapshot('local', { stream: 'orders', id });
      expect(result.differences, id).toEqual([]);
      expect(result.failedSteps).toBe(0);
      expect(result.replayedEvents).toBe(result.snapshot.version);
    }
  }, 120_000);

  // How long a rebuild takes (cold, warm, from a snapshot) is measured by `npm run bench`
  // (timetravel_1k_* and timetravel_10k_*), not here: a test that only logs cannot fail.

  it('finds a librdkafka-partitioned aggregate with CRC32 in its one partition, folds with the default, and goes on after a failing step', async () => {
    const topic = uniqueName('timetravel-crc32');
    await createTopicIfMissing(cluster, { name: topic, partitions: 5 });
    const producer = createProducer(cluster, { clientIdSuffix: 'it-timetravel' });
    try {
      const id = 'account-7';
      const p = crc32PartitionForKey(id, 5);
      const event = (type: string, payload: unknown) => Buffer.from(JSON.stringify({ type, payload }));
      const records = [
        { key: id, value: event('Opened', { owner: 'ada', balance: 0 }) },
        { key: 'account-8', value: event('Opened', { owner: 'bob', balance: 0 }) },
        { key: id, value: event('Deposited', { balance: 50 }) },
        { key: id, value: Buffer.from('not json at all') },
        { key: id, value: event('Renamed', { owner: 'Ada L.' }) },
      ];
      // Written to the partition librdkafka's consistent partitioner picks; the noise goes everywhere.
      await produceBatch(producer, [
        ...records.map((r) => ({
          topic,
          partition: r.key === id ? p : (p + 1) % 5,
          key: Buffer.from(r.key),
          value: r.value,
        })),
        ...[0, 1, 2, 3, 4].map((q) => ({
          topic,
          partition: q,
          key: Buffer.from(`noise-${q}`),
          value: event('Noise', { q }),
        })),
      ]);
      const r = await replay({ topic, id, partitioner: 'crc32' });
      expect(r.partitions).toEqual([p]);
      expect(r.steps.map((s) => s.eventType)).toEqual(['Opened', 'Deposited', null, 'Renamed']);
      expect(r.steps[2]!.error).toMatch(/not an object/);
      expect(r.failed).toBe(1);
      expect(r.finalState).toEqual({ owner: 'Ada L.', balance: 50 });
      const all = await replay({ topic, id, partitioner: 'scan-all' });
      expect(all.partitions).toEqual([0, 1, 2, 3, 4]);
      expect(all.finalState).toEqual(r.finalState);
    } finally {
      await producer.close();
      await deleteTopicsIfPresent(cluster, [topic]);
    }
  }, 60_000);

  it('folds with the operator’s reducer module to the same states as the declarative rules', async () => {
    for (const id of ['order-000023', [...byOrder.keys()][10]!]) {
      const expected = orderStatesAfterEach(byOrder.get(id)!.map((p) => p.event));
      const r = await replay({ stream: 'orders-reducer', id });
      expect(r.failed).toBe(0);
      expect(r.finalState).toEqual(expected.at(-1));
      expect(statesOf(r)[Math.floor(expected.length / 2)]).toEqual(expected[Math.floor(expected.length / 2)]);
    }
  }, 60_000);

  it('stops when the replay is cancelled', async () => {
    const abort = new AbortController();
    const seen: string[] = [];
    for await (const e of replayAggregate('local', { stream: 'orders', id: 'order-000023' }, abort.signal)) {
      seen.push(e.type);
      if (e.type === 'plan') abort.abort();
    }
    expect(seen).toContain('plan');
    expect(seen).not.toContain('done');
    expect(seen).not.toContain('steps');
  });

  it('creates no consumer group', async () => {
    const after = (await listGroups(cluster)).map((g) => g.id).sort();
    expect(after.filter((g) => !groupsBefore.includes(g) && !g.startsWith('it-'))).toEqual([]);
  });
});
