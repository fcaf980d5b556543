import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAdmins } from '@/lib/kafka/admin';
import { listGroups } from '@/lib/kafka/groups';
import { waitUntilCommittedReadable } from '@/lib/kafka/committed-readable';
import {
  closeProducer,
  createProducer,
  produceBatch,
  runTransaction,
  type ProducedRecord,
} from '@/lib/kafka/producer';
import { closeReaders, fetchRecordChunk, readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import { createTopicIfMissing, deleteTopicsIfPresent } from '@/lib/kafka/topics';
import { localCluster, uniqueName } from './support';

const cluster = localCluster();
const topic = uniqueName('reader');
const txTopic = uniqueName('reader-tx');
const readableTopic = uniqueName('reader-readable');

beforeAll(async () => {
  await createTopicIfMissing(cluster, { name: topic, partitions: 3 });
  await createTopicIfMissing(cluster, { name: txTopic, partitions: 1 });
  await createTopicIfMissing(cluster, { name: readableTopic, partitions: 1 });
  const producer = createProducer(cluster);
  try {
    // 300 records on partition 1, in three batches of different codecs.
    for (const [batch, compression] of (['gzip', 'lz4', 'snappy'] as const).entries()) {
      await produceBatch(
        producer,
        Array.from({ length: 100 }, (_, i) => ({
          topic,
          partition: 1,
          key: Buffer.from(`k${batch * 100 + i}`),
          value: Buffer.from(`v${batch * 100 + i}`),
          headers: { n: String(batch * 100 + i) },
        })),
        { compression },
      );
    }
  } finally {
    await closeProducer(producer);
  }
  const tx = createProducer(cluster, { transactionalId: uniqueName('tx') });
  try {
    await runTransaction(
      tx,
      (send) =>
        send([{ topic: txTopic, partition: 0, value: Buffer.from('committed-1') }]).then(() => undefined),
      'commit',
    );
    await runTransaction(
      tx,
      (send) =>
        send([
          { topic: txTopic, partition: 0, value: Buffer.from('aborted-1') },
          { topic: txTopic, partition: 0, value: Buffer.from('aborted-2') },
        ]).then(() => undefined),
      'abort',
    );
    let last: ProducedRecord[] = [];
    await runTransaction(
      tx,
      async (send) => {
        last = await send([{ topic: txTopic, partition: 0, value: Buffer.from('committed-2') }]);
      },
      'commit',
    );
    // Its markers follow the commit's answer; the transactions before it were complete when it began.
    await waitUntilCommittedReadable(cluster, last);
  } finally {
    await closeProducer(tx);
  }
}, 120_000);

afterAll(async () => {
  await deleteTopicsIfPresent(cluster, [topic, txTopic, readableTopic]);
  await closeReaders();
  await closeAdmins();
});

describe('the group-free reader on the local broker', () => {
  it('reads 100 messages from an arbitrary partition and offset without creating a consumer group', async () => {
    const before = (await listGroups(cluster)).map((g) => g.id);
    const result = await readPartitionRange(cluster, { topic, partition: 1, fromOffset: 137n, limit: 100 });
    const after = (await listGroups(cluster)).map((g) => g.id);

    expect(after).toEqual(before);
    expect(result.records).toHaveLength(100);
    expect(result.records[0]!.offset).toBe(137n);
    expect(result.records.at(-1)!.offset).toBe(236n);
    expect(result.records.map((r) => r.value!.toString())).toEqual(
      Array.from({ length: 100 }, (_, i) => `v${137 + i}`),
    );
    expect(result.records[0]!.key!.toString()).toBe('k137');
    expect(result.records[0]!.headers).toEqual([{ key: 'n', value: Buffer.from('137') }]);
    expect(result.nextOffset).toBe(237n);
    expect(result.highWatermark).toBe(300n);
  });

  it('reports each batch codec and decompresses gzip, lz4 and snappy alike', async () => {
    const { records } = await readPartitionRange(cluster, {
      topic,
      partition: 1,
      fromOffset: 0n,
      limit: 300,
    });
    expect(records).toHaveLength(300);
    expect([records[0]!.compression, records[150]!.compression, records[299]!.compression]).toEqual([
      'gzip',
      'lz4',
      'snappy',
    ]);
  });

  it('stops at the end of the log and reads an empty partition as empty', async () => {
    const tail = await readPartitionRange(cluster, { topic, partition: 1, fromOffset: 295n, limit: 100 });
    expect(tail.records.map((r) => Number(r.offset))).toEqual([295, 296, 297, 298, 299]);
    const empty = await readPartitionRange(cluster, { topic, partition: 0, fromOffset: 0n, limit: 10 });
    expect(empty.records).toEqual([]);
  });

  it('gives watermarks per partition', async () => {
    expect(await readWatermarks(cluster, topic)).toEqual([
      { partition: 0, low: 0n, high: 0n },
      { partition: 1, low: 0n, high: 300n },
      { partition: 2, low: 0n, high: 0n },
    ]);
  });

  it('hides an aborted transaction under read_committed and shows it under read_uncommitted', async () => {
    const committed = await readPartitionRange(cluster, {
      topic: txTopic,
      partition: 0,
      fromOffset: 0n,
      limit: 100,
      isolation: 'read_committed',
    });
    expect(committed.records.map((r) => r.value!.toString())).toEqual(['committed-1', 'committed-2']);
    const uncommitted = await readPartitionRange(cluster, {
      topic: txTopic,
      partition: 0,
      fromOffset: 0n,
      limit: 100,
      isolation: 'read_uncommitted',
    });
    expect(uncommitted.records.map((r) => r.value!.toString())).toEqual([
      'committed-1',
      'aborted-1',
      'aborted-2',
      'committed-2',
    ]);
  });

  it('reads a committed transaction under read_committed once waitUntilCommittedReadable returns, every time', async () => {
    // Right after a commit's answer, about one read in ten stops short of it (the broker writes the
    // markers after answering); after the wait, none may.
    const tx = createProducer(cluster, { transactionalId: uniqueName('tx-readable') });
    try {
      for (let i = 0; i < 50; i++) {
        let produced: ProducedRecord[] = [];
        await runTransaction(tx, async (send) => {
          produced = await send([{ topic: readableTopic, partition: 0, value: Buffer.from(`r${i}`) }]);
        });
        await waitUntilCommittedReadable(cluster, produced);
        const chunk = await fetchRecordChunk(cluster, {
          topic: readableTopic,
          partition: 0,
          fromOffset: produced[0]!.offset,
          maxBytes: 64 * 1024,
          isolation: 'read_committed',
        });
        expect(
          chunk.records.map((r) => r.value!.toString()),
          `transaction ${i}`,
        ).toEqual([`r${i}`]);
      }
    } finally {
      await closeProducer(tx);
    }
  });

  it('refuses an offset beyond the end, an unknown topic and a missing partition, in words', async () => {
    await expect(
      readPartitionRange(cluster, { topic, partition: 1, fromOffset: 5000n, limit: 10 }),
    ).rejects.toMatchObject({ code: 'OFFSET_OUT_OF_RANGE' });
    await expect(
      readPartitionRange(cluster, { topic: uniqueName('missing'), partition: 0, fromOffset: 0n, limit: 10 }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_TOPIC' });
    await expect(
      readPartitionRange(cluster, { topic, partition: 7, fromOffset: 0n, limit: 10 }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_PARTITION' });
  });
});
