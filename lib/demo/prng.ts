/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) so that the demo data is the same on
 * every machine and every run. Math.random is never used by the demo.
 */

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over the UTF-16 code units, so that string seeds ("demo") work as well as numbers. */
function hashSeed(seed: number | string): number {
  if (typeof seed === 'number') return seed >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An unsigned 32-bit integer. */
  uint32(): number;
  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A random version-4 UUID string. */
  uuid(): string;
  /** An independent generator derived from the seed and a label (not from the draws so far),
   * so that adding draws in one part of the demo does not shift the values of another. */
  fork(label: string): Rng;
  /** The generator's position, to come back to with `restore` (16 bytes, so that a streamed
   * generator can keep a position per entity instead of the entity). */
  save(): RngState;
  restore(state: RngState): void;
}

/** The four words of sfc32's state. */
export type RngState = readonly [number, number, number, number];

export function createRng(seed: number | string): Rng {
  const base = hashSeed(seed);
  const init = splitmix32(base);
  let a = init();
  let b = init();
  let c = init();
  let d = init();

  const uint32 = (): number => {
    // sfc32
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  // Warm up: the first outputs of sfc32 are weakly mixed.
  for (let i = 0; i < 12; i++) uint32();

  const next = (): number => uint32() / 4294967296;
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

  const rng: Rng = {
    next,
    uint32,
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    chance(p) {
      return next() < p;
    },
    pick(items) {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted(items) {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      const last = items[items.length - 1];
      if (!last) throw new Error('weighted pick from an empty list');
      return last[0];
    },
    uuid() {
      const w0 = uint32();
      const w1 = uint32();
      const w2 = uint32();
      const w3 = uint32();
      const time = hex(w0, 8);
      const mid = hex(w1 >>> 16, 4);
      const ver = hex(0x4000 | (w1 & 0x0fff), 4);
      const variant = hex(0x8000 | ((w2 >>> 16) & 0x3fff), 4);
      const node = hex(w2 & 0xffff, 4) + hex(w3, 8);
      return `${time}-${mid}-${ver}-${variant}-${node}`;
    },
    fork(label) {
      return createRng(`${base}/${label}`);
    },
    save() {
      return [a, b, c, d];
    },
    restore(state) {
      [a, b, c, d] = state;
    },
  };
  return rng;
}
