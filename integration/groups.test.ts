import type { ClusterConfig } from '@/lib/config/schema';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_TOPIC } from '@/lib/audit/record-audit';
import { applyOffsetReset } from '@/lib/groups/apply-offset-reset';
import { deleteConsumerGroup } from '@/lib/groups/delete-consumer-group';
import { getGroupDetail } from '@/lib/groups/get-group-detail';
import { listConsumerGroups } from '@/lib/groups/list-consumer-groups';
import { previewOffsetReset } from '@/lib/groups/preview-offset-reset';
import { closeAdmins } from '@/lib/kafka/admin';
import { commitGroupOffsets, deleteGroupsIfPresent, readGroupOffsets } from '@/lib/kafka/group-offsets';
import { closeProducer, createProducer, produceBatch } from '@/lib/kafka/producer';
import { closeReaders, readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import { runGroupMember, type RunningGroupMember } from '@/lib/kafka/run-group-member';
import { createTopicIfMissing, deleteTopicsIfPresent } from '@/lib/kafka/topics';
import type { ResetPreview, ResetPreviewBody } from '@/lib/schemas/groups';
import { localCluster, uniqueName } from './support';

/**
 * Consumer groups on the real broker, with this file's own topic and groups: one topic of three
 * partitions holding ten records each (record i on partition i % 3, timestamp t0 + i s), a
 * stopped group, and two running ones (classic and KIP-848) that really joined.
 */
const cluster = localCluster();
const readOnlyCluster = { ...cluster, id: 'local-readonly', readOnly: true };
const topic = uniqueName('groups');
const otherTopic = uniqueName('groups-other');
const stopped = uniqueName('stopped');
const runningClassic = uniqueName('running-classic');
const runningKip848 = uniqueName('running-kip848');
const readModel = uniqueName('new-read-model');
const t0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const members: RunningGroupMember[] = [];
const previousConfig = process.env.CONSOLE_CONFIG;

beforeAll(async () => {
  // The console runs with a temporary configuration holding the local cluster and a read-only
  // twin of it (the write rules and the audit trail read it).
  const dir = mkdtempSync(path.join(tmpdir(), 'groups-it-'));
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
  await createTopicIfMissing(cluster, { name: otherTopic, partitions: 2 });
  const producer = createProducer(cluster);
  try {
    await produceBatch(
      producer,
      Array.from({ length: 30 }, (_, i) => ({
        topic,
        partition: i % 3,
        key: Buffer.from(`k${i}`),
        value: Buffer.from(`v${i}`),
        timestamp: t0 + i * 1000,
      })),
    );
    await produceBatch(
      producer,
      Array.from({ length: 8 }, (_, i) => ({
        topic: otherTopic,
        partition: i % 2,
        value: Buffer.from(`o${i}`),
      })),
    );
  } finally {
    await closeProducer(producer);
  }
  await commitGroupOffsets(cluster, stopped, [
    {
      topic,
      partitions: [
        { partition: 0, offset: 2 },
        { partition: 1, offset: 5 },
        { partition: 2, offset: 10 },
      ],
    },
  ]);
  members.push(
    await runGroupMember(cluster, {
      groupId: runningClassic,
      topics: [topic],
      protocol: 'classic',
      clientIdSuffix: 'it-classic',
    }),
  );
  members.push(
    await runGroupMember(cluster, {
      groupId: runningKip848,
      topics: [topic],
      protocol: 'consumer',
      clientIdSuffix: 'it-kip848',
    }),
  );
  // Until both have their partitions; every test below assumes it, so say so if it never happens.
  const assigned = (d: Awaited<ReturnType<typeof getGroupDetail>> | undefined) =>
    d?.state === 'STABLE' && d.members.some((m) => (m.assignment ?? []).some((x) => x.partitions.length > 0));
  for (let i = 0; ; i++) {
    const [a, b] = await Promise.all([
      getGroupDetail(cluster, runningClassic).catch(() => undefined),
      getGroupDetail(cluster, runningKip848).catch(() => undefined),
    ]);
    if (assigned(a) && assigned(b)) break;
    const seen = (id: string, d: typeof a) =>
      `${id}: ${d ? `${d.state}, ${d.members.length} members` : 'not described'}`;
    if (i >= 60)
      throw new Error(
        `the running groups never got their partitions in 30 s (${seen(runningClassic, a)}; ${seen(runningKip848, b)})`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}, 120_000);

afterAll(async () => {
  await Promise.allSettled(members.map((m) => m.stop()));
  await deleteGroupsIfPresent(cluster, [stopped, runningClassic, runningKip848, readModel]).catch(
    () => undefined,
  );
  await deleteTopicsIfPresent(cluster, [topic, otherTopic]);
  await closeReaders();
  await closeAdmins();
  // The files share one process: the next one must not run with this file's configuration.
  if (previousConfig === undefined) delete process.env.CONSOLE_CONFIG;
  else process.env.CONSOLE_CONFIG = previousConfig;
}, 60_000);

const committedOf = async (group: string) =>
  [...((await readGroupOffsets(cluster, group)).get(topic) ?? new Map<number, bigint>())]
    .sort(([a], [b]) => a - b)
    .map(([, o]) => Number(o));
const targets = (p: ResetPreview) => p.partitions.map((r) => Number(r.target));
const preview = (group: string, body: ResetPreviewBody) => previewOffsetReset(cluster, group, body);
const applyPreview = (p: ResetPreview, on: ClusterConfig = cluster) =>
  applyOffsetReset(on, p.group, {
    scope: p.scope,
    strategy: p.strategy,
    partitions: p.partitions.map(({ topic, partition, current, target }) => ({
      topic,
      partition,
      current,
      target,
    })),
  });
const all = { kind: 'all' } as const;

describe('listing groups', () => {
  it('shows state, kind, members, topics and total lag of each group', async () => {
    const list = await listConsumerGroups(cluster);
    const byId = new Map(list.groups.map((g) => [g.id, g]));
    expect(byId.get(stopped)).toEqual({
      id: stopped,
      system: false,
      state: 'EMPTY',
      running: false,
      type: 'classic',
      protocolType: '',
      members: 0,
      topics: [topic],
      totalLag: String(30 - 17),
    });
    expect(byId.get(runningClassic)).toMatchObject({
      state: 'STABLE',
      running: true,
      type: 'classic',
      protocolType: 'consumer',
      members: 1,
    });
    expect(byId.get(runningKip848)).toMatchObject({
      state: 'STABLE',
      running: true,
      type: 'consumer',
      protocolType: 'consumer',
      members: 1,
    });
    // The demo's read models are there, the KIP-848 one as such; the registry's own are not.
    expect(byId.get('users-directory')).toMatchObject({ type: 'consumer', system: false });
    expect(Number(byId.get('orders-analytics')?.totalLag)).toBeGreaterThan(0);
    expect(list.groups.some((g) => g.system)).toBe(false);
    expect(list.hiddenSystemGroups).toBeGreaterThan(0);
  });

  it('filters by id and shows system groups on request', async () => {
    const found = await listConsumerGroups(cluster, { q: stopped.toUpperCase() });
    expect(found.groups.map((g) => g.id)).toEqual([stopped]);
    const withSystem = await listConsumerGroups(cluster, { includeSystem: true });
    expect(
      withSystem.groups
        .filter((g) => g.system)
        .map((g) => g.id)
        .every((id) => id.startsWith('apicurio-') || id === 'schema-registry'),
    ).toBe(true);
    expect(withSystem.groups.some((g) => g.system)).toBe(true);
    expect(withSystem.hiddenSystemGroups).toBe(0);
  });
});

describe('describing a group', () => {
  it('describes a running KIP-848 group with its member and assignment (ConsumerGroupDescribe)', async () => {
    const d = await getGroupDetail(cluster, runningKip848);
    expect(d).toMatchObject({ type: 'consumer', state: 'STABLE', running: true, assignor: 'uniform' });
    expect(d.epoch).toBeGreaterThan(0);
    expect(d.coordinator).toMatchObject({ host: '127.0.0.1', port: 9092 });
    expect(d.members).toHaveLength(1);
    expect(d.members[0]).toMatchObject({
      clientId: 'event-store-console-it-kip848',
      subscribedTopics: [topic],
      assignment: [{ topic, partitions: [0, 1, 2] }],
    });
    expect(d.members[0]!.host).toContain('127.0.0.1');
  });

  it('describes a running classic group with the partitions its member holds', async () => {
    const d = await getGroupDetail(cluster, runningClassic);
    expect(d).toMatchObject({ type: 'classic', state: 'STABLE', protocolType: 'consumer' });
    expect(d.assignor).toBeTruthy();
    expect(d.members[0]).toMatchObject({
      clientId: 'event-store-console-it-classic',
      subscribedTopics: [topic],
      assignment: [{ topic, partitions: [0, 1, 2] }],
    });
  });

  it('gives lag per partition and in total for a stopped group', async () => {
    const d = await getGroupDetail(cluster, stopped);
    // Lag as time: the newest record's timestamp minus the first unprocessed one's. On partition 0
    // that is offset 9 (record 27) against offset 2 (record 6): 21 s; on partition 1, 28 - 16 = 12 s.
    expect(d).toMatchObject({
      state: 'EMPTY',
      running: false,
      members: [],
      totalLag: '13',
      missingTopics: [],
      maxLagMs: 21_000,
    });
    expect(d.partitions).toEqual([
      { topic, partition: 0, committed: '2', low: '0', high: '10', lag: '8', lagMs: 21_000 },
      { topic, partition: 1, committed: '5', low: '0', high: '10', lag: '5', lagMs: 12_000 },
      { topic, partition: 2, committed: '10', low: '0', high: '10', lag: '0', lagMs: null },
    ]);
    expect(d.topics).toEqual([{ topic, partitions: 3, lag: '13' }]);
  });

  it('says UNKNOWN_GROUP for a group the broker does not know', async () => {
    await expect(getGroupDetail(cluster, uniqueName('nobody'))).rejects.toMatchObject({
      code: 'UNKNOWN_GROUP',
    });
  });
});

describe('previewing a reset', () => {
  it('earliest, latest, a timestamp and past the end', async () => {
    expect(targets(await preview(stopped, { scope: all, strategy: { kind: 'earliest' } }))).toEqual([
      0, 0, 0,
    ]);
    const latest = await preview(stopped, { scope: all, strategy: { kind: 'latest' } });
    expect(targets(latest)).toEqual([10, 10, 10]);
    expect(latest.partitions.map((p) => p.changed)).toEqual([true, true, false]);
    expect(latest.totals).toEqual({ partitions: 3, changed: 2, lagBefore: '13', lagAfter: '0' });
    // 14 s after t0: the first records at or after it are i = 15 (p0, offset 5), 16 (p1, 5), 14 (p2, 4).
    expect(
      targets(
        await preview(stopped, { scope: all, strategy: { kind: 'timestamp', timestamp: t0 + 14_000 } }),
      ),
    ).toEqual([5, 5, 4]);
    expect(
      targets(
        await preview(stopped, { scope: all, strategy: { kind: 'timestamp', timestamp: t0 + 3_600_000 } }),
      ),
    ).toEqual([10, 10, 10]);
  });

  it('shift by N within the log, and explicit offsets clamped to it', async () => {
    const back = await preview(stopped, { scope: all, strategy: { kind: 'shift', by: '-3' } });
    expect(targets(back)).toEqual([0, 2, 7]);
    expect(back.partitions.map((p) => p.clamped)).toEqual([true, false, false]);
    expect(targets(await preview(stopped, { scope: all, strategy: { kind: 'shift', by: '4' } }))).toEqual([
      6, 9, 10,
    ]);
    const explicit = await preview(stopped, {
      scope: { kind: 'topic', topic },
      strategy: {
        kind: 'explicit',
        offsets: [0, 1, 2].map((partition) => ({ topic, partition, offset: String([1, 99, 3][partition]) })),
      },
    });
    expect(targets(explicit)).toEqual([1, 10, 3]);
    expect(explicit.partitions.map((p) => p.lagAfter)).toEqual(['9', '0', '7']);
  });

  it('chosen partitions only, and a topic the group never read (a new read model)', async () => {
    const one = await preview(stopped, {
      scope: { kind: 'partitions', topic, partitions: [1] },
      strategy: { kind: 'earliest' },
    });
    expect(one.partitions.map((p) => [p.partition, p.current, p.target])).toEqual([[1, '5', '0']]);
    const fresh = await preview(readModel, {
      scope: { kind: 'topic', topic: otherTopic },
      strategy: { kind: 'earliest' },
    });
    expect(fresh).toMatchObject({
      exists: false,
      totals: { partitions: 2, changed: 2, lagBefore: null, lagAfter: '8' },
    });
    expect(fresh.partitions.every((p) => p.current === null)).toBe(true);
  });

  it('refuses what cannot be planned, in words', async () => {
    await expect(
      preview(stopped, {
        scope: { kind: 'topic', topic: uniqueName('absent') },
        strategy: { kind: 'earliest' },
      }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_TOPIC' });
    await expect(
      preview(readModel, {
        scope: { kind: 'topic', topic: otherTopic },
        strategy: { kind: 'shift', by: '1' },
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('no committed offset to shift from'),
    });
    await expect(preview(readModel, { scope: all, strategy: { kind: 'earliest' } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('choose a topic'),
    });
  });

  it('refuses running groups, classic and KIP-848: stop the consumers first', async () => {
    for (const group of [runningClassic, runningKip848]) {
      await expect(preview(group, { scope: all, strategy: { kind: 'earliest' } })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining("stop the group's consumers first"),
      });
    }
  });
});

describe('applying a reset', () => {
  it('commits earliest, latest, a timestamp, a shift and explicit offsets, read back from the broker', async () => {
    const steps: [ResetPreviewBody['strategy'], number[]][] = [
      [{ kind: 'earliest' }, [0, 0, 0]],
      [{ kind: 'latest' }, [10, 10, 10]],
      [{ kind: 'timestamp', timestamp: t0 + 14_000 }, [5, 5, 4]],
      [{ kind: 'shift', by: '-2' }, [3, 3, 2]],
      [
        {
          kind: 'explicit',
          offsets: [0, 1, 2].map((partition) => ({ topic, partition, offset: String(partition + 1) })),
        },
        [1, 2, 3],
      ],
    ];
    for (const [strategy, expected] of steps) {
      const p = await preview(stopped, {
        scope: strategy.kind === 'explicit' ? { kind: 'topic', topic } : all,
        strategy,
      });
      const result = await applyPreview(p);
      expect(result.changed.map((c) => Number(c.to))).toEqual(
        expected.filter((_, i) => p.partitions[i]!.changed),
      );
      expect(await committedOf(stopped), strategy.kind).toEqual(expected);
    }
    const d = await getGroupDetail(cluster, stopped);
    expect(d.totalLag).toBe(String(9 + 8 + 7));
  });

  it('creates a new read model at the start of a topic it never read', async () => {
    const p = await preview(readModel, {
      scope: { kind: 'topic', topic: otherTopic },
      strategy: { kind: 'earliest' },
    });
    await applyPreview(p);
    const d = await getGroupDetail(cluster, readModel);
    expect(d).toMatchObject({
      state: 'EMPTY',
      totalLag: '8',
      topics: [{ topic: otherTopic, partitions: 2, lag: '8' }],
    });
  });

  it('refuses a plan that no longer holds: offsets moved since the preview', async () => {
    const p = await preview(stopped, { scope: all, strategy: { kind: 'earliest' } });
    await commitGroupOffsets(cluster, stopped, [{ topic, partitions: [{ partition: 1, offset: 7 }] }]);
    await expect(applyPreview(p)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`committed offset of ${topic}/1 changed since the preview`),
    });
    await expect(
      applyOffsetReset(cluster, stopped, {
        scope: { kind: 'partitions', topic, partitions: [0] },
        strategy: { kind: 'earliest' },
        partitions: [{ topic, partition: 2, current: '3', target: '0' }],
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('outside its scope') });
  });

  it('refuses a running group even with a plan in hand', async () => {
    const plan = {
      scope: all,
      strategy: { kind: 'earliest' as const },
      partitions: [0, 1, 2].map((partition) => ({ topic, partition, current: null, target: '0' })),
    };
    for (const group of [runningClassic, runningKip848]) {
      await expect(applyOffsetReset(cluster, group, plan)).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining("stop the group's consumers first"),
      });
    }
  });

  it('refuses to write on a read-only cluster', async () => {
    const p = await preview(stopped, { scope: all, strategy: { kind: 'earliest' } });
    const before = await committedOf(stopped);
    await expect(applyPreview(p, { ...cluster, id: 'local-readonly', readOnly: true })).rejects.toMatchObject(
      { code: 'READ_ONLY' },
    );
    await expect(deleteConsumerGroup(readOnlyCluster, stopped)).rejects.toMatchObject({ code: 'READ_ONLY' });
    expect(await committedOf(stopped)).toEqual(before);
  });

  it('audits each reset with the strategy and every partition old → new', async () => {
    const p = await preview(stopped, {
      scope: { kind: 'partitions', topic, partitions: [0, 2] },
      strategy: { kind: 'shift', by: '+1' },
    });
    const before = p.partitions.map((r) => r.current);
    await applyPreview(p);
    const [marks] = await readWatermarks(cluster, AUDIT_TOPIC);
    const { records } = await readPartitionRange(cluster, {
      topic: AUDIT_TOPIC,
      partition: 0,
      fromOffset: marks!.high > 200n ? marks!.high - 200n : 0n,
      limit: 200,
    });
    const entries = records
      .filter((r) => r.key?.toString() === stopped)
      .map((r) => JSON.parse(r.value!.toString()));
    const last = entries.at(-1);
    expect(last).toMatchObject({
      cluster: 'local',
      action: 'reset-offsets',
      target: stopped,
      details: { strategy: 'shift by +1' },
    });
    expect(last.details.partitions).toEqual([
      { topic, partition: 0, from: before[0], to: String(Number(before[0]) + 1) },
      { topic, partition: 2, from: before[1], to: String(Number(before[1]) + 1) },
    ]);
    // Five strategies applied above, and this one.
    expect(entries).toHaveLength(6);
  });
});

describe('deleting a group', () => {
  it('refuses running groups and unknown ones, deletes a stopped one and audits it', async () => {
    await expect(deleteConsumerGroup(cluster, runningKip848)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining("stop the group's consumers first"),
    });
    await expect(deleteConsumerGroup(cluster, uniqueName('nobody'))).rejects.toMatchObject({
      code: 'UNKNOWN_GROUP',
    });
    await expect(deleteConsumerGroup(cluster, readModel)).resolves.toEqual({
      group: readModel,
      deleted: true,
    });
    await expect(getGroupDetail(cluster, readModel)).rejects.toMatchObject({ code: 'UNKNOWN_GROUP' });
    const [marks] = await readWatermarks(cluster, AUDIT_TOPIC);
    const { records } = await readPartitionRange(cluster, {
      topic: AUDIT_TOPIC,
      partition: 0,
      fromOffset: marks!.high > 50n ? marks!.high - 50n : 0n,
      limit: 50,
    });
    const entry = records.map((r) => JSON.parse(r.value!.toString())).findLast((e) => e.target === readModel);
    expect(entry).toMatchObject({
      action: 'delete-group',
      details: { committedOffsets: { [otherTopic]: { 0: '0', 1: '0' } } },
    });
  });
});
