import { describe, expect, it } from 'vitest';
import { planRanges } from './read-offsets';

const offsets = (...n: number[]) => n.map(BigInt);

describe('planning the Fetches of indexed offsets', () => {
  it('reads through small gaps and splits at large ones', () => {
    // 100 bytes an offset: a gap of 640 offsets is 64 kB.
    const ranges = planRanges(offsets(10, 20, 600, 1300, 1310, 5000), 100);
    expect(ranges.map((r) => r.offsets.map(Number))).toEqual([[10, 20, 600], [1300, 1310], [5000]]);
  });

  it('bounds the bytes of one range', () => {
    // Dense offsets, 100 bytes each: a range stops at about 1 MB (10,485 offsets).
    const dense = Array.from({ length: 30_000 }, (_, i) => BigInt(i));
    const ranges = planRanges(dense, 100);
    expect(ranges.length).toBe(3);
    for (const r of ranges)
      expect(Number(r.offsets.at(-1)! - r.offsets[0]!) * 100).toBeLessThanOrEqual(1024 * 1024);
    expect(ranges.flatMap((r) => r.offsets)).toEqual(dense);
  });

  it('plans nothing for no offsets', () => {
    expect(planRanges([], 100)).toEqual([]);
  });
});
