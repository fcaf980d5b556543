import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/demo/prng';
import type { RawRecord } from '@/lib/kafka/records';
import type { DecodedMessage } from '@/lib/serde/types';
import { compileMessageFilter, type CompiledFilter } from './compile-filter';
import { compareRecordOrder, decodeCursor, type Positions } from './cursor';
import { pageBoundaries } from './page-boundaries';
import {
  runScan,
  type ChunkRequest,
  type LaneSpec,
  type ScanDone,
  type ScanEngineOptions,
} from './scan-engine';

/** Three partitions of JSON records with interleaved, per-partition increasing timestamps. */
function makeTopic(counts: number[], seed = 7): RawRecord[][] {
  let x = seed;
  const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return counts.map((count, partition) => {
    let ts = 1_700_000_000_000 + partition * 3;
    return Array.from({ length: count }, (_, i) => {
      ts += 1 + Math.floor(rand() * 50);
      const type = ['Placed', 'Paid', 'Shipped'][i % 3]!;
      return {
        partition,
        offset: BigInt(i),
        timestamp: ts,
        timestampType: 'create',
        key: Buffer.from(`order-${i % 10}`),
        value: Buffer.from(JSON.stringify({ type, n: i, partition })),
        headers: [{ key: 'type', value: Buffer.from(type) }],
        compression: 'none',
        transactional: false,
      } satisfies RawRecord;
    });
  });
}

function fakeDecode(record: RawRecord): DecodedMessage {
  return {
    topic: 't',
    partition: record.partition,
    offset: record.offset.toString(),
    timestamp: record.timestamp,
    timestampType: record.timestampType,
    compression: record.compression,
    key: record.key ? { format: 'text', text: record.key.toString() } : { format: 'null' },
    value: record.value ? { format: 'json', value: JSON.parse(record.value.toString()) } : { format: 'null' },
    headers: [],
    size: { key: record.key?.length ?? 0, value: record.value?.length ?? 0 },
    raw: { key: null, value: null },
  };
}

/**
 * Reads like readPartitionRange with one fetch per read: at most `perFetch` records from `fromOffset`.
 * Each read answers after a short delay that differs between reads, so lanes finish out of
 * order; the delays come from a seeded generator, so a failure replays the same interleaving.
 */
function fakeReader(topic: RawRecord[][], perFetch = 7, log: ChunkRequest[] = [], seed = 'scan-engine') {
  const rng = createRng(seed);
  return async (req: ChunkRequest) => {
    log.push(req);
    const delay = rng.next() * 2;
    await new Promise((r) => setTimeout(r, delay));
    const records = topic[req.partition]!.filter((r) => r.offset >= req.fromOffset).slice(
      0,
      Math.min(req.limit, perFetch),
    );
    return {
      records,
      nextOffset: records.length ? records[records.length - 1]!.offset + 1n : req.fromOffset,
    };
  };
}

async function collect(
  options: Partial<ScanEngineOptions> & Pick<ScanEngineOptions, 'lanes' | 'direction' | 'read'>,
) {
  const matches: RawRecord[] = [];
  let done: ScanDone | undefined;
  let decodes = 0;
  for await (const step of runScan({
    topic: 't',
    filter: null,
    limit: 1_000_000,
    maxScan: 1_000_000,
    chunkRecords: 10,
    concurrency: 2,
    decode: (r) => {
      decodes++;
      return fakeDecode(r);
    },
    ...options,
  })) {
    if (step.type === 'match') matches.push(step.record);
    if (step.type === 'done') done = step;
  }
  return { matches, done: done!, decodes };
}

const id = (r: RawRecord) => `${r.partition}:${r.offset}`;
const forwardLanes = (topic: RawRecord[][], from?: Positions): LaneSpec[] =>
  topic.map((p, i) => ({ partition: i, start: from?.get(i) ?? 0n, bound: BigInt(p.length) }));
