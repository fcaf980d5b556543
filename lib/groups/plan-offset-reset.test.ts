import { describe, expect, it } from 'vitest';
import {
  findStalePlanSteps,
  planOffsetReset,
  resolveResetScope,
  summarizePlan,
  type PartitionPosition,
} from './plan-offset-reset';

// Partition 0: records 10..99 remain, committed at 40. Partition 1: 0..49, committed at 50 (caught up).
// Partition 2: 0..19, never committed.
const positions: PartitionPosition[] = [
  { topic: 'orders', partition: 0, low: 10n, high: 100n, committed: 40n, atTimestamp: 70n },
  { topic: 'orders', partition: 1, low: 0n, high: 50n, committed: 50n, atTimestamp: null },
  { topic: 'orders', partition: 2, low: 0n, high: 20n, committed: null, atTimestamp: 5n },
];
const targets = (rows: { target: bigint }[]) => rows.map((r) => r.target);

describe('resolveResetScope', () => {
  const counts = new Map([
    ['orders', 3],
    ['payments', 2],
  ]);
  it('takes every partition of every committed topic for "all"', () => {
    expect(resolveResetScope({ kind: 'all' }, ['payments', 'orders'], counts)).toEqual([
      { topic: 'orders', partitions: [0, 1, 2] },
      { topic: 'payments', partitions: [0, 1] },
    ]);
  });
  it('refuses "all" for a group without commits: a new read model names its topic', () => {
    expect(() => resolveResetScope({ kind: 'all' }, [], counts)).toThrow(/choose a topic/);
  });
  it('takes a topic the group never read, and chosen partitions in order without repeats', () => {
    expect(resolveResetScope({ kind: 'topic', topic: 'payments' }, ['orders'], counts)).toEqual([
      { topic: 'payments', partitions: [0, 1] },
    ]);
    expect(
      resolveResetScope({ kind: 'partitions', topic: 'orders', partitions: [2, 0, 2] }, [], counts),
    ).toEqual([{ topic: 'orders', partitions: [0, 2] }]);
  });
  it('refuses partitions the topic does not have, and an empty choice', () => {
    expect(() =>
      resolveResetScope({ kind: 'partitions', topic: 'orders', partitions: [1, 3] }, [], counts),
    ).toThrow(/no partition 3/);
    expect(() =>
      resolveResetScope({ kind: 'partitions', topic: 'orders', partitions: [] }, [], counts),
    ).toThrow(/at least one/);
  });
});

describe('planOffsetReset', () => {
  it('earliest goes to the log start, and shows the lag after', () => {
    const rows = planOffsetReset({ kind: 'earliest' }, positions);
    expect(targets(rows)).toEqual([10n, 0n, 0n]);
    expect(rows.map((r) => r.lagBefore)).toEqual([60n, 0n, null]);
    expect(rows.map((r) => r.lagAfter)).toEqual([90n, 50n, 20n]);
    expect(rows.map((r) => r.changed)).toEqual([true, true, true]);
  });

  it('latest goes to the log end; a caught-up partition does not change', () => {
    const rows = planOffsetReset({ kind: 'latest' }, positions);
    expect(targets(rows)).toEqual([100n, 50n, 20n]);
    expect(rows.map((r) => r.changed)).toEqual([true, false, true]);
    expect(rows.every((r) => r.lagAfter === 0n)).toBe(true);
  });

  it('a timestamp takes the offset found, and the log end when past the last record', () => {
    expect(targets(planOffsetReset({ kind: 'timestamp', timestamp: 1 }, positions))).toEqual([70n, 50n, 5n]);
  });

  it('shift moves by N and stays within the log', () => {
    const committed = positions.slice(0, 2);
    expect(targets(planOffsetReset({ kind: 'shift', by: -35n }, committed))).toEqual([10n, 15n]);
    const forward = planOffsetReset({ kind: 'shift', by: 20n }, committed);
    expect(targets(forward)).toEqual([60n, 50n]);
    expect(forward.map((r) => r.clamped)).toEqual([false, true]);
    expect(planOffsetReset({ kind: 'shift', by: -35n }, committed).map((r) => r.clamped)).toEqual([
      true,
      false,
    ]);
  });

  it('refuses to shift a partition with no committed offset', () => {
    expect(() => planOffsetReset({ kind: 'shift', by: 1n }, positions)).toThrow(
      /orders\/2 has no committed offset/,
    );
  });

  it('explicit offsets are clamped into the log and must cover the scope exactly', () => {
    const offsets = [
      { topic: 'orders', partition: 0, offset: 5n },
      { topic: 'orders', partition: 1, offset: 25n },
      { topic: 'orders', partition: 2, offset: 999n },
    ];
    const rows = planOffsetReset({ kind: 'explicit', offsets }, positions);
    expect(targets(rows)).toEqual([10n, 25n, 20n]);
    expect(rows.map((r) => r.clamped)).toEqual([true, false, true]);
    expect(() => planOffsetReset({ kind: 'explicit', offsets: offsets.slice(0, 2) }, positions)).toThrow(
      /missing: orders\/2/,
    );
    expect(() =>
      planOffsetReset(
        { kind: 'explicit', offsets: [...offsets, { topic: 'payments', partition: 0, offset: 1n }] },
        positions,
      ),
    ).toThrow(/not in the chosen scope/);
    expect(() =>
      planOffsetReset({ kind: 'explicit', offsets: [...offsets, offsets[0]!] }, positions),
    ).toThrow(/two offsets/);
    expect(() =>
      planOffsetReset(
        { kind: 'explicit', offsets: [{ ...offsets[0]!, offset: -1n }, ...offsets.slice(1)] },
        positions,
      ),
    ).toThrow(/negative/);
  });

  it('refuses an empty scope', () => {
    expect(() => planOffsetReset({ kind: 'earliest' }, [])).toThrow(/no partitions/);
  });

  it('sums the plan', () => {
    expect(summarizePlan(planOffsetReset({ kind: 'earliest' }, positions))).toEqual({
      partitions: 3,
      changed: 3,
      lagBefore: 60n,
      lagAfter: 160n,
    });
    expect(summarizePlan(planOffsetReset({ kind: 'earliest' }, positions.slice(2))).lagBefore).toBeNull();
  });
});

describe('findStalePlanSteps', () => {
  const steps = planOffsetReset({ kind: 'earliest' }, positions).map(
    ({ topic, partition, current, target }) => ({ topic, partition, current, target }),
  );

  it('accepts a plan whose partitions did not move', () => {
    expect(findStalePlanSteps(steps, positions)).toEqual([]);
    // New records arriving do not make a plan stale.
    expect(
      findStalePlanSteps(
        steps,
        positions.map((p) => ({ ...p, high: p.high + 5n })),
      ),
    ).toEqual([]);
  });

  it('names offsets committed by someone else since the preview', () => {
    const moved = positions.map((p) => (p.partition === 2 ? { ...p, committed: 7n } : p));
    expect(findStalePlanSteps(steps, moved)).toEqual([
      'the committed offset of orders/2 changed since the preview (none → 7)',
    ]);
  });

  it('names targets deleted from the log and partitions that are gone', () => {
    const truncated = positions.map((p) => (p.partition === 0 ? { ...p, low: 30n } : p)).slice(0, 2);
    expect(findStalePlanSteps(steps, truncated)).toEqual([
      'offset 10 of orders/0 is no longer in the log (30–100)',
      'orders/2 no longer exists',
    ]);
  });
});
