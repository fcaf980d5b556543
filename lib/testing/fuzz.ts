import fc from 'fast-check';

/**
 * Shared by the fuzz tests: how many inputs each runs, the time one input may take, and a
 * mutator that turns a valid input into the near-misses that find parser bugs (flipped bytes,
 * cut short, spliced, with lengths rewritten).
 */
export const FUZZ_RUNS = 100_000;
export const MAX_MS_PER_INPUT = 50;

/** A valid byte string, then a few random edits: overwrite, truncate, insert, or repeat a slice. */
export function mutated(valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 8 }) }),
    fc.record({
      kind: fc.constant('repeat' as const),
      at: fc.nat(),
      length: fc.nat({ max: 64 }),
      times: fc.integer({ min: 1, max: 50 }),
    }),
  );
  return fc.tuple(valid, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([bytes, edits]) => {
    let out = Buffer.from(bytes);
    for (const e of edits) {
      const at = out.length === 0 ? 0 : e.at % (out.length + 1);
      if (e.kind === 'set' && out.length) out[at % out.length] = e.byte;
      else if (e.kind === 'cut') out = out.subarray(0, at);
      else if (e.kind === 'insert') out = Buffer.concat([out.subarray(0, at), e.bytes, out.subarray(at)]);
      else if (e.kind === 'repeat') {
        const slice = out.subarray(at, at + e.length);
        out = Buffer.concat([
          out.subarray(0, at),
          ...Array.from({ length: e.times }, () => slice),
          out.subarray(at),
        ]);
      }
    }
    return new Uint8Array(out);
  });
}

/** The same as `timed`, for work that is synchronous (and inside a synchronous property). */
export function timedSync(fn: () => unknown): number {
  const once = () => {
    const started = performance.now();
    fn();
    return performance.now() - started;
  };
  const first = once();
  if (first < MAX_MS_PER_INPUT) return first;
  return Math.min(first, once(), once());
}

/**
 * How long `fn` takes on one input, in ms; rethrows anything it throws. A slow first run is
 * repeated twice and the fastest kept: a garbage-collection pause or a JIT tier-up on a shared
 * two-core machine is not the input's doing, while an input that is slow by nature stays slow.
 */
export async function timed(fn: () => unknown): Promise<number> {
  const once = async () => {
    const started = performance.now();
    await fn();
    return performance.now() - started;
  };
  const first = await once();
  if (first < MAX_MS_PER_INPUT) return first;
  return Math.min(first, await once(), await once());
}
