import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterConfig, EventStreamConfig } from '@/lib/config/schema';
import { closeAdmins } from '@/lib/kafka/admin';
import { partitionForKey } from '@/lib/kafka/murmur2';
import { closeProducer, createProducer, produceBatch } from '@/lib/kafka/producer';
import { closeReaders } from '@/lib/kafka/reader';
import { createTopicIfMissing, deleteTopicsIfPresent } from '@/lib/kafka/topics';
import { searchMessages } from '@/lib/messages/search-messages';
import { type SearchEvent } from '@/lib/schemas/messages';
import { messageSearchQuery } from '@/lib/messages/message-query';
import { localCluster, uniqueName } from './support';

/**
 * An exact key on an event stream keyed by aggregate id, with the producer's partitioner known,
 * is searched in that key's partition only: on a topic of our own with 4 partitions of different
 * sizes, written as the Java client would (murmur2), the scan reads exactly one partition.
 */
const base = localCluster();
const topic = uniqueName('key-partition');
const stream = {
  id: 'it-keyed',
  topic,
  aggregateIdFrom: 'key',
  eventTypeFrom: { field: 'type' },
  partitioner: 'murmur2',
  index: false,
} as EventStreamConfig;
const keyed: ClusterConfig = { ...base, streams: [stream] };
const KEYS = Array.from({ length: 60 }, (_, i) => `order-${String(i).padStart(6, '0')}`);
const EVENTS_PER_KEY = 7;
const perPartition = [0, 0, 0, 0];

async function run(cluster: ClusterConfig, q: Record<string, string>): Promise<SearchEvent[]> {
  const events: SearchEvent[] = [];
  for await (const e of searchMessages(
    cluster,
    topic,
    messageSearchQuery.parse({ limit: '1000', start: 'earliest', ...q }),
    new AbortController().signal,
  ))
    events.push(e);
  return events;
}

beforeAll(async () => {
  await createTopicIfMissing(base, { name: topic, partitions: 4 });
  const producer = createProducer(base);
  try {
    const records = KEYS.flatMap((key) =>
      Array.from({ length: EVENTS_PER_KEY }, (_, n) => {
        const partition = partitionForKey(key, 4);
        perPartition[partition]!++;
        return {
          topic,
          partition,
          key: Buffer.from(key),
          value: Buffer.from(JSON.stringify({ type: 'OrderPlaced', n })),
        };
      }),
    );
    await produceBatch(producer, records);
  } finally {
    await closeProducer(producer);
  }
}, 60_000);

afterAll(async () => {
  await deleteTopicsIfPresent(base, [topic]);
  await closeReaders();
  await closeAdmins();
});

describe('key search by partition', () => {
  it('reads only the partition murmur2 puts the key in, and says so', async () => {
    const key = KEYS[23]!;
    const partition = partitionForKey(key, 4);
    const events = await run(keyed, { key });
    const done = events.find((e) => e.type === 'done');
    expect(done).toMatchObject({
      type: 'done',
      reason: 'end',
      scanned: perPartition[partition],
      matched: EVENTS_PER_KEY,
    });
    const phase = events.find((e) => e.type === 'phase' && e.phase === 'scanning');
    expect(phase).toMatchObject({
      message: expect.stringContaining(
        `in partition ${partition} only, where the murmur2 partitioner of stream it-keyed puts this key`,
      ),
    });
    const matches = events.filter((e) => e.type === 'message');
    expect(new Set(matches.map((m) => m.message.partition))).toEqual(new Set([partition]));
  });

  it('scans every partition for a prefix, a chosen partitioner of scan-all, or a topic that is no stream', async () => {
    const total = perPartition.reduce((a, b) => a + b, 0);
    for (const [cluster, q] of [
      [keyed, { key: 'order-0000', keyMatch: 'prefix' }],
      [{ ...base, streams: [{ ...stream, partitioner: 'scan-all' }] }, { key: KEYS[23]! }],
      [base, { key: KEYS[23]! }],
    ] as [ClusterConfig, Record<string, string>][]) {
      const done = (await run(cluster, q)).find((e) => e.type === 'done');
      expect(done).toMatchObject({ reason: 'end', scanned: total });
    }
  });
});
