import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAdmins } from '@/lib/kafka/admin';
import { listGroups } from '@/lib/kafka/groups';
import { closeProducer, createProducer, produceBatch, type OutgoingRecord } from '@/lib/kafka/producer';
import { closeReaders, fetchRecordChunk, readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import type { RawRecord } from '@/lib/kafka/records';
import { createTopicIfMissing, deleteTopicsIfPresent } from '@/lib/kafka/topics';
import { browseMessages } from '@/lib/messages/browse-messages';
import { exportMessages } from '@/lib/messages/export-messages';
import { searchMessages } from '@/lib/messages/search-messages';
import { tailMessages } from '@/lib/messages/tail-messages';
import { type MessagePage, type SearchEvent } from '@/lib/schemas/messages';
import {
  messagePageQuery,
  messageSearchQuery,
  messageTailQuery,
  messageExportQuery,
} from '@/lib/messages/message-query';
import type { DecodedMessage } from '@/lib/serde/types';
import { localCluster, uniqueName } from './support';

/**
 * The message browser on the real broker, against a topic of our own with known content:
 * 3,000 JSON records over 3 partitions; record i is on partition i % 3 at offset i / 3, with
 * timestamp BASE + i seconds, key `order-(i % 40)`, header kind = audit every fifth record.
 * Merged by timestamp, the topic reads back in i order.
 */
const cluster = localCluster();
const topic = uniqueName('messages');
const bigTopic = uniqueName('messages-big');
const tailTopic = uniqueName('messages-tail');
const N = 3000;
const BASE = Date.parse('2025-03-01T00:00:00Z');
const TYPES = ['OrderPlaced', 'OrderPaid', 'OrderShipped', 'OrderCancelled'] as const;

interface Planned {
  i: number;
  partition: number;
  offset: number;
  timestamp: number;
  key: string;
  kind: string;
  value: { type: string; amount: number; items: { sku: string }[]; note: string | null };
}

const planned: Planned[] = Array.from({ length: N }, (_, i) => ({
  i,
  partition: i % 3,
  offset: Math.floor(i / 3),
  timestamp: BASE + i * 1000,
  key: `order-${i % 40}`,
  kind: i % 5 === 0 ? 'audit' : 'normal',
  value: {
    type: TYPES[i % 4]!,
    amount: (i * 37) % 1000,
    items: [{ sku: `SKU-${i % 7}` }],
    note: i % 11 === 0 ? null : `n${i}`,
  },
}));

const ids = (ms: { partition: number; offset: string | number }[]) =>
  ms.map((m) => `${m.partition}:${m.offset}`);
const idsOf = (ps: Planned[]) => ps.map((p) => `${p.partition}:${p.offset}`);

const page = (q: Record<string, string>, t = topic): Promise<MessagePage> =>
  browseMessages(cluster, t, messagePageQuery.parse(q));

async function search(
  q: Record<string, string>,
  signal = new AbortController().signal,
): Promise<{ messages: DecodedMessage[]; events: SearchEvent[] }> {
  const messages: DecodedMessage[] = [];
  const events: SearchEvent[] = [];
  for await (const e of searchMessages(
    cluster,
    topic,
    messageSearchQuery.parse({ limit: '10000', ...q }),
    signal,
  )) {
    if (e.type === 'message') messages.push(e.message);
    else events.push(e);
  }
  return { messages, events };
}

let groupsBefore: string[];

beforeAll(async () => {
  groupsBefore = (await listGroups(cluster)).map((g) => g.id).sort();
  await createTopicIfMissing(cluster, { name: topic, partitions: 3 });
  await createTopicIfMissing(cluster, { name: bigTopic, partitions: 2 });
  await createTopicIfMissing(cluster, { name: tailTopic, partitions: 2 });
  const producer = createProducer(cluster);
  try {
    for (let from = 0; from < N; from += 500) {
      await produceBatch(
        producer,
        planned.slice(from, from + 500).map((p) => ({
          topic,
          partition: p.partition,
          key: Buffer.from(p.key),
          value: Buffer.from(JSON.stringify(p.value)),
          headers: { kind: p.kind, seq: String(p.i) },
          timestamp: p.timestamp,
        })),
        { compression: from % 1000 === 0 ? 'lz4' : 'gzip' },
      );
    }
    // 120,000 small records for the cancel test.
    for (let b = 0; b < 24; b++) {
      const batch: OutgoingRecord[] = Array.from({ length: 5000 }, (_, j) => ({
        topic: bigTopic,
        partition: j % 2,
        key: Buffer.from(`k${j}`),
        value: Buffer.from(`{"n":${b * 5000 + j}}`),
        timestamp: BASE + b * 5000 + j,
      }));
      await produceBatch(producer, batch, { compression: 'lz4' });
    }
  } finally {
    await closeProducer(producer);
  }
}, 180_000);

afterAll(async () => {
  await deleteTopicsIfPresent(cluster, [topic, bigTopic, tailTopic]);
  await closeReaders();
  await closeAdmins();
});

describe('reading positions', () => {
  it('earliest on all partitions: the oldest records merged by timestamp', async () => {
    const p = await page({ start: 'earliest', limit: '50' });
    expect(ids(p.messages)).toEqual(idsOf(planned.slice(0, 50)));
    expect(p.messages[0]!.value).toEqual({ format: 'json', value: planned[0]!.value });
    expect(p.messages[0]!.key).toEqual({ format: 'text', text: 'order-0' });
    expect(p).toMatchObject({ atStart: true, atEnd: false, prevCursor: null, direction: 'forward' });
    expect(p.partitions).toEqual([0, 1, 2].map((partition) => ({ partition, low: '0', high: '1000' })));
  });

  it('latest on all partitions: the last records before the end, oldest first', async () => {
    const p = await page({ start: 'latest', limit: '50' });
    expect(ids(p.messages)).toEqual(idsOf(planned.slice(N - 50)));
    expect(p).toMatchObject({ atEnd: true, atStart: false, direction: 'backward' });
  });

  it('an offset on one partition, and on all partitions', async () => {
    const one = await page({ partition: '1', offset: '100', limit: '30' });
    expect(ids(one.messages)).toEqual(
      idsOf(planned.filter((p) => p.partition === 1 && p.offset >= 100).slice(0, 30)),
    );
    const all = await page({ start: 'offset', offset: '500', limit: '30' });
    expect(ids(all.messages)).toEqual(idsOf(planned.filter((p) => p.offset >= 500).slice(0, 30)));
  });

  it('a timestamp on all partitions and on one; past the end gives an empty page at the end', async () => {
    const at = new Date(BASE + 1234 * 1000 + 500).toISOString();
    const all = await page({ start: 'timestamp', timestamp: at, limit: '40' });
    expect(ids(all.messages)).toEqual(idsOf(planned.slice(1235, 1275)));
    const one = await page({
      start: 'timestamp',
      timestamp: String(BASE + 1234 * 1000),
      partition: '2',
      limit: '10',
    });
    expect(ids(one.messages)).toEqual(
      idsOf(planned.filter((p) => p.partition === 2 && p.i >= 1234).slice(0, 10)),
    );
    const after = await page({ start: 'timestamp', timestamp: String(BASE + N * 1000 + 1) });
    expect(after.messages).toEqual([]);
    expect(after.atEnd).toBe(true);
    // Previous from there is the last page.
    const previous = await page({ cursor: after.prevCursor!, limit: '10' });
    expect(ids(previous.messages)).toEqual(idsOf(planned.slice(N - 10)));
  });

  it('refuses out-of-range offsets, unknown topics and partitions in words', async () => {
    await expect(page({ partition: '0', offset: '1001' })).rejects.toMatchObject({
      code: 'OFFSET_OUT_OF_RANGE',
      message: expect.stringMatching(/offset 1001 is outside .*\/0, which holds offsets 0 to 999/),
    });
    await expect(page({ start: 'offset', offset: '5000' })).rejects.toMatchObject({
      code: 'OFFSET_OUT_OF_RANGE',
    });
    await expect(page({}, uniqueName('missing'))).rejects.toMatchObject({ code: 'UNKNOWN_TOPIC' });
    await expect(page({ partition: '3' })).rejects.toMatchObject({
      code: 'UNKNOWN_PARTITION',
      message: expect.stringMatching(/has no partition 3; it has partitions 0 to 2/),
    });
    await expect(page({ cursor: 'garbage' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('paging', () => {
  it('forward pages tile the topic exactly; Previous returns exactly the page before', async () => {
    const pages: MessagePage[] = [await page({ start: 'earliest', limit: '100' })];
    for (let i = 1; i < 6; i++) pages.push(await page({ cursor: pages[i - 1]!.nextCursor!, limit: '100' }));
    expect(pages.flatMap((p) => ids(p.messages))).toEqual(idsOf(planned.slice(0, 600)));
    for (let i = 5; i >= 1; i--) {
      const back = await page({ cursor: pages[i]!.prevCursor!, limit: '100' });
      expect(ids(back.messages)).toEqual(ids(pages[i - 1]!.messages));
    }
  });

  it('backward from the end: each Previous is the neighbouring older page, each Next the newer one', async () => {
    let current = await page({ start: 'latest', limit: '70' });
    const seen = [ids(current.messages)];
    for (let i = 0; i < 4; i++) {
      const older = await page({ cursor: current.prevCursor!, limit: '70' });
      expect(ids(older.messages)).toEqual(idsOf(planned.slice(N - 70 * (i + 2), N - 70 * (i + 1))));
      // and Next from the older page is the page we came from
      const newer = await page({ cursor: older.nextCursor!, limit: '70' });
      expect(ids(newer.messages)).toEqual(seen[i]);
      seen.push(ids(older.messages));
      current = older;
    }
  });

  it('pages a single partition by offset', async () => {
    const first = await page({ partition: '2', start: 'earliest', limit: '250' });
    const second = await page({ cursor: first.nextCursor!, limit: '250' });
    expect(second.messages.map((m) => Number(m.offset))).toEqual(
      Array.from({ length: 250 }, (_, i) => 250 + i),
    );
    expect(second.messages.every((m) => m.partition === 2)).toBe(true);
  });
});

describe('server-side filters', () => {
  const cases: [string, Record<string, string>, (p: Planned) => boolean][] = [
    ['key exact', { key: 'order-7' }, (p) => p.key === 'order-7'],
    ['key prefix', { key: 'order-3', keyMatch: 'prefix' }, (p) => p.key.startsWith('order-3')],
    ['header', { headerName: 'kind', headerValue: 'audit' }, (p) => p.kind === 'audit'],
    [
      'value predicate',
      { predicates: JSON.stringify([{ path: 'amount', op: '>=', value: '900' }]) },
      (p) => p.value.amount >= 900,
    ],
    [
      'array path',
      { predicates: JSON.stringify([{ path: 'items[0].sku', op: 'in', value: 'SKU-1, SKU-3' }]) },
      (p) => ['SKU-1', 'SKU-3'].includes(p.value.items[0]!.sku),
    ],
    [
      'exists',
      { predicates: JSON.stringify([{ path: 'note', op: 'exists' }]) },
      (p) => p.value.note !== null,
    ],
    [
      'expression',
      {
        expr: '(value.type == "OrderPaid" or value.type == "OrderShipped") and not headers.kind == "audit" and partition != 0 and lower(key) startsWith "order-1"',
      },
      (p) =>
        (p.value.type === 'OrderPaid' || p.value.type === 'OrderShipped') &&
        p.kind !== 'audit' &&
        p.partition !== 0 &&
        p.key.startsWith('order-1'),
    ],
    [
      'expression on offset and timestamp',
      { expr: `offset >= 900 and timestamp < ${BASE + 2900 * 1000}` },
      (p) => p.offset >= 900 && p.timestamp < BASE + 2900 * 1000,
    ],
    [
      'everything combined',
      {
        key: 'order-2',
        keyMatch: 'prefix',
        headerName: 'kind',
        headerValue: 'normal',
        expr: 'value.amount < 500',
      },
      (p) => p.key.startsWith('order-2') && p.kind === 'normal' && p.value.amount < 500,
    ],
  ];

  it.each(cases)('%s finds exactly the expected records, in timestamp order', async (_name, q, expected) => {
    const { messages, events } = await search({ start: 'earliest', ...q });
    const want = planned.filter(expected);
    expect(want.length).toBeGreaterThan(0);
    expect(ids(messages)).toEqual(idsOf(want));
    expect(events.at(-1)).toMatchObject({
      type: 'done',
      reason: 'end',
      scanned: N,
      total: N,
      matched: want.length,
      atEnd: true,
    });
  });

  it('streams typed events: phases, progress with totals, matches, done with cursors', async () => {
    const { events, messages } = await search({
      start: 'earliest',
      expr: 'value.type == "OrderPaid"',
      limit: '100',
    });
    expect(events[0]).toMatchObject({ type: 'phase', phase: 'resolving' });
    expect(events[1]).toMatchObject({ type: 'phase', phase: 'scanning', total: N, direction: 'forward' });
    expect(messages).toHaveLength(100);
    const done = events.at(-1)!;
    expect(done).toMatchObject({ type: 'done', reason: 'limit', limitedBy: 'matches', matched: 100 });
    // The next page of the search continues exactly after the last match.
    const next = await search({
      cursor: (done as { nextCursor: string }).nextCursor,
      expr: 'value.type == "OrderPaid"',
      limit: '100',
    });
    expect(ids(next.messages)).toEqual(
      idsOf(planned.filter((p) => p.value.type === 'OrderPaid').slice(100, 200)),
    );
  });

  it('searches backwards from the end, newest first', async () => {
    const { messages } = await search({ start: 'latest', key: 'order-5', limit: '5' });
    expect(ids(messages)).toEqual(
      idsOf(
        planned
          .filter((p) => p.key === 'order-5')
          .slice(-5)
          .reverse(),
      ),
    );
  });

  it('stops at the scan bound and says so', async () => {
    const { events } = await search({ start: 'earliest', expr: 'value.amount < 0', maxScan: '1000' });
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'limit', limitedBy: 'scan', matched: 0 });
    expect((events.at(-1) as { scanned: number }).scanned).toBeGreaterThanOrEqual(1000);
  });

  it('cancel stops the scan on the server early', async () => {
    const controller = new AbortController();
    const events: SearchEvent[] = [];
    const started = Date.now();
    for await (const e of searchMessages(
      cluster,
      bigTopic,
      messageSearchQuery.parse({ start: 'earliest', expr: 'value.n < 0' }),
      controller.signal,
    )) {
      events.push(e);
      // Cancel as the scan starts: a timer would race the scan, which may finish 120,000 records first.
      if (e.type === 'phase' && e.phase === 'scanning') controller.abort();
    }
    const done = events.at(-1)!;
    expect(done).toMatchObject({ type: 'done', reason: 'cancelled', total: 120_000 });
    expect((done as { scanned: number }).scanned).toBeLessThan(120_000);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('an invalid expression is refused with its position before anything is read', () => {
    const result = messageSearchQuery.safeParse({ expr: 'value.type == "x" and (' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({
      path: ['expr'],
      message: 'the filter ends too early at position 23',
    });
    expect(
      messageSearchQuery.safeParse({ expr: 'constructor.constructor("return process")()' }).success,
    ).toBe(false);
  });
});

describe('export and tail', () => {
  it('exports what a search finds as NDJSON', async () => {
    const { filename, body } = await exportMessages(
      cluster,
      topic,
      messageExportQuery.parse({ start: 'earliest', headerName: 'kind', headerValue: 'audit' }),
      new AbortController().signal,
    );
    expect(filename).toMatch(new RegExp(`^${topic}-.*\\.ndjson$`));
    const text = await new Response(body).text();
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as DecodedMessage);
    expect(ids(lines)).toEqual(idsOf(planned.filter((p) => p.kind === 'audit')));
    expect(lines[0]!.raw.value).toBe(Buffer.from(JSON.stringify(planned[0]!.value)).toString('base64'));
  });

  it('tails new records as they arrive, filtered', async () => {
    const controller = new AbortController();
    const received: DecodedMessage[] = [];
    const producer = createProducer(cluster);
    // A tail that never shows the records ends here, and the expectation below says what it got.
    const timeout = setTimeout(() => controller.abort(), 30_000);
    try {
      const tail = tailMessages(
        cluster,
        tailTopic,
        messageTailQuery.parse({ expr: 'value.keep == true' }),
        controller.signal,
      );
      for await (const e of tail) {
        if (e.type === 'phase') {
          await produceBatch(producer, [
            {
              topic: tailTopic,
              partition: 0,
              key: Buffer.from('a'),
              value: Buffer.from('{"keep":true,"n":1}'),
            },
            {
              topic: tailTopic,
              partition: 1,
              key: Buffer.from('b'),
              value: Buffer.from('{"keep":false,"n":2}'),
            },
          ]);
          await produceBatch(producer, [
            {
              topic: tailTopic,
              partition: 1,
              key: Buffer.from('c'),
              value: Buffer.from('{"keep":true,"n":3}'),
            },
          ]);
        }
        if (e.type === 'message') received.push(e.message);
        if (received.length === 2) controller.abort();
      }
    } finally {
      clearTimeout(timeout);
      await closeProducer(producer);
    }
    expect(received.map((m) => (m.value as unknown as { value: { n: number } }).value.n).sort()).toEqual([
      1, 3,
    ]);
  });
});

describe('the lean scanner behind search and export', () => {
  /** Reads a whole topic one Fetch response at a time with the scanner. */
  async function scanAll(name: string, isolation: 'read_committed' | 'read_uncommitted') {
    const out = [];
    for (const w of await readWatermarks(cluster, name)) {
      for (let at = w.low; at < w.high;) {
        const chunk = await fetchRecordChunk(cluster, {
          topic: name,
          partition: w.partition,
          fromOffset: at,
          maxBytes: 64 * 1024,
          isolation,
        });
        out.push(...chunk.records);
        if (chunk.nextOffset <= at) break;
        at = chunk.nextOffset;
      }
    }
    return out;
  }

  it.each([
    ['codecs', 'read_committed'],
    ['transfers', 'read_committed'],
    ['transfers', 'read_uncommitted'],
    ['orders', 'read_committed'],
    ['orders.DLQ', 'read_committed'],
  ] as const)(
    'reads %s (%s) exactly as the shared reader does: codecs, headers, aborted transactions',
    async (name, isolation) => {
      const expected = [];
      for (const w of await readWatermarks(cluster, name)) {
        expected.push(
          ...(
            await readPartitionRange(cluster, {
              topic: name,
              partition: w.partition,
              fromOffset: w.low,
              limit: 1_000_000,
              isolation,
            })
          ).records,
        );
      }
      expect(expected.length).toBeGreaterThan(0);
      // Every field, the lazily sliced value and headers included.
      const plain = (rs: RawRecord[]) =>
        rs.map(
          ({
            partition,
            offset,
            timestamp,
            timestampType,
            key,
            value,
            headers,
            compression,
            transactional,
          }) => ({
            partition,
            offset,
            timestamp,
            timestampType,
            key,
            value,
            headers,
            compression,
            transactional,
          }),
        );
      expect(plain(await scanAll(name, isolation))).toEqual(plain(expected));
    },
  );

  it('starts inside a batch and refuses a missing topic in words', async () => {
    const chunk = await fetchRecordChunk(cluster, {
      topic,
      partition: 1,
      fromOffset: 123n,
      maxBytes: 1024 * 1024,
    });
    expect(chunk.records[0]!.offset).toBe(123n);
    expect(chunk.highWatermark).toBe(1000n);
    await expect(
      fetchRecordChunk(cluster, {
        topic: uniqueName('missing'),
        partition: 0,
        fromOffset: 0n,
        maxBytes: 1024,
      }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_TOPIC' });
    await expect(
      fetchRecordChunk(cluster, { topic, partition: 0, fromOffset: 5000n, maxBytes: 1024 }),
    ).rejects.toMatchObject({ code: 'OFFSET_OUT_OF_RANGE' });
  });
});

describe('no side effects', () => {
  it('browsing, searching, tailing and exporting leave the consumer groups as they were', async () => {
    const after = (await listGroups(cluster)).map((g) => g.id).sort();
    // Other tests may create their own groups meanwhile; none of ours may appear and none may vanish.
    expect(after.filter((g) => !groupsBefore.includes(g) && !/^it-/.test(g))).toEqual([]);
    expect(groupsBefore.filter((g) => !after.includes(g) && !/^it-/.test(g))).toEqual([]);
    expect(after.some((g) => /event-store-console|never-joins/.test(g))).toBe(false);
  });
});