const backwardLanes = (topic: RawRecord[][], from?: Positions): LaneSpec[] =>
  topic.map((p, i) => ({ partition: i, start: from?.get(i) ?? BigInt(p.length), bound: 0n }));

describe('the scan engine', () => {
  const topic = makeTopic([40, 25, 0, 33]);
  const all = topic.flat().sort(compareRecordOrder);

  it('merges all partitions by timestamp, then partition and offset', async () => {
    const { matches, done } = await collect({
      direction: 'forward',
      lanes: forwardLanes(topic),
      read: fakeReader(topic),
    });
    expect(matches.map(id)).toEqual(all.map(id));
    expect(done).toMatchObject({ reason: 'end', scanned: all.length, matched: all.length, exhausted: true });
  });

  it('pages forward without gaps or repeats, and a page ends where the next begins', async () => {
    const seen: string[] = [];
    let from: Positions | undefined;
    for (let page = 0; page < 20; page++) {
      const { matches, done } = await collect({
        direction: 'forward',
        lanes: forwardLanes(topic, from),
        read: fakeReader(topic),
        limit: 17,
      });
      seen.push(...matches.map(id));
      from = done.positions;
      if (done.reason === 'end') break;
      expect(matches).toHaveLength(17);
    }
    expect(seen).toEqual(all.map(id));
  });

  it('reads backwards newest first, and a backward page is the forward page before it', async () => {
    const last = await collect({
      direction: 'backward',
      lanes: backwardLanes(topic),
      read: fakeReader(topic),
      limit: 10,
    });
    expect(last.matches.map(id)).toEqual(all.slice(-10).reverse().map(id));
    // Page 3 forward from the start, then the page before its end read backwards: the same records.
    let from: Positions | undefined;
    let page: RawRecord[] = [];
    let start: Positions | undefined;
    for (let i = 0; i < 3; i++) {
      start = from;
      const r = await collect({
        direction: 'forward',
        lanes: forwardLanes(topic, from),
        read: fakeReader(topic),
        limit: 12,
      });
      page = r.matches;
      from = r.done.positions;
    }
    const back = await collect({
      direction: 'backward',
      lanes: backwardLanes(topic, from),
      read: fakeReader(topic),
      limit: 12,
    });
    expect([...back.matches].reverse().map(id)).toEqual(page.map(id));
    expect([...back.done.positions]).toEqual([...start!]);
  });

  it('filters on the raw record without decoding the rejected ones', async () => {
    const filter = compileMessageFilter({ key: { value: 'order-3', match: 'exact' } });
    const { matches, decodes } = await collect({
      direction: 'forward',
      lanes: forwardLanes(topic),
      read: fakeReader(topic),
      filter,
    });
    const expected = all.filter((r) => r.key!.toString() === 'order-3');
    expect(matches.map(id)).toEqual(expected.map(id));
    expect(decodes).toBe(expected.length);
  });

  it('decodes for a value filter, and pages a filtered scan exactly', async () => {
    const filter = compileMessageFilter({ expression: 'value.type == "Paid" and partition != 1' });
    const expected = all.filter((r) => JSON.parse(r.value!.toString()).type === 'Paid' && r.partition !== 1);
    const seen: string[] = [];
    let from: Positions | undefined;
    for (let page = 0; page < 20; page++) {
      const { matches, done } = await collect({
        direction: 'forward',
        lanes: forwardLanes(topic, from),
        read: fakeReader(topic, 5),
        filter,
        limit: 4,
      });
      seen.push(...matches.map(id));
      from = done.positions;
      if (done.reason === 'end') break;
    }
    expect(seen).toEqual(expected.map(id));
  });

  it('stops at the scan bound with positions that resume exactly', async () => {
    const filter = compileMessageFilter({ expression: 'value.n >= 0' });
    const first = await collect({
      direction: 'forward',
      lanes: forwardLanes(topic),
      read: fakeReader(topic),
      filter,
      maxScan: 30,
    });
    expect(first.done).toMatchObject({ reason: 'limit', limitedBy: 'scan', scanned: 30 });
    const rest = await collect({
      direction: 'forward',
      lanes: forwardLanes(topic, first.done.positions),
      read: fakeReader(topic),
      filter,
    });
    expect(new Set([...first.matches, ...rest.matches].map(id))).toEqual(new Set(all.map(id)));
    expect(first.matches.length + rest.matches.length).toBe(all.length);
  });

  it('stops reading when cancelled', async () => {
    const big = makeTopic([5000, 5000]);
    const controller = new AbortController();
    const log: ChunkRequest[] = [];
    let seen = 0;
    let done: ScanDone | undefined;
    for await (const step of runScan({
      topic: 't',
      direction: 'forward',
      lanes: forwardLanes(big),
      read: fakeReader(big, 50, log),
      decode: fakeDecode,
      filter: compileMessageFilter({ expression: 'value.n < 0' }),
      limit: 10,
      maxScan: 1e9,
      chunkRecords: 50,
      concurrency: 2,
      signal: controller.signal,
      progressIntervalMs: 5,
    })) {
      if (step.type === 'progress' && ++seen === 3) controller.abort();
      if (step.type === 'done') done = step;
    }
    expect(done?.reason).toBe('cancelled');
    expect(done!.scanned).toBeLessThan(10_000);
    const reads = log.length;
    await new Promise((r) => setTimeout(r, 20));
    expect(log.length).toBe(reads);
  });

  it('treats a partition whose readable end is before its bound as finished', async () => {
    // e.g. an open transaction: the last stable offset stops reads early.
    const t = makeTopic([10]);
    const read = async (req: ChunkRequest) => {
      const records = t[0]!.filter((r) => r.offset >= req.fromOffset && r.offset < 6n).slice(0, req.limit);
      return {
        records,
        nextOffset: records.length ? records[records.length - 1]!.offset + 1n : req.fromOffset,
      };
    };
    const { matches, done } = await collect({
      direction: 'forward',
      lanes: [{ partition: 0, start: 0n, bound: 10n }],
      read,
    });
    expect(matches).toHaveLength(6);
    expect(done.reason).toBe('end');
  });
});

