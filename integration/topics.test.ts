import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_TOPIC } from '@/lib/audit/record-audit';
import { closeAdmins } from '@/lib/kafka/admin';
import { commitGroupOffsets, deleteGroupsIfPresent } from '@/lib/kafka/group-offsets';
import { closeProducer, createProducer, produceBatch } from '@/lib/kafka/producer';
import { closeReaders, readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import { deleteTopicsIfPresent } from '@/lib/kafka/topics';
import { createTopic } from '@/lib/topics/create-topic';
import { deleteTopic } from '@/lib/topics/delete-topic';
import { getTopic } from '@/lib/topics/get-topic';
import { getTopicConfig } from '@/lib/topics/get-topic-config';
import { listTopicConsumers } from '@/lib/topics/list-topic-consumers';
import { listTopics } from '@/lib/topics/list-topics';
import { localCluster, uniqueName } from './support';

/**
 * Topics on the real broker, with this file's own topic: three partitions holding 5, 2 and 0
 * records, compacted and deleted, retention one day, and a name that marks it a dead-letter
 * topic; a stopped group that committed 3 and 2 on partitions 0 and 1.
 */
const cluster = localCluster();
const readOnlyCluster = { ...cluster, id: 'local-readonly', readOnly: true };
const topic = `${uniqueName('topics')}.DLQ`;
const group = uniqueName('topics-reader');
const previousConfig = process.env.CONSOLE_CONFIG;

async function auditEntries(): Promise<
  { action: string; target: string; details: Record<string, unknown> }[]
> {
  const [marks] = await readWatermarks(cluster, AUDIT_TOPIC);
  const from = marks!.high > 50n ? marks!.high - 50n : 0n;
  const { records } = await readPartitionRange(cluster, {
    topic: AUDIT_TOPIC,
    partition: 0,
    fromOffset: from,
    limit: 50,
  });
  return records.map((r) => JSON.parse(r.value!.toString('utf8')));
}

beforeAll(async () => {
  // The console runs with a temporary configuration holding the local cluster and a read-only
  // twin of it (the write rules and the audit trail read it).
  const dir = mkdtempSync(path.join(tmpdir(), 'topics-it-'));
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

  await createTopic(cluster, {
    name: topic,
    partitions: 3,
    replicationFactor: 1,
    cleanupPolicy: 'compact,delete',
    retentionMs: 86_400_000,
  });
  const producer = createProducer(cluster);
  try {
    const counts = [5, 2, 0];
    await produceBatch(
      producer,
      counts.flatMap((n, partition) =>
        Array.from({ length: n }, (_, i) => ({
          topic,
          partition,
          key: Buffer.from(`k${partition}-${i}`),
          value: Buffer.from(`v${i}`),
        })),
      ),
    );
  } finally {
    await closeProducer(producer);
  }
  await commitGroupOffsets(cluster, group, [
    {
      topic,
      partitions: [
        { partition: 0, offset: 3 },
        { partition: 1, offset: 2 },
      ],
    },
  ]);
});

afterAll(async () => {
  await deleteGroupsIfPresent(cluster, [group]);
  await deleteTopicsIfPresent(cluster, [topic]);
  await closeReaders();
  await closeAdmins();
  if (previousConfig === undefined) delete process.env.CONSOLE_CONFIG;
  else process.env.CONSOLE_CONFIG = previousConfig;
});

describe('the topics list', () => {
  it('shows the topic with its partitions, replication, message count, size, policy and badges', async () => {
    const list = await listTopics(cluster, { q: topic.toUpperCase() });
    expect(list.topics).toHaveLength(1);
    const [t] = list.topics;
    expect(t).toMatchObject({
      name: topic,
      internal: false,
      partitionCount: 3,
      replicationFactor: 1,
      messageCount: 7,
      cleanupPolicy: 'compact,delete',
      badges: ['dead-letter', 'compacted'],
      underReplicatedPartitions: 0,
      offlinePartitions: 0,
    });
    expect(t!.sizeBytes).toBeGreaterThan(0);
    // One broker: the leader replicas are all the replicas.
    expect(t!.replicatedSizeBytes).toBe(t!.sizeBytes);
    expect(list.problems).toEqual({});
  });

  it('agrees with the reader on the demo orders topic and leaves internal topics out unless asked', async () => {
    const started = performance.now();
    const list = await listTopics(cluster);
    const elapsed = performance.now() - started;
    const orders = list.topics.find((t) => t.name === 'orders')!;
    const marks = await readWatermarks(cluster, 'orders');
    expect(orders.partitionCount).toBe(6);
    expect(orders.messageCount).toBe(marks.reduce((sum, m) => sum + Number(m.high - m.low), 0));
    expect(list.topics.find((t) => t.name === 'orders-snapshots')?.badges).toEqual(['snapshot', 'compacted']);
    expect(list.topics.some((t) => t.name.startsWith('__'))).toBe(false);
    expect(list.hiddenInternalTopics).toBeGreaterThanOrEqual(2);
    console.info(`listTopics: ${list.topics.length} topics in ${Math.round(elapsed)} ms`);

    const all = await listTopics(cluster, { internal: true });
    const offsets = all.topics.find((t) => t.name === '__consumer_offsets')!;
    // Kafka's own internal topic, which the client library leaves out of its metadata.
    expect(offsets).toMatchObject({
      internal: true,
      partitionCount: 50,
      cleanupPolicy: 'compact',
      badges: ['compacted'],
    });
    expect(offsets.messageCount).not.toBeNull();
    expect(all.hiddenInternalTopics).toBe(0);
  });
});

describe('the topic page', () => {
  it('describes every partition with leader, replicas, ISR, watermarks and size', async () => {
    const detail = await getTopic(cluster, topic);
    expect(detail.partitions.map((p) => [p.partition, p.low, p.high, p.messageCount])).toEqual([
      [0, '0', '5', 5],
      [1, '0', '2', 2],
      [2, '0', '0', 0],
    ]);
    for (const p of detail.partitions) {
      expect(p.replicas).toEqual([p.leader]);
      expect(p.isr).toEqual([p.leader]);
      expect(p.underReplicated).toBe(false);
    }
    expect(detail.partitions[0]!.sizeBytes).toBeGreaterThan(detail.partitions[1]!.sizeBytes!);
    expect(detail.partitions[2]!.sizeBytes).toBe(0);
    expect(detail.topicId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('gives every config with its source, marking what was set on the topic', async () => {
    const { configs } = await getTopicConfig(cluster, topic);
    const byName = new Map(configs.map((c) => [c.name, c]));
    expect(byName.get('retention.ms')).toMatchObject({
      value: '86400000',
      source: 'topic',
      isDefault: false,
    });
    expect(byName.get('cleanup.policy')).toMatchObject({
      value: 'compact,delete',
      source: 'topic',
      isDefault: false,
    });
    expect(byName.get('max.message.bytes')?.source).not.toBe('topic');
    expect(
      configs
        .filter((c) => c.source === 'topic')
        .map((c) => c.name)
        .sort(),
    ).toEqual(['cleanup.policy', 'retention.ms']);
    expect(configs.length).toBeGreaterThan(20);
    expect(byName.get('segment.bytes')?.documentation).toBeTruthy();
  });

  it('lists the group that committed on the topic, with lag per partition', async () => {
    const { groups } = await listTopicConsumers(cluster, topic);
    expect(groups.map((g) => g.groupId)).toEqual([group]);
    expect(groups[0]).toMatchObject({
      state: expect.stringMatching(/empty/i),
      totalLag: '2',
      partitions: [
        { partition: 0, committed: '3', high: '5', lag: '2' },
        { partition: 1, committed: '2', high: '2', lag: '0' },
        { partition: 2, committed: null, high: '0', lag: null },
      ],
    });
  });

  it('lists the demo read models of orders', async () => {
    const { groups } = await listTopicConsumers(cluster, 'orders');
    expect(groups.map((g) => g.groupId)).toEqual(
      expect.arrayContaining(['orders-search-indexer', 'orders-analytics']),
    );
    expect(Number(groups.find((g) => g.groupId === 'orders-analytics')!.totalLag)).toBeGreaterThan(0);
  });

  it('says an unknown topic does not exist, in words', async () => {
    const missing = uniqueName('no-such-topic');
    const expected = { code: 'UNKNOWN_TOPIC', message: `topic "${missing}" does not exist` };
    await expect(getTopic(cluster, missing)).rejects.toMatchObject(expected);
    await expect(getTopicConfig(cluster, missing)).rejects.toMatchObject(expected);
    await expect(listTopicConsumers(cluster, missing)).rejects.toMatchObject(expected);
  });
});

describe('creating and deleting topics', () => {
  it('audited the creation of the topic', async () => {
    const entry = (await auditEntries())
      .reverse()
      .find((e) => e.action === 'create-topic' && e.target === topic);
    expect(entry?.details).toEqual({
      partitions: 3,
      replicationFactor: 1,
      configs: { 'cleanup.policy': 'compact,delete', 'retention.ms': '86400000' },
    });
  });

  it('refuses a topic that exists, a read-only cluster and internal names', async () => {
    await expect(
      createTopic(cluster, { name: topic, partitions: 3, replicationFactor: 1, cleanupPolicy: 'delete' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      createTopic(readOnlyCluster, {
        name: uniqueName('never'),
        partitions: 1,
        replicationFactor: 1,
        cleanupPolicy: 'delete',
      }),
    ).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(
      createTopic(cluster, {
        name: '__sneaky',
        partitions: 1,
        replicationFactor: 1,
        cleanupPolicy: 'delete',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      createTopic(cluster, {
        name: uniqueName('too-many-replicas'),
        partitions: 1,
        replicationFactor: 3,
        cleanupPolicy: 'delete',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('replication factor'),
    });
  });

  it('deletes a topic only when its name is repeated, and audits it', async () => {
    const doomed = uniqueName('topics-doomed');
    await createTopic(cluster, {
      name: doomed,
      partitions: 1,
      replicationFactor: 1,
      cleanupPolicy: 'delete',
    });
    await expect(deleteTopic(cluster, doomed, 'something else')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(deleteTopic(readOnlyCluster, doomed, doomed)).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(deleteTopic(cluster, doomed, doomed)).resolves.toEqual({ deleted: doomed });
    await expect(getTopic(cluster, doomed)).rejects.toMatchObject({ code: 'UNKNOWN_TOPIC' });
    expect((await auditEntries()).some((e) => e.action === 'delete-topic' && e.target === doomed)).toBe(true);
  });
});
