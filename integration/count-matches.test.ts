import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTopicName } from '@/lib/demo/topics';
import { closeAdmins } from '@/lib/kafka/admin';
import { closeProducer, createProducer, produceBatch } from '@/lib/kafka/producer';
import { closeReaders } from '@/lib/kafka/reader';
import { createTopicIfMissing, deleteTopicsIfPresent } from '@/lib/kafka/topics';
import { countMatches } from '@/lib/messages/count-matches';
import { messageSearchQuery } from '@/lib/messages/message-query';
import { searchMessages } from '@/lib/messages/search-messages';
import type { SearchDoneEvent, SearchEvent } from '@/lib/schemas/messages';
import { localCluster, uniqueName } from './support';

/**
 * The count behind "20 shown of 1,234 matches": after a full page, the browser counts the rest
 * of the range from the page's cursor. On a topic of our own with a known number of matches in
 * 3 partitions, page plus count is the true total, forwards and from Latest backwards.
 */
const cluster = localCluster();
const topic = uniqueName('count-matches');
const PER_PARTITION = 400;
// Every third record of a partition is an OrderPaid: 134 per partition (offsets 0, 3, …, 399).
const PAID_PER_PARTITION = Math.ceil(PER_PARTITION / 3);
const EXPR = 'value.type == "OrderPaid"';

async function collect(events: AsyncGenerator<SearchEvent>): Promise<SearchEvent[]> {
  const out: SearchEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}
const doneOf = (events: SearchEvent[]) => events.find((e): e is SearchDoneEvent => e.type === 'done')!;

beforeAll(async () => {
  await createTopicIfMissing(cluster, { name: topic, partitions: 3 });
  const producer = createProducer(cluster);
  try {
    const base = Date.now() - 3_600_000;
    await produceBatch(
      producer,
      [0, 1, 2].flatMap((partition) =>
        Array.from({ length: PER_PARTITION }, (_, n) => ({
          topic,
          partition,
          key: Buffer.from(`order-${partition}-${n}`),
          value: Buffer.from(JSON.stringify({ type: n % 3 === 0 ? 'OrderPaid' : 'OrderPlaced', n })),
          timestamp: base + n * 1000 + partition,
        })),
      ),
    );
  } finally {
    await closeProducer(producer);
  }
}, 60_000);

afterAll(async () => {
  await deleteTopicsIfPresent(cluster, [topic]);
  await closeReaders();
  await closeAdmins();
});

describe('counting the matches after a full page', () => {
  const total = 3 * PAID_PER_PARTITION;

  it('from the next cursor of a forward page, page plus count is every match', async () => {
    const page = doneOf(
      await collect(
        searchMessages(
          cluster,
          topic,
          messageSearchQuery.parse({ start: 'earliest', limit: '25', expr: EXPR }),
          new AbortController().signal,
        ),
      ),
    );
    expect(page).toMatchObject({ reason: 'limit', limitedBy: 'matches', matched: 25 });
    const events = await collect(
      countMatches(
        cluster,
        topic,
        messageSearchQuery.parse({ cursor: page.nextCursor!, expr: EXPR }),
        new AbortController().signal,
      ),
    );
    expect(events.some((e) => e.type === 'message')).toBe(false);
    const count = doneOf(events);
    expect(count).toMatchObject({ reason: 'end', matched: total - 25 });
    // It read from the cursor to the end of every partition, no further back.
    expect(count.scanned).toBe(count.total);
    expect(count.total).toBeLessThan(3 * PER_PARTITION);
    expect(count.atEnd).toBe(true);
  });

  it('from the previous cursor of a page at Latest, the older matches are counted', async () => {
    const page = doneOf(
      await collect(
        searchMessages(
          cluster,
          topic,
          messageSearchQuery.parse({ start: 'latest', limit: '40', expr: EXPR }),
          new AbortController().signal,
        ),
      ),
    );
    expect(page).toMatchObject({ reason: 'limit', limitedBy: 'matches', matched: 40 });
    const count = doneOf(
      await collect(
        countMatches(
          cluster,
          topic,
          messageSearchQuery.parse({ cursor: page.prevCursor!, expr: EXPR }),
          new AbortController().signal,
        ),
      ),
    );
    expect(count).toMatchObject({ reason: 'end', matched: total - 40 });
  });

  it('stops at maxScan and says so, with the matches counted up to there', async () => {
    const count = doneOf(
      await collect(
        countMatches(
          cluster,
          topic,
          messageSearchQuery.parse({ start: 'earliest', partition: '0', maxScan: '30', expr: EXPR }),
          new AbortController().signal,
        ),
      ),
    );
    expect(count).toMatchObject({ reason: 'limit', limitedBy: 'scan', scanned: 30, matched: 10 });
  });
});

describe('a count on the demo orders (Avro through the registry) finds what the search finds', () => {
  const orders = demoTopicName('orders');

  /** The search's matches of a filter over the whole topic, and the count of the same filter. */
  async function searchAndCount(filter: Record<string, string>) {
    const params = { start: 'earliest', limit: '10000', ...filter };
    const searched = await collect(
      searchMessages(cluster, orders, messageSearchQuery.parse(params), new AbortController().signal),
    );
    const counted = await collect(
      countMatches(cluster, orders, messageSearchQuery.parse(params), new AbortController().signal),
    );
    const search = doneOf(searched);
    // Every match of the topic fits the search's limit, so its count is the whole truth.
    expect(search).toMatchObject({ reason: 'end' });
    expect(searched.filter((e) => e.type === 'message')).toHaveLength(search.matched);
    expect(counted.some((e) => e.type === 'message')).toBe(false);
    return { search, count: doneOf(counted) };
  }

  it.each([
    [
      'a value filter (a projected Avro read)',
      { expr: 'value.type == "OrderPaid" and value.payload.amountCents > 5000' },
    ],
    ['a key filter', { key: 'order-00004', keyMatch: 'prefix' }],
    ['a header filter', { headerName: 'event-type', headerValue: 'OrderShipped' }],
  ])('%s', async (_, filter) => {
    const { search, count } = await searchAndCount(filter);
    expect(search.matched).toBeGreaterThan(0);
    expect(search.matched).toBeLessThan(search.total);
    expect(count).toMatchObject({
      reason: 'end',
      matched: search.matched,
      scanned: search.scanned,
      atEnd: true,
    });
  });
});
