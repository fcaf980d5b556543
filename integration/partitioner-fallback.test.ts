import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAdmins } from '@/lib/kafka/admin';
import { crc32PartitionForKey } from '@/lib/kafka/crc32-partitioner';
import { partitionForKey } from '@/lib/kafka/murmur2';
import { closeProducer, createProducer, produceBatch, type OutgoingRecord } from '@/lib/kafka/producer';
import { closeReaders } from '@/lib/kafka/reader';
import { createTopicIfMissing, deleteTopicsIfPresent } from '@/lib/kafka/topics';
import type { PartitionerName, ReplayEvent } from '@/lib/schemas/timetravel';
import { locateAggregate, replayAggregate } from '@/lib/timetravel/replay-aggregate';
import { localCluster, uniqueName } from './support';

/**
 * Time travel on topics written with the other client's partitioner: 30 accounts, each with a
 * few events, on 6 partitions, once placed as librdkafka's CRC32 places them and once as the
 * Java client's murmur2 does. Replaying with the wrong partitioner must still find the events
 * (or say exactly where they are not), and the partition endpoint must recognise the writer.
 */
const cluster = localCluster();
const PARTITIONS = 6;
const accounts = Array.from({ length: 30 }, (_, i) => `account-${i}`);
const topics: Record<'crc32' | 'murmur2', string> = {
  crc32: uniqueName('tt-crc32'),
  murmur2: uniqueName('tt-murmur2'),
};
const place = { crc32: crc32PartitionForKey, murmur2: partitionForKey };

function eventsOf(account: string): Buffer[] {
  return [
    Buffer.from(JSON.stringify({ type: 'Opened', payload: { owner: account, balance: 0 } })),
    Buffer.from(JSON.stringify({ type: 'Deposited', payload: { balance: account.length * 10 } })),
  ];
}

interface Outcome {
  plans: Extract<ReplayEvent, { type: 'plan' }>[];
  steps: number;
  finalState: unknown;
}

async function replay(topic: string, id: string, partitioner: PartitionerName): Promise<Outcome> {
  const out: Outcome = { plans: [], steps: 0, finalState: null };
  for await (const e of replayAggregate(cluster, { topic, id, partitioner })) {
    if (e.type === 'plan') out.plans.push(e);
    if (e.type === 'timeline') out.steps += e.timeline.offset.length;
    if (e.type === 'done') out.finalState = e.finalState;
    if (e.type === 'error') throw new Error(e.error.message);
  }
  return out;
}

beforeAll(async () => {
  const producer = createProducer(cluster, { clientIdSuffix: 'it-partitioner' });
  try {
    for (const writer of ['crc32', 'murmur2'] as const) {
      await createTopicIfMissing(cluster, { name: topics[writer], partitions: PARTITIONS });
      const records: OutgoingRecord[] = accounts.flatMap((a) =>
        eventsOf(a).map((value) => ({
          topic: topics[writer],
          partition: place[writer](a, PARTITIONS),
          key: Buffer.from(a),
          value,
        })),
      );
      await produceBatch(producer, records);
    }
  } finally {
    await closeProducer(producer);
  }
}, 120_000);

afterAll(async () => {
  await deleteTopicsIfPresent(cluster, Object.values(topics));
  await closeReaders();
  await closeAdmins();
});

describe.each([
  ['crc32', 'murmur2'],
  ['murmur2', 'crc32'],
] as const)('a topic written with %s, replayed with %s', (writer, chosen) => {
  it('recognises the writer from a sample of keyed records', async () => {
    const located = await locateAggregate(cluster, {
      topic: topics[writer],
      id: 'account-1',
      partitioner: chosen,
    });
    expect(located.partitionCount).toBe(PARTITIONS);
    expect(located.evidence).toMatchObject({ sampled: 60, detected: writer, [chosen]: 0 });
    expect(located.evidence!.telling).toBeGreaterThan(10);
    expect(located.evidence![writer]).toBe(located.evidence!.telling);
  });

  it("finds every account's events, in the other partitioner's partition when the chosen one holds none", async () => {
    let movedOver = 0;
    for (const account of accounts) {
      const r = await replay(topics[writer], account, chosen);
      const written = place[writer](account, PARTITIONS);
      const computed = place[chosen](account, PARTITIONS);
      expect(r.steps, account).toBe(2);
      expect(r.finalState, account).toEqual({ owner: account, balance: account.length * 10 });
      const last = r.plans.at(-1)!;
      expect(last.partitions, account).toEqual([written]);
      if (written === computed) {
        expect(r.plans).toHaveLength(1);
        expect(last.notice ?? null).toBeNull();
      } else {
        movedOver++;
        expect(r.plans.map((p) => p.partitions)).toEqual([[computed], [written]]);
        expect(last.partitioner).toBe(writer);
        expect(last.notice).toContain(`No events of ${account} in partition ${computed}`);
        expect(last.notice).toContain(`2 in partition ${written}`);
        expect(last.notice).toContain(`it looks written with ${writer === 'crc32' ? 'CRC32' : 'murmur2'}`);
      }
    }
    expect(movedOver).toBeGreaterThan(15);
  }, 120_000);
});

it('says where it looked when an aggregate is in neither partition, and suggests scanning all', async () => {
  const id = 'account-none';
  const r = await replay(topics.crc32, id, 'murmur2');
  expect(r.steps).toBe(0);
  const m = partitionForKey(id, PARTITIONS);
  const c = crc32PartitionForKey(id, PARTITIONS);
  expect(r.plans.at(-1)!.notice).toContain(`No events of ${id} in partition ${m}`);
  if (m !== c) expect(r.plans.at(-1)!.notice).toContain(`nor in partition ${c}`);
  expect(r.plans.at(-1)!.notice).toContain('Scan all partitions');
}, 60_000);