describe('page cursors', () => {
  const watermarks = [
    { partition: 0, low: 0n, high: 100n },
    { partition: 1, low: 10n, high: 50n },
  ];

  it('make Next remember where the page started, so Previous returns the same page', () => {
    const from = new Map([
      [0, 20n],
      [1, 10n],
    ]);
    const to = new Map([
      [0, 30n],
      [1, 15n],
    ]);
    const page = pageBoundaries({ direction: 'forward', from, back: undefined, watermarks }, to, false);
    const next = decodeCursor(page.nextCursor!);
    expect(next).toEqual({ direction: 'forward', positions: to, back: from });
    expect(decodeCursor(page.prevCursor!)).toEqual({ direction: 'backward', positions: from });
    expect(page.atStart).toBe(false);
    // The next page, read with that cursor: its Previous is the exact start of this page.
    const following = pageBoundaries(
      { direction: 'forward', from: next.positions, back: next.back, watermarks },
      new Map([
        [0, 40n],
        [1, 20n],
      ]),
      false,
    );
    expect(decodeCursor(following.prevCursor!)).toEqual({ direction: 'forward', positions: from });
  });

  it('say when a page is at the start or the end', () => {
    const start = new Map([
      [0, 0n],
      [1, 10n],
    ]);
    const first = pageBoundaries(
      { direction: 'forward', from: start, back: undefined, watermarks },
      new Map([
        [0, 5n],
        [1, 12n],
      ]),
      false,
    );
    expect(first).toMatchObject({ atStart: true, atEnd: false, prevCursor: null });
    const ends = new Map([
      [0, 100n],
      [1, 50n],
    ]);
    const latest = pageBoundaries(
      { direction: 'backward', from: ends, back: undefined, watermarks },
      new Map([
        [0, 90n],
        [1, 45n],
      ]),
      false,
    );
    expect(latest).toMatchObject({ atStart: false, atEnd: true });
    expect(latest.pageFrom).toEqual(
      new Map([
        [0, 90n],
        [1, 45n],
      ]),
    );
    expect(latest.pageTo).toEqual(ends);
  });
});

