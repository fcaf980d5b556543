import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DemoTruth, valuePredicateMatches } from './demo-truth';
import { DemoOrderStream, generateOrderEvents, heavyOrders } from './generate-order-events';
import { placeOrderEvents } from './order-placement';
import { planDemoSeed } from './seed-plan';
import { DemoSeedStream } from './seed-stream';

/** sha256 of the JSON of a value, buffers as hex (as the checksums below were taken). */
function checksum(value: unknown): string {
  const json = JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' && 'data' in v
      ? Buffer.from((v as { data: number[] }).data).toString('hex')
      : v,
  );
  return createHash('sha256').update(json).digest('hex');
}

// Taken from the generator and the plan as they were before generation streamed (everything in
// memory, sorted at the end), so the streamed data set is the one the demo, the tests and the
// benchmark's seeded topics always had.
const before = {
  events5k: 'fbd40ced970733be1cda68444974437d2b7ae4b7730f3e1963cc2b9f2662bfba',
  events20k: '9f9c980b2990a710bfa5cc08ea4967a24167da1f8500d0ad474aa0209782ba8a',
  planOrders5k: 'e80894e2686f4d6f65346d2ff422b4a634fc130711cd6f0464a484b7f6e64778',
  planRest5k: 'bdce341389d3dd45e1ec77a79cffc11a8741b11481b4b22ad6d09d38ae363074',
};

describe('the streamed generator', () => {
  it('gives the events the in-memory generator gave, in the same order', () => {
    expect(checksum(Array.from(new DemoOrderStream({ events: 5_000 })))).toBe(before.events5k);
    expect(checksum(Array.from(new DemoOrderStream({ events: 20_000 })))).toBe(before.events20k);
  });

  it('gives the plan of every topic the in-memory planner gave', () => {
    const { orders, ...rest } = planDemoSeed({ events: 5_000 });
    expect(checksum(orders)).toBe(before.planOrders5k);
    expect(checksum(rest)).toBe(before.planRest5k);
  });

  it('knows the long-lived orders from the plan alone', () => {
    const stream = new DemoOrderStream({ seed: 9, events: 20_000 });
    expect(stream.orders.heavyOrders()).toEqual(heavyOrders(Array.from(stream)));
  });

  it('rejects a size it cannot generate before generating anything', () => {
    expect(() => new DemoOrderStream({ events: 2 })).toThrow(RangeError);
  });
});

describe('DemoTruth', () => {
  const events = 20_000;
  const stream = new DemoSeedStream({ seed: 3, events });
  for (const _ of stream.placed());
  const truth = stream.truth;
  // The full recount, from every event in memory.
  const placed = placeOrderEvents(generateOrderEvents({ seed: 3, events }));

  it('counts the records of every partition as a recount does', () => {
    const counts = new Array<number>(6).fill(0);
    for (const p of placed) counts[p.partition]!++;
    expect(truth.partitionCounts).toEqual(counts);
    expect(stream.finish().highWatermarks.orders).toEqual(counts);
  });

  it('chooses the value predicate and its match count as sorting every payment does', () => {
    const amounts = placed
      .filter((p) => p.event.type === 'OrderPaid')
      .map((p) => (p.event.payload as { amountCents: number }).amountCents)
      .sort((a, b) => b - a);
    const threshold = amounts[Math.min(valuePredicateMatches(events), amounts.length - 1)]!;
    const predicate = truth.valuePredicate();
    expect(predicate.threshold).toBe(threshold);
    expect(predicate.expected).toBe(amounts.filter((a) => a > threshold).length);
    expect(predicate.expected).toBeGreaterThan(0);
    // Asked twice, the same answer: the question does not consume the model.
    expect(truth.valuePredicate()).toEqual(predicate);
  });

  it('tracks each long-lived order: partition, event count, first and last offset', () => {
    const tracked = truth.aggregates();
    expect(tracked.map((a) => a.orderId)).toEqual(stream.heavyOrders().map((h) => h.orderId));
    expect(tracked.length).toBeGreaterThan(0);
    for (const aggregate of tracked) {
      const mine = placed.filter((p) => p.event.orderId === aggregate.orderId);
      expect(aggregate).toEqual({
        orderId: aggregate.orderId,
        partition: mine[0]!.partition,
        events: mine.length,
        firstOffset: mine[0]!.offset,
        lastOffset: mine.at(-1)!.offset,
      });
      expect(truth.keyPredicate(aggregate.orderId)).toEqual({
        expr: `key == "${aggregate.orderId}"`,
        expected: mine.length,
      });
    }
  });

  it('refuses to answer before it has seen every event', () => {
    const partial = new DemoTruth(10, []);
    expect(() => partial.valuePredicate()).toThrow(/saw 0 of 10/);
  });
});

describe('the streamed generator with its waiting events on disk', () => {
  it('gives the same events as with them in memory', () => {
    // About 40 slices of 500 events, most of them written to files and read back.
    const spilled = new DemoOrderStream({ events: 20_000, spill: { fromEvents: 0, eventsPerSlice: 500 } });
    expect(checksum(Array.from(spilled))).toBe(before.events20k);
  });

  it('removes its files when the reader stops early', () => {
    const dir = tmpdir();
    const existing = new Set(readdirSync(dir).filter((f) => f.startsWith('demo-events-')));
    const stream = new DemoOrderStream({ events: 20_000, spill: { fromEvents: 0, eventsPerSlice: 500 } });
    let n = 0;
    for (const _ of stream) if (++n === 10_000) break;
    expect(readdirSync(dir).filter((f) => f.startsWith('demo-events-') && !existing.has(f))).toEqual([]);
  });
});
