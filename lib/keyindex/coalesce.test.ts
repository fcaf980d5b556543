import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce';
import type { IndexedEvent } from './store';

const at = (partition: number, offset: number): IndexedEvent => ({ partition, offset: BigInt(offset), timestamp: 0, eventType: null, schemaId: null });

describe('coalesce', () => {
  it('joins offsets of one partition closer than the gap into one range, and keeps which offsets are wanted', () => {
    const ranges = coalesce([at(0, 10), at(0, 12), at(0, 20), at(0, 200), at(1, 5)], 16n);
    expect(ranges.map((r) => [r.partition, Number(r.from), Number(r.end)])).toEqual([
      [0, 10, 21],
      [0, 200, 201],
      [1, 5, 6],
    ]);
    expect([...ranges[0]!.offsets].map(Number)).toEqual([10, 12, 20]);
  });

  it('never joins across partitions, however close the offsets', () => {
    expect(coalesce([at(0, 1), at(1, 2)], 100n)).toHaveLength(2);
  });

  it('gives no range for no offsets', () => {
    expect(coalesce([])).toEqual([]);
  });
});
