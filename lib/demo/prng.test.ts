import { describe, expect, it } from 'vitest';
import { createRng } from './prng';

describe('createRng', () => {
  it('repeats itself for the same seed and differs for another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 20 }, () => a.uint32());
    expect(Array.from({ length: 20 }, () => b.uint32())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => c.uint32())).not.toEqual(xs);
  });

  it('pins its output so that a change to the algorithm is noticed', () => {
    const rng = createRng(42);
    expect([rng.uint32(), rng.uint32(), rng.uint32()]).toMatchInlineSnapshot(`
      [
        1028872839,
        2516511472,
        400437680,
      ]
    `);
    expect(createRng('demo').uuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('keeps ints in range and covers both ends', () => {
    const rng = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('forks independently of the draws made so far', () => {
    const a = createRng(7);
    const b = createRng(7);
    b.uint32();
    b.uint32();
    expect(a.fork('x').uint32()).toBe(b.fork('x').uint32());
    expect(a.fork('x').uint32()).not.toBe(a.fork('y').uint32());
  });

  it('picks by weight, never a zero weight', () => {
    const rng = createRng(3);
    for (let i = 0; i < 500; i++)
      expect(
        rng.weighted([
          ['a', 1],
          ['b', 0],
          ['c', 2],
        ] as const),
      ).not.toBe('b');
  });
});
