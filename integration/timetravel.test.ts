import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTopicName, planDemoSeed, type DemoSeedPlan, type PlacedOrderEvent } from '@/lib/demo';
import { orderStatesAfterEach } from '@/lib/demo/generate-order-events';
import { closeAdmins } from '@/lib/kafka/admin';
import { listGroups } from '@/lib/kafka/groups';
import { crc32PartitionForKey } from '@/lib/kafka/crc32-partitioner';
import { createProducer, produceBatch } from '@/lib/kafka/producer';
import { closeReaders, readPartitionRange } from '@/lib/kafka/reader';
import { createTopicIfMissing, deleteTopicsIfPresent } from '@/lib/kafka/topics';
import type {
  ReplayEvent,
  ReplayPage,
  ReplayQuery,
  ReplayStep,
  ReplayTimeline,
  SnapshotInfo,
} from '@/lib/schemas/timetravel';
import { locateAggregate, replayAggregate, replaySteps } from '@/lib/timetravel/replay-aggregate';
import { REPLAY_CACHE_BYTES, replayCache } from '@/lib/timetravel/replay-cache';
import { expandTimeline } from '@/lib/timetravel/timeline';
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
  timeline: ReplayTimeline;
  firstPage: ReplayPage;
  ends: string;
  cached: boolean;
}

