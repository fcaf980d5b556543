import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAdmins } from '@/lib/kafka/admin';
import { listGroups } from '@/lib/kafka/groups';
import { closeReaders, readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import { decodeConfluentFrame } from '@/lib/serde/wire-format';
import { decodeOrderEvent, demoTopicName, planDemoSeed, type DemoSeedPlan } from '@/lib/demo';
import { localCluster } from './support';

const cluster = localCluster();
let plan: DemoSeedPlan;
let manifest: { seed: number; events: number; schemaIds: Record<string, Record<string, number>> };

beforeAll(async () => {
  // The manifest says which seed and size the cluster holds; the plan for it is the truth.
  const { records } = await readPartitionRange(cluster, {
    topic: demoTopicName('manifest'),
    partition: 0,
    fromOffset: 0n,
    limit: 10,
  });
  expect(records.length).toBeGreaterThan(0);
  manifest = JSON.parse(records.at(-1)!.value!.toString('utf8'));
  plan = planDemoSeed({ seed: manifest.seed, events: manifest.events });
}, 120_000);

afterAll(async () => {
  await closeReaders();
  await closeAdmins();
});

describe('the seeded demo data, read back with the console reader', () => {
  it('reads one batch of each codec, zstd included, with the planned content', async () => {
    const { records } = await readPartitionRange(cluster, {
      topic: demoTopicName('codecs'),
      partition: 0,
      fromOffset: 0n,
      limit: 100,
    });
    const expected = plan.codecs.flatMap((b) =>
      b.records.map((r) => ({ codec: b.codec, key: r.key!.toString(), value: r.value!.toString() })),
    );
    expect(
      records.map((r) => ({ codec: r.compression, key: r.key!.toString(), value: r.value!.toString() })),
    ).toEqual(expected);
    expect(new Set(records.map((r) => r.compression))).toEqual(
      new Set(['none', 'gzip', 'snappy', 'lz4', 'zstd']),
    );
  });

  it('hides the aborted transaction of transfers under read_committed', async () => {
    const committed = await readPartitionRange(cluster, {
      topic: demoTopicName('transfers'),
      partition: 0,
      fromOffset: 0n,
      limit: 100,
    });
    const expected = plan.transfers
      .filter((t) => t.outcome === 'commit')
      .flatMap((t) => t.records.map((r) => r.offset));
    expect(committed.records.map((r) => Number(r.offset))).toEqual(expected);
    const all = await readPartitionRange(cluster, {
      topic: demoTopicName('transfers'),
      partition: 0,
      fromOffset: 0n,
      limit: 100,
      isolation: 'read_uncommitted',
    });
    expect(all.records.map((r) => Number(r.offset))).toEqual(
      plan.transfers.flatMap((t) => t.records.map((r) => r.offset)),
    );
  });

  it('has the planned high watermarks on every orders partition', async () => {
    const marks = await readWatermarks(cluster, demoTopicName('orders'));
    expect(marks.map((m) => Number(m.high))).toEqual(plan.highWatermarks.orders);
  });

  it('holds each order event at its planned partition and offset, decodable with its writer schema', async () => {
    const byVersion = manifest.schemaIds[`${demoTopicName('orders')}-value`]!;
    const versionOfId = new Map(Object.entries(byVersion).map(([v, id]) => [id, Number(v)]));
    const partition = 2;
    const planned = plan.orders.filter((o) => o.partition === partition).slice(0, 2000);
    const { records } = await readPartitionRange(cluster, {
      topic: demoTopicName('orders'),
      partition,
      fromOffset: 0n,
      limit: planned.length,
    });
    expect(records).toHaveLength(planned.length);
    records.forEach((record, i) => {
      const p = planned[i]!;
      expect(Number(record.offset)).toBe(p.offset);
      expect(record.key!.toString()).toBe(p.event.orderId);
      expect(record.timestamp).toBe(p.event.occurredAt);
      expect(record.compression).toBe(p.compression);
      const frame = decodeConfluentFrame(record.value);
      if (!frame.ok) throw new Error(frame.failure.message);
      expect(versionOfId.get(frame.schemaId)).toBe(p.event.schemaVersion);
      const decoded = decodeOrderEvent(frame.payload, p.event.schemaVersion);
      expect(decoded.eventId).toBe(p.event.eventId);
      expect(decoded.type).toBe(p.event.type);
    });
    // The sample crosses codecs and all three schema versions.
    expect(new Set(planned.map((p) => p.compression)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(planned.map((p) => p.event.schemaVersion)).size).toBe(3);
  });

  it('has the read-model consumer groups, classic and KIP-848 alike', async () => {
    const groups = await listGroups(cluster);
    for (const planned of plan.groups) {
      const found = groups.find((g) => g.id === planned.groupId);
      expect(found, planned.groupId).toBeDefined();
      expect(found!.groupType).toBe(planned.protocol);
    }
    expect(plan.groups.some((g) => g.protocol === 'consumer')).toBe(true);
  });
});
