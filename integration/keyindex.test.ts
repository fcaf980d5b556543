import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterConfig } from '@/lib/config/schema';
import { demoTopicName, planDemoSeed, type PlacedOrderEvent } from '@/lib/demo';
import { closeAdmins } from '@/lib/kafka/admin';
import { listGroups } from '@/lib/kafka/groups';
import { createProducer, produceBatch, type KafkaProducer } from '@/lib/kafka/producer';
import { closeReaders, readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import { createTopicIfMissing, deleteTopicsIfPresent } from '@/lib/kafka/topics';
import { KeyIndexer } from '@/lib/keyindex/indexer';
import { readAggregateEventsIndexed } from '@/lib/timetravel/read-indexed-aggregate';
import { findByKey } from '@/lib/keyindex/find-by-key';
import { KeyIndexStore, closeKeyIndexStores, indexFile, keyIndexSettings } from '@/lib/keyindex/store';
import type { AggregateEvent } from '@/lib/timetravel/fold-step';
import { scanAggregateEvents, type ScanItem, type ScanOptions } from '@/lib/timetravel/read-aggregate-events';
import { configuredStreams, streamSpecFor, type StreamSpec } from '@/lib/timetravel/stream-spec';
import { localCluster, uniqueName } from './support';

/**
 * The key index on the real broker: replays through the index equal full scans and the demo
 * generator's model, events appended after the index caught up are found in the tail, the index
 * resumes after a restart from where it stood, and a deleted index is rebuilt equal.
 */

const topic = uniqueName('keyindex');
const dir = mkdtempSync(path.join(tmpdir(), 'keyindex-'));
const base = localCluster();
const cluster: ClusterConfig = {
  ...base,
  streams: [
    ...(base.streams ?? []),
    {
      id: 'it-keyindex',
      topic,
      aggregateIdFrom: 'key',
      eventTypeFrom: { field: 'type' },
      partitioner: 'murmur2',
      index: true,
    },
  ],
  keyIndex: { enabled: true, dir, topics: [], pollMs: 200 },
};
const file = indexFile(keyIndexSettings(cluster), cluster.id);
const spec: StreamSpec = streamSpecFor(cluster, { stream: 'it-keyindex' });
const ordersSpec = configuredStreams(cluster).find((s) => s.id === 'orders')!;
const KEYS = ['acct-1', 'acct-2', 'acct-3', 'acct-4', 'acct-5'];
let producer: KafkaProducer;
let groupsBefore: string[];

async function collect(items: AsyncGenerator<ScanItem> | null): Promise<AggregateEvent[]> {
  expect(items).not.toBeNull();
  const out: AggregateEvent[] = [];
  for await (const item of items!) if (item.type === 'event') out.push(item.event);
  return out;
}

const comparable = (events: AggregateEvent[]) =>
  events.map((e) => ({
    partition: e.partition,
    offset: e.offset.toString(),
    type: e.eventType,
    value: e.value,
  }));

async function both(s: StreamSpec, id: string, options: ScanOptions) {
  const indexed = await collect(readAggregateEventsIndexed(cluster, s, s.topic, id, options));
  const scanned = await collect(scanAggregateEvents(cluster, s, s.topic, id, options));
  return { indexed: comparable(indexed), scanned: comparable(scanned) };
}

async function append(round: number, count: number) {
  const records = [];
  for (let i = 0; i < count; i++) {
    const key = KEYS[i % KEYS.length]!;
    records.push({
      topic,
      key: Buffer.from(key),
      value: Buffer.from(JSON.stringify({ type: i % 3 === 0 ? 'Deposited' : 'Withdrawn', round, i })),
    });
    // Noise between the aggregate's events, so reads must skip records.
    records.push({
      topic,
      key: Buffer.from(`noise-${i % 50}`),
      value: Buffer.from(JSON.stringify({ type: 'Noise', i })),
    });
  }
  await produceBatch(producer, records);
}

async function ends(): Promise<Map<number, bigint>> {
  return new Map((await readWatermarks(cluster, topic)).map((m) => [m.partition, m.high]));
}

beforeAll(async () => {
  groupsBefore = (await listGroups(cluster)).map((g) => g.id).sort();
  await createTopicIfMissing(cluster, { name: topic, partitions: 3 });
  producer = createProducer(cluster, { clientIdSuffix: 'it-keyindex' });
  await append(1, 3000);
});

afterAll(async () => {
  await producer?.close();
  await deleteTopicsIfPresent(cluster, [topic]);
  await closeReaders();
  await closeAdmins();
  rmSync(dir, { recursive: true, force: true });
});

describe('key index', () => {
  it('indexes every record of every partition, then reads each aggregate exactly as a full scan, and the appended tail too', async () => {
    const store = new KeyIndexStore(file);
    try {
      const indexer = new KeyIndexer(cluster, store);
      await indexer.catchUp();
      const progress = store.progress(topic);
      expect(new Map(progress.map((p) => [p.partition, p.nextOffset]))).toEqual(await ends());
      expect(progress.reduce((n, p) => n + p.events, 0)).toBe(6000);
      for (const id of KEYS) {
        const partitions = [0, 1, 2];
        const { indexed, scanned } = await both(spec, id, { partitions });
        expect(indexed.length).toBe(600);
        expect(indexed).toEqual(scanned);
      }
      // Appended after the index caught up: found by the scan of the unindexed tail only.
      await append(2, 500);
      for (const id of KEYS) {
        const { indexed, scanned } = await both(spec, id, { partitions: [0, 1, 2] });
        expect(indexed.length).toBe(700);
        expect(indexed).toEqual(scanned);
      }
      expect(store.lookup(topic, Buffer.from('acct-1'))).toHaveLength(600);
    } finally {
      store.close();
    }
  }, 120_000);

  it('resumes after a restart from where it stood, reading only what came after', async () => {
    const store = new KeyIndexStore(file);
    try {
      const before = store.progress(topic);
      expect(before.reduce((n, p) => n + p.events, 0)).toBe(6000);
      await new KeyIndexer(cluster, store).catchUp();
      const after = store.progress(topic);
      // Only the 1,000 records appended after the first pass were read: nothing twice.
      expect(after.reduce((n, p) => n + p.events, 0)).toBe(7000);
      expect(new Map(after.map((p) => [p.partition, p.nextOffset]))).toEqual(await ends());
      expect(store.lookup(topic, Buffer.from('acct-2'))).toHaveLength(700);
      const lookups = store.lookup(topic, Buffer.from('acct-3'));
      const { indexed } = await both(spec, 'acct-3', { partitions: [0, 1, 2] });
      expect(lookups.map((e) => e.offset.toString())).toEqual(indexed.map((e) => e.offset));
    } finally {
      store.close();
    }
  }, 120_000);

  it('is rebuilt equal after being deleted', async () => {
    const old = new KeyIndexStore(file);
    const previous = KEYS.map((k) => old.lookup(topic, Buffer.from(k)));
    old.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    const store = new KeyIndexStore(file);
    try {
      expect(store.progress(topic)).toEqual([]);
      await new KeyIndexer(cluster, store).catchUp();
      expect(KEYS.map((k) => store.lookup(topic, Buffer.from(k)))).toEqual(previous);
      store.checkpoint();
      // Tens of bytes per event on disk, with the Kafka data it points to several times that.
      expect(store.sizeOnDisk() / 7000).toBeLessThan(120);
    } finally {
      store.close();
    }
  }, 120_000);

  it('finds every message of a key through the index, a page at a time, as a scan finds them', async () => {
    const store = new KeyIndexStore(file);
    try {
      await new KeyIndexer(cluster, store).catchUp();
    } finally {
      store.close();
    }
    try {
      // Pages go by partition, then offset: the order a scan of partitions 0, 1, 2 finds them in.
      const { scanned } = await both(spec, 'acct-4', { partitions: [0, 1, 2] });
      const expected = scanned.map((e) => `${e.partition}:${e.offset}`);
      expect(expected).toHaveLength(700);
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await findByKey(cluster, { topic, key: 'acct-4', after, limit: 50 });
        expect(page.indexed).toBe(true);
        expect(page.total).toBe(700);
        expect(page.messages.length).toBeLessThanOrEqual(50);
        seen.push(...page.messages.map((m) => `${m.partition}:${m.offset}`));
        after = page.nextAfter ?? undefined;
      } while (after);
      expect(seen).toEqual(expected);
    } finally {
      closeKeyIndexStores();
    }
  }, 120_000);

  it('reads the seeded orders through the index exactly as the generator placed them', async () => {
    const { records } = await readPartitionRange(cluster, {
      topic: demoTopicName('manifest'),
      partition: 0,
      fromOffset: 0n,
      limit: 10,
    });
    const manifest = JSON.parse(records.at(-1)!.value!.toString('utf8')) as { seed: number; events: number };
    const plan = planDemoSeed({ seed: manifest.seed, events: manifest.events });
    const byOrder = new Map<string, PlacedOrderEvent[]>();
    for (const p of plan.orders) byOrder.set(p.event.orderId, [...(byOrder.get(p.event.orderId) ?? []), p]);
    const store = new KeyIndexStore(file);
    try {
      await new KeyIndexer(cluster, store).catchUp();
      const heavy = plan.heavyOrders.map((h) => h.orderId);
      const normal = [...byOrder.keys()]
        .filter((id) => !heavy.includes(id))
        .filter((_, i) => i % 150 === 3)
        .slice(0, 4);
      for (const id of [...heavy, ...normal]) {
        const placed = byOrder.get(id)!;
        const partitions = [placed[0]!.partition];
        const { indexed, scanned } = await both(ordersSpec, id, { partitions });
        expect(indexed.map((e) => Number(e.offset))).toEqual(placed.map((p) => p.offset));
        expect(indexed.map((e) => e.type)).toEqual(placed.map((p) => p.event.type));
        expect(indexed).toEqual(scanned);
      }
    } finally {
      store.close();
    }
  }, 180_000);

  it('left no consumer group behind', async () => {
    const after = (await listGroups(cluster)).map((g) => g.id).sort();
    // Only a new group would be the index's doing. Groups of other test files (it-…) may still
    // vanish meanwhile: one whose member had not yet left when its file deleted it expires later.
    expect(after.filter((g) => !groupsBefore.includes(g) && !g.startsWith('it-'))).toEqual([]);
  });
});