/** A replay as the browser sees it: the stream (timeline, first page, end), then every step a page at a time. */
async function replay(query: ReplayQuery, pageSize = 1000): Promise<Replay> {
  const out: Partial<Replay> = { steps: [], progress: 0 };
  for await (const e of replayAggregate(cluster, query) as AsyncGenerator<ReplayEvent>) {
    if (e.type === 'plan')
      Object.assign(out, { initialState: e.initialState, snapshot: e.snapshot, partitions: e.partitions });
    if (e.type === 'timeline') out.timeline = e.timeline;
    if (e.type === 'page') out.firstPage = e.page;
    if (e.type === 'progress') out.progress!++;
    if (e.type === 'done')
      Object.assign(out, { finalState: e.finalState, failed: e.failed, ends: e.ends, cached: e.cached });
    if (e.type === 'error') throw new Error(e.error.message);
  }
  const count = out.timeline!.offset.length;
  const { at: _at, ...rest } = query;
  for (let from = 0; from < count; from += pageSize) {
    const page = await replaySteps(cluster, {
      ...rest,
      snapshot: out.snapshot?.snapshotOffset,
      ends: out.ends!,
      from,
      count: pageSize,
    });
    expect(page.from).toBe(from);
    out.steps!.push(...page.steps);
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
      const located = await locateAggregate(cluster, { stream: 'orders', id });
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
      // A page names the snapshot its replay started from, and starts from it whatever the target.
      if (r.steps.length < 30) continue;
      const page = await replaySteps(cluster, {
        stream: 'orders',
        id,
        fromSnapshot: 'true',
        snapshot: r.snapshot!.snapshotOffset,
        ends: r.ends,
        from: 10,
        count: 20,
      });
      expect(page.steps).toEqual(r.steps.slice(10, 30));
      expect(page.before).toEqual(expected[covered + 9]);
    }
  }, 120_000);

  it('verifies a snapshot by replaying from the first event: no difference', async () => {
    for (const id of plan.heavyOrders.map((h) => h.orderId)) {
      const result = await verifySnapshot(cluster, { stream: 'orders', id });
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
    for await (const e of replayAggregate(cluster, { stream: 'orders', id: 'order-000023' }, abort.signal)) {
      seen.push(e.type);
      if (e.type === 'plan') abort.abort();
    }
    expect(seen).toContain('plan');
    expect(seen).not.toContain('done');
    expect(seen).not.toContain('timeline');
    expect(seen).not.toContain('page');
  });

  describe('only what is looked at travels', () => {
    const id = 'order-000023';

    it('the timeline lists every event, and any page of steps equals the same steps of the whole replay', async () => {
      const placed = byOrder.get(id)!;
      const expected = orderStatesAfterEach(placed.map((p) => p.event));
      const whole = await replay({ stream: 'orders', id });
      const rows = expandTimeline(whole.timeline);
      expect(rows.map((r) => Number(r.offset))).toEqual(placed.map((p) => p.offset));
      expect(rows.map((r) => r.eventType)).toEqual(placed.map((p) => p.event.type));
      expect(rows.map((r) => r.schemaVersion)).toEqual(placed.map((p) => p.event.schemaVersion));
      expect(rows.filter((r) => r.failed)).toHaveLength(whole.failed);
      const states = statesOf(whole);
      // Pages of other sizes and at other starts, as the browser asks for them as the user moves.
      for (const [from, count] of [
        [0, 1],
        [31, 2],
        [32, 50],
        [450, 50],
        [placed.length - 7, 50],
      ] as const) {
        const page = await replaySteps(cluster, { stream: 'orders', id, ends: whole.ends, from, count });
        expect(page.from).toBe(from);
        expect(page.steps).toEqual(whole.steps.slice(from, from + count));
        expect(page.before).toEqual(from === 0 ? whole.initialState : states[from - 1]);
        expect(page.before).toEqual(from === 0 ? {} : expected[from - 1]);
      }
    }, 60_000);

    it('the first answer carries the page of the position asked for, and the same replay again is served from the cache', async () => {
      const first = await replay({ stream: 'orders', id });
      const placed = byOrder.get(id)!;
      const at = placed[123]!.offset;
      const again = await replay({ stream: 'orders', id, at: String(at) });
      expect(again.cached).toBe(true);
      expect(again.ends).toBe(first.ends);
      expect(again.timeline).toEqual(first.timeline);
      expect(again.firstPage.from).toBe(100);
      expect(again.firstPage.steps).toEqual(first.steps.slice(100, 150));
      const start = await replay({ stream: 'orders', id, at: 'start' });
      expect(start.firstPage.from).toBe(0);
      expect(start.firstPage.before).toEqual({});
    }, 60_000);

    it('a page of a replay the cache has let go is replayed again up to the same end offsets', async () => {
      const whole = await replay({ stream: 'orders', id });
      for (const key of replayCache().keys()) replayCache().delete(key);
      const page = await replaySteps(cluster, {
        stream: 'orders',
        id,
        ends: whole.ends,
        from: 700,
        count: 50,
      });
      expect(page.steps).toEqual(whole.steps.slice(700, 750));
      // Ends before the last events: the replay is the history up to there, whatever came after.
      const [partition, end] = whole.ends.split(':');
      const cut = BigInt(whole.steps[499]!.offset) + 1n;
      expect(BigInt(end!)).toBeGreaterThan(cut);
      const early = await replaySteps(cluster, {
        stream: 'orders',
        id,
        ends: `${partition}:${cut}`,
        from: 450,
        count: 100,
      });
      expect(early.steps).toEqual(whole.steps.slice(450, 500));
    }, 60_000);

    it('events appended since a replay are read alone and folded on from its last state, equal to a whole replay', async () => {
      const topic = uniqueName('timetravel-append');
      await createTopicIfMissing(cluster, { name: topic, partitions: 1 });
      const producer = createProducer(cluster, { clientIdSuffix: 'it-timetravel' });
      const event = (type: string, payload: unknown) => Buffer.from(JSON.stringify({ type, payload }));
      const write = (values: Buffer[]) =>
        produceBatch(
          producer,
          values.map((value) => ({ topic, partition: 0, key: Buffer.from('acct'), value })),
        );
      try {
        await write(Array.from({ length: 70 }, (_, i) => event('Deposited', { balance: i })));
        const first = await replay({ topic, id: 'acct' });
        expect(first.steps).toHaveLength(70);
        await write([
          event('Renamed', { owner: 'Ada' }),
          Buffer.from('not json'),
          event('Deposited', { balance: 99 }),
        ]);
        const phases: string[] = [];
        for await (const e of replayAggregate(cluster, { topic, id: 'acct' }))
          if (e.type === 'phase') phases.push(e.message);
        expect(phases.some((m) => m.startsWith('reading what was appended to partition 0'))).toBe(true);
        const extended = await replay({ topic, id: 'acct' }, 50);
        for (const key of replayCache().keys()) replayCache().delete(key);
        const whole = await replay({ topic, id: 'acct' }, 50);
        expect(whole.cached).toBe(false);
        expect(extended.ends).toBe(whole.ends);
        expect(extended.timeline).toEqual(whole.timeline);
        expect(extended.steps).toEqual(whole.steps);
        expect(extended.finalState).toEqual({ balance: 99, owner: 'Ada' });
        expect(extended.failed).toBe(1);
      } finally {
        await producer.close();
        await deleteTopicsIfPresent(cluster, [topic]);
      }
    }, 60_000);

    it('the cache of replays stays within its bound, and keeps a replay in a small part of it', async () => {
      await replay({ stream: 'orders', id });
      const cache = replayCache();
      expect(cache.maxBytes).toBe(REPLAY_CACHE_BYTES);
      expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
      expect(cache.size).toBeGreaterThan(0);
      // 1,000 events: the records, the timeline and a state every 32 steps, well under 1 MB.
      expect(cache.bytes / cache.size).toBeLessThan(1024 * 1024);
    }, 60_000);
  });

  it('creates no consumer group', async () => {
    const after = (await listGroups(cluster)).map((g) => g.id).sort();
    expect(after.filter((g) => !groupsBefore.includes(g) && !g.startsWith('it-'))).toEqual([]);
  });
});