describe('counting the matches', () => {
  const topic = makeTopic([40, 25, 0, 33]);
  const all = topic.flat().sort(compareRecordOrder);

  /**
   * Runs a count (forward over the whole topic unless told otherwise): no match step may come;
   * counts the full decodes and the partial ones.
   */
  async function count(filter: CompiledFilter | null, options: Partial<ScanEngineOptions> = {}) {
    let done: ScanDone | undefined;
    let decodes = 0;
    let partials = 0;
    let matchSteps = 0;
    for await (const step of runScan({
      topic: 't',
      limit: 3,
      maxScan: 1_000_000,
      chunkRecords: 10,
      concurrency: 2,
      countOnly: true,
      direction: 'forward',
      lanes: forwardLanes(topic),
      read: fakeReader(topic),
      filter,
      decode: (r) => {
        decodes++;
        return fakeDecode(r);
      },
      decodeForFilter: (r) => {
        partials++;
        const { key, value } = fakeDecode(r);
        return { key, value };
      },
      ...options,
    })) {
      if (step.type === 'match') matchSteps++;
      if (step.type === 'done') done = step;
    }
    return { done: done!, decodes, partials, matchSteps };
  }

  const json = (r: RawRecord) => JSON.parse(r.value!.toString()) as { type: string; n: number };

  it('counts a key filter on the raw records, decoding nothing, past the limit of a page', async () => {
    const result = await count(compileMessageFilter({ key: { value: 'order-3', match: 'exact' } }));
    const expected = all.filter((r) => r.key!.toString() === 'order-3').length;
    expect(expected).toBeGreaterThan(3);
    expect(result).toMatchObject({ decodes: 0, partials: 0, matchSteps: 0 });
    expect(result.done).toMatchObject({ reason: 'end', matched: expected, scanned: all.length });
  });

  it('counts a header filter without decoding a value', async () => {
    const result = await count(compileMessageFilter({ header: { name: 'type', value: 'Shipped' } }));
    expect(result).toMatchObject({ decodes: 0, partials: 0, matchSteps: 0 });
    expect(result.done.matched).toBe(all.filter((r) => json(r).type === 'Shipped').length);
  });

  it('counts every record when nothing filters', async () => {
    const result = await count(null);
    expect(result).toMatchObject({ decodes: 0, partials: 0 });
    expect(result.done).toMatchObject({ reason: 'end', matched: all.length, exhausted: true });
  });

  it('decides a value filter on the partial decode alone, and finds what a search finds', async () => {
    const filter = compileMessageFilter({ expression: 'value.type == "Paid" and partition != 1' });
    const counted = await count(filter);
    const searched = await collect({
      direction: 'forward',
      lanes: forwardLanes(topic),
      read: fakeReader(topic),
      filter,
      decodeForFilter: (r) => fakeDecode(r),
    });
    const expected = all.filter((r) => json(r).type === 'Paid' && r.partition !== 1).length;
    expect(searched.matches).toHaveLength(expected);
    expect(counted.done.matched).toBe(expected);
    // Partition 1 is dropped on the raw record; the others are decoded for the filter only.
    expect(counted.partials).toBe(all.filter((r) => r.partition !== 1).length);
    expect(counted.decodes).toBe(0);
  });

  it('decodes whole only what it cannot decide otherwise, when there is no partial decode', async () => {
    const result = await count(compileMessageFilter({ expression: 'value.n < 10' }), {
      decodeForFilter: undefined,
    });
    expect(result.done.matched).toBe(all.filter((r) => json(r).n < 10).length);
    expect(result.decodes).toBe(all.length);
  });

  it('stops at the scan bound at its frontier, and a count from there counts the rest', async () => {
    const filter = compileMessageFilter({ expression: 'value.type != "Placed"' });
    const first = await count(filter, {
      maxScan: 30,
    });
    expect(first.done).toMatchObject({ reason: 'limit', limitedBy: 'scan', scanned: 30 });
    const evaluated = [...first.done.positions].reduce((n, [, offset]) => n + Number(offset), 0);
    expect(evaluated).toBe(30);
    const rest = await count(filter, { lanes: forwardLanes(topic, first.done.positions) });
    expect(first.done.matched + rest.done.matched).toBe(all.filter((r) => json(r).type !== 'Placed').length);
  });

  it('counts backwards what it counts forwards', async () => {
    const filter = compileMessageFilter({ expression: 'value.type == "Shipped" and value.n > 7' });
    const forward = await count(filter);
    const backward = await count(filter, { direction: 'backward', lanes: backwardLanes(topic) });
    expect(backward.done.matched).toBe(forward.done.matched);
    expect(forward.done.matched).toBe(all.filter((r) => json(r).type === 'Shipped' && json(r).n > 7).length);
  });
});

