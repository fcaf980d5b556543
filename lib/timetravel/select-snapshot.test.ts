import { describe, expect, it } from 'vitest';
import { planDemoSeed } from '@/lib/demo';
import { resolveAggregatePartitions } from './aggregate-partition';
import { parseSnapshotValue, selectSnapshot, type AggregateSnapshot } from './select-snapshot';

const snap = (coversOffset: number, snapshotOffset: number): AggregateSnapshot => ({
  snapshotOffset: BigInt(snapshotOffset),
  partition: 0,
  coversOffset: BigInt(coversOffset),
  version: null,
  takenAt: null,
  state: { at: coversOffset },
});

describe('selectSnapshot', () => {
  const all = [snap(100, 0), snap(300, 5), snap(200, 3)];
  it('picks the nearest snapshot at or before the target, the latest without one', () => {
    expect(selectSnapshot(all, 250n)?.coversOffset).toBe(200n);
    expect(selectSnapshot(all, 300n)?.coversOffset).toBe(300n);
    expect(selectSnapshot(all, 99n)).toBeUndefined();
    expect(selectSnapshot(all)?.coversOffset).toBe(300n);
    expect(selectSnapshot([])).toBeUndefined();
  });
  it('prefers the later record of two covering the same offset', () => {
    expect(selectSnapshot([snap(100, 1), snap(100, 7)])?.snapshotOffset).toBe(7n);
  });
});

describe('parseSnapshotValue', () => {
  it('reads the demo snapshot shape and refuses anything else', () => {
    const plan = planDemoSeed({ seed: 42, events: 2_000 });
    const planned = plan.snapshots[0]!;
    const parsed = parseSnapshotValue(JSON.parse(JSON.stringify(planned.value)), 4n, 9);
    expect(parsed).toEqual({
      snapshotOffset: 4n,
      partition: planned.value.partition,
      coversOffset: BigInt(planned.value.offset),
      version: planned.value.version,
      takenAt: planned.value.takenAt,
      state: planned.value.state,
    });
    expect(parseSnapshotValue(null, 0n, 0)).toBeUndefined();
    expect(parseSnapshotValue({ state: [], offset: 1 }, 0n, 0)).toBeUndefined();
    expect(parseSnapshotValue({ state: {}, offset: -1 }, 0n, 0)).toBeUndefined();
    expect(parseSnapshotValue({ state: {} }, 0n, 0)).toBeUndefined();
  });
});

describe('resolveAggregatePartitions', () => {
  it('computes the partition where the demo planned every order (murmur2), or all of them', () => {
    const plan = planDemoSeed({ seed: 42, events: 2_000 });
    for (const placed of plan.orders.slice(0, 500))
      expect(resolveAggregatePartitions(placed.event.orderId, 'murmur2', 6)).toEqual([placed.partition]);
    expect(resolveAggregatePartitions('hejsan', 'crc32', 17)).toEqual([0xd077037e % 17]);
    expect(resolveAggregatePartitions('x', 'scan-all', 3)).toEqual([0, 1, 2]);
  });
});
