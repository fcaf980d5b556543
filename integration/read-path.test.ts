import { afterAll, describe, expect, it } from 'vitest';
import { closeAdmins } from '@/lib/kafka/admin';
import { closeReaders } from '@/lib/kafka/reader';
import { browseMessages } from '@/lib/messages/browse-messages';
import { exportMessages } from '@/lib/messages/export-messages';
import { searchMessages } from '@/lib/messages/search-messages';
import { messageExportQuery, messagePageQuery, messageSearchQuery } from '@/lib/messages/message-query';
import type { DecodedMessage } from '@/lib/serde/types';
import { demoTopicName, planDemoSeed } from '@/lib/demo';
import { scanAggregateEvents } from '@/lib/timetravel/read-aggregate-events';
import { streamSpecFor } from '@/lib/timetravel/stream-spec';
import { localCluster } from './support';

/**
 * Every feature reads through the one reader: the seeded `codecs` topic (one batch per codec,
 * zstd included) and `transfers` (committed, aborted, committed transactions) read back the same
 * through a page, a search, an export and time travel, under read_committed and
 * read_uncommitted, and equal to the generator's model of what was written.
 */
const cluster = localCluster();
const plan = planDemoSeed({ seed: 1, events: 100 });

interface Seen {
  offset: number;
  key: string;
  value: string;
  compression?: string;
}

const expected = {
  codecs: plan.codecs.flatMap((b) =>
    b.records.map((r) => ({
      offset: r.offset,
      key: r.key!.toString(),
      value: r.value!.toString(),
      compression: b.codec,
    })),
  ),
  transfers: (isolation: 'read_committed' | 'read_uncommitted') =>
    plan.transfers
      .filter((t) => isolation === 'read_uncommitted' || t.outcome === 'commit')
      .flatMap((t) =>
        t.records.map((r) => ({ offset: r.offset, key: r.key!.toString(), value: r.value!.toString() })),
      ),
};

/** What a decoded message says, in the terms of the plan (values compared as the JSON they hold). */
function seen(m: DecodedMessage, withCompression: boolean): Seen {
  const key = m.key.format === 'text' ? m.key.text : JSON.stringify(m.key);
  const value = m.value.format === 'json' ? JSON.stringify(m.value.value) : JSON.stringify(m.value);
  return { offset: Number(m.offset), key, value, ...(withCompression ? { compression: m.compression } : {}) };
}

const asPlanned = (rows: Seen[]) => rows.map((r) => ({ ...r, value: JSON.stringify(JSON.parse(r.value)) }));

async function throughPage(topic: string, isolation: string, withCompression: boolean): Promise<Seen[]> {
  const page = await browseMessages(
    cluster,
    topic,
    messagePageQuery.parse({ start: 'earliest', limit: '1000', isolation }),
  );
  return page.messages.map((m) => seen(m, withCompression));
}

async function throughSearch(topic: string, isolation: string, withCompression: boolean): Promise<Seen[]> {
  const out: Seen[] = [];
  // A filter every record passes, so the records go through the filter stage of the scan too.
  for await (const e of searchMessages(
    cluster,
    topic,
    messageSearchQuery.parse({ start: 'earliest', isolation, expr: 'offset >= 0' }),
    new AbortController().signal,
  )) {
    if (e.type === 'message') out.push(seen(e.message, withCompression));
    if (e.type === 'error') throw new Error(e.error.message);
  }
  return out;
}

async function throughExport(topic: string, isolation: string, withCompression: boolean): Promise<Seen[]> {
  const { body } = await exportMessages(
    cluster,
    topic,
    messageExportQuery.parse({ start: 'earliest', isolation }),
    new AbortController().signal,
  );
  const text = await new Response(body).text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => seen(JSON.parse(line) as DecodedMessage, withCompression));
}

/** Time travel shows events, not batches: the codec is checked by the other three. */
async function throughTimeTravel(topic: string): Promise<Seen[]> {
  const spec = streamSpecFor(cluster, { topic, partitioner: 'murmur2' });
  const keys = [
    ...new Set(
      expected.codecs
        .map((r) => r.key)
        .concat(plan.transfers.flatMap((t) => t.records.map((r) => r.key!.toString()))),
    ),
  ];
  const out: Seen[] = [];
  for (const id of keys) {
    for await (const item of scanAggregateEvents(cluster, spec, topic, id, { partitions: [0] })) {
      if (item.type !== 'event') continue;
      const e = item.event;
      out.push({ offset: Number(e.offset), key: e.key ?? '', value: JSON.stringify(e.value) });
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

afterAll(async () => {
  await closeReaders();
  await closeAdmins();
});

describe('one read path for page, search, export and time travel', () => {
  it.each(['read_committed', 'read_uncommitted'] as const)(
    'codecs (%s): none, gzip, snappy, lz4 and zstd batches read the same everywhere',
    async (isolation) => {
      const topic = demoTopicName('codecs');
      const want = asPlanned(expected.codecs);
      expect(new Set(want.map((r) => r.compression))).toEqual(
        new Set(['none', 'gzip', 'snappy', 'lz4', 'zstd']),
      );
      expect(asPlanned(await throughPage(topic, isolation, true))).toEqual(want);
      expect(asPlanned(await throughSearch(topic, isolation, true))).toEqual(want);
      expect(asPlanned(await throughExport(topic, isolation, true))).toEqual(want);
      if (isolation === 'read_committed')
        expect(asPlanned(await throughTimeTravel(topic))).toEqual(want.map(({ compression: _, ...r }) => r));
    },
  );

  it.each(['read_committed', 'read_uncommitted'] as const)(
    'transfers (%s): the aborted transaction is hidden or shown alike everywhere; markers never',
    async (isolation) => {
      const topic = demoTopicName('transfers');
      const want = asPlanned(expected.transfers(isolation));
      expect(want.length).toBe(isolation === 'read_committed' ? 5 : 7);
      expect(asPlanned(await throughPage(topic, isolation, false))).toEqual(want);
      expect(asPlanned(await throughSearch(topic, isolation, false))).toEqual(want);
      expect(asPlanned(await throughExport(topic, isolation, false))).toEqual(want);
      if (isolation === 'read_committed') expect(asPlanned(await throughTimeTravel(topic))).toEqual(want);
    },
  );
});
