import { describe, expect, it } from 'vitest';
import type { RawRecord } from '@/lib/kafka/records';
import { createDefaultFolder } from './fold';
import { foldStep, type AggregateEvent } from './fold-step';
import { ReplayFolder } from './folded-replay';
import type { State } from './state-diff';
import { expandTimeline, pageOf, TimelineBuilder } from './timeline';

/** Events as JSON in the record value; one in 40 is not JSON, so its step fails. */
function record(i: number): RawRecord {
  const value =
    i % 40 === 39 ? 'not json' : JSON.stringify({ type: `T${i % 3}`, payload: { n: i, [`k${i % 5}`]: i } });
  return {
    partition: 0,
    offset: BigInt(100 + i * 2),
    timestamp: 1_700_000_000_000 + i,
    timestampType: 'create',
    key: Buffer.from('agg'),
    value: Buffer.from(value),
    headers: [],
    compression: 'none',
    transactional: false,
  };
}

async function decode(r: RawRecord): Promise<AggregateEvent> {
  let value: unknown = null;
  let decodeError: string | null = null;
  try {
    value = JSON.parse(r.value!.toString());
  } catch {
    decodeError = 'not JSON';
  }
  return {
    partition: r.partition,
    offset: r.offset,
    timestamp: r.timestamp,
    key: 'agg',
    headers: {},
    eventType: (value as { type?: string } | null)?.type ?? null,
    schema: null,
    value,
    upcast: { status: 'not-applicable' },
    decodeError,
    foldInput: value,
  };
}

describe('a folded replay', () => {
  it('gives any page of steps as folding every step with its diff does', async () => {
    const folder = createDefaultFolder();
    const builder = new ReplayFolder({}, folder, decode);
    const records = Array.from({ length: 200 }, (_, i) => record(i));
    for (const r of records) await builder.add(await decode(r), r);
    const replay = builder.finish();

    const steps = [];
    const states: State[] = [];
    let state: State = {};
    for (let i = 0; i < records.length; i++) {
      const folded = await foldStep(state, await decode(records[i]!), folder, i);
      state = folded.state;
      states.push(state);
      steps.push(folded.step);
    }
    expect(replay.finalState).toEqual(state);
    expect(replay.failed).toBe(5);
    for (const [from, count] of [
      [0, 50],
      [31, 1],
      [32, 3],
      [63, 70],
      [190, 50],
    ] as const) {
      const page = await replay.page(from, count);
      expect(page.from).toBe(from);
      expect(page.steps).toEqual(steps.slice(from, from + count));
      expect(page.before).toEqual(from === 0 ? {} : states[from - 1]);
    }
    const rows = expandTimeline(replay.timeline);
    expect(rows.map((r) => r.offset)).toEqual(steps.map((s) => s.offset));
    expect(rows.filter((r) => r.failed).map((r) => r.index)).toEqual([39, 79, 119, 159, 199]);
    expect(replay.timeline.kinds.length).toBeLessThanOrEqual(4);
  });

  it('of no events has one empty page, the initial state before it', async () => {
    const replay = new ReplayFolder({ a: 1 }, createDefaultFolder(), decode).finish();
    expect(await replay.page(0, 50)).toEqual({ from: 0, before: { a: 1 }, steps: [] });
    expect(replay.steps).toBe(0);
  });
});

describe('the timeline', () => {
  it('comes back as it went in, the repeating parts sent once', () => {
    const builder = new TimelineBuilder();
    const row = (i: number) => ({
      partition: i % 2,
      offset: String(i),
      timestamp: i * 1000,
      eventType: i % 2 ? 'A' : 'B',
      schemaId: 7,
      schemaVersion: 1,
      upcast: 'latest' as const,
      readerVersion: null,
      failed: i === 3,
    });
    for (let i = 0; i < 6; i++) builder.add(row(i));
    const timeline = builder.build();
    expect(timeline.kinds).toHaveLength(2);
    expect(expandTimeline(timeline)).toEqual(Array.from({ length: 6 }, (_, i) => ({ index: i, ...row(i) })));
  });

  it('puts a position in its page', () => {
    expect([-1, 0, 49, 50, 120].map((p) => pageOf(p, 50))).toEqual([0, 0, 0, 1, 2]);
  });
});