describe('releasing what a scan has read', () => {
  const topic = makeTopic([40, 25, 33]);
  const all = topic.flat().sort(compareRecordOrder);

  /** Reads as fakeReader, as blocks whose release wipes their records' bytes, as freed memory would read. */
  function releasingReader(released: { blocks: number; records: number }) {
    const read = fakeReader(topic, 7);
    return async (req: ChunkRequest) => {
      const { records, nextOffset } = await read(req);
      const own = records.map((r) => ({ ...r, key: Buffer.from(r.key!), value: Buffer.from(r.value!) }));
      return {
        nextOffset,
        records: {
          length: own.length,
          offset: (i: number) => own[i]!.offset,
          timestamp: (i: number) => own[i]!.timestamp,
          at: (i: number) => own[i]!,
          record: (i: number) => own[i]!,
          release: () => {
            released.blocks++;
            released.records += own.length;
            for (const r of own) {
              r.key.fill(0);
              r.value.fill(0);
            }
          },
        },
      };
    };
  }

  it('releases every block once evaluated, and the matches it keeps are copies', async () => {
    const released = { blocks: 0, records: 0 };
    const filter = compileMessageFilter({ expression: 'value.type == "Paid"' });
    const { matches, done } = await collect({
      direction: 'forward',
      lanes: forwardLanes(topic),
      read: releasingReader(released),
      filter,
      decodeForFilter: (r) => fakeDecode(r),
    });
    expect(done.reason).toBe('end');
    expect(released.records).toBe(all.length);
    const expected = all.filter((r) => JSON.parse(r.value!.toString()).type === 'Paid');
    expect(matches.map((r) => r.value!.toString())).toEqual(expected.map((r) => r.value!.toString()));
    expect(matches.map((r) => r.key!.toString())).toEqual(expected.map((r) => r.key!.toString()));
  });

  it('keeps a block cut by the scan bound until its rest is evaluated', async () => {
    const released = { blocks: 0, records: 0 };
    const first = await collect({
      direction: 'forward',
      lanes: [{ partition: 0, start: 0n, bound: 40n }],
      read: releasingReader(released),
      filter: compileMessageFilter({ expression: 'value.n >= 0' }),
      maxScan: 10,
    });
    // Reads of 7: the first block whole, the second cut after 3 of its records.
    expect(first.done).toMatchObject({ reason: 'limit', limitedBy: 'scan', scanned: 10 });
    expect(released).toEqual({ blocks: 1, records: 7 });
    expect(first.matches.map((r) => JSON.parse(r.value!.toString()).n)).toEqual([...Array(10).keys()]);
  });
});
