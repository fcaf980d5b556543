import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { parseRecordBatches, parseRecordColumns, type RawRecord } from './records';
import { MAX_MS_PER_INPUT, timedSync } from '@/lib/testing/fuzz';
import { encodeBatch, encodeMarker, type TestBatch } from './testing/encode-record-batch';

/**
 * Whatever a broker (or something pretending to be one) sends, the parser answers with records
 * or with an AppError naming the batch, within a bounded time: no RangeError, TypeError or
 * endless loop escapes to the scan that called it.
 */

const SLOW_MS = MAX_MS_PER_INPUT;

/** How long parsing takes (a slow one timed again: see timedSync), after checking its outcome. */
function parseOrAppError(bytes: Buffer, aborted: boolean): number {
  return timedSync(() => {
    try {
      parseRecordBatches(1, bytes, 0n, aborted ? [{ producerId: 7n, firstOffset: 0n }] : undefined);
    } catch (error) {
      if (!(error instanceof AppError))
        throw new Error(`a ${(error as Error)?.name} escaped: ${(error as Error)?.message}`, {
          cause: error,
        });
      expect(error.code).toBe('DECODE_FAILED');
    }
  });
}

const record = fc.record({
  key: fc.option(
    fc.uint8Array({ maxLength: 24 }).map((a) => Buffer.from(a)),
    { nil: null },
  ),
  value: fc.option(
    fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
    { nil: null },
  ),
  headers: fc.array(
    fc.tuple(
      fc.string({ maxLength: 8 }),
      fc.option(
        fc.uint8Array({ maxLength: 8 }).map((a) => Buffer.from(a)),
        { nil: null },
      ),
    ),
    { maxLength: 3 },
  ),
});

const batch = fc.record({
  records: fc.array(record, { minLength: 1, maxLength: 6 }),
  transactional: fc.boolean(),
  codec: fc.constantFrom<0 | 1>(0, 1),
  logAppendTime: fc.boolean(),
});

/** A valid response of a few batches (and sometimes a marker), as the broker would send it, with the values it holds. */
const validResponse = fc
  .array(fc.oneof({ weight: 5, arbitrary: batch }, { weight: 1, arbitrary: fc.constantFrom<0 | 1>(0, 1) }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => {
    let offset = 0n;
    const out: Buffer[] = [];
    const values: (string | null)[] = [];
    for (const part of parts) {
      if (typeof part === 'number') {
        out.push(encodeMarker(offset, 7n, part));
        offset += 1n;
      } else {
        const b: TestBatch = { baseOffset: offset, producerId: 7n, ...part };
        out.push(encodeBatch(b));
        offset += BigInt(part.records.length);
        values.push(...part.records.map((r) => r.value?.toString('hex') ?? null));
      }
    }
    return { bytes: Buffer.concat(out), values };
  });

/** Byte flips, overwrites with extreme values, truncation and splices of a valid response. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    kind: fc.constant('int32' as const),
    at: fc.nat(),
    value: fc.constantFrom(-1, 0, 1, 7, 48, 49, 2 ** 31 - 1, -(2 ** 31), 1_000_000),
  }),
  fc.record({
    kind: fc.constant('varint' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }).map((a) => a.map((b) => b | 0x80)),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('codec' as const), codec: fc.integer({ min: 0, max: 7 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(bytes: Buffer, mutations: Mutation[]): Buffer {
  let out = Buffer.from(bytes);
  for (const m of mutations) {
    if (out.length === 0) break;
    switch (m.kind) {
      case 'flip':
        out[m.at % out.length]! ^= m.bits;
        break;
      case 'int32': {
        const at = m.at % out.length;
        if (at + 4 <= out.length) out.writeInt32BE(m.value, at);
        break;
      }
      case 'varint':
        out.set(m.bytes.subarray(0, out.length - (m.at % out.length)), m.at % out.length);
        break;
      case 'truncate':
        out = out.subarray(0, m.at % out.length);
        break;
      case 'codec':
        if (out.length > 22) out[22] = (out[22]! & ~7) | m.codec; // low byte of the first batch's attributes
        break;
    }
  }
  return out;
}

describe('the record-batch parser under random and mutated input', () => {
  it('reads every valid response back to the values written', () => {
    fc.assert(
      fc.property(validResponse, ({ bytes, values }) => {
        expect(
          parseRecordBatches(0, bytes, 0n, undefined).records.map((r) => r.value?.toString('hex') ?? null),
        ).toEqual(values);
      }),
      { numRuns: 2_000 },
    );
  });

  it('shows through the reused view of the columns exactly the records it makes, from any start offset', () => {
    const plain = (r: RawRecord) => ({
      partition: r.partition,
      offset: r.offset,
      timestamp: r.timestamp,
      timestampType: r.timestampType,
      key: r.key?.toString('hex') ?? null,
      value: r.value?.toString('hex') ?? null,
      headers: r.headers.map((h) => [h.key, h.value?.toString('hex') ?? null]),
      compression: r.compression,
      transactional: r.transactional,
    });
    const hex = (b: Buffer | null | undefined) =>
      b === undefined ? undefined : (b?.toString('hex') ?? null);
    const lastOf = (r: RawRecord, name: string) => {
      const found = r.headers.filter((h) => h.key === name).at(-1);
      return found === undefined ? undefined : (found.value?.toString('hex') ?? null);
    };
    fc.assert(
      fc.property(
        validResponse,
        fc.nat({ max: 30 }),
        fc.string({ maxLength: 8 }),
        ({ bytes }, from, probe) => {
          const { columns, nextOffset } = parseRecordColumns(4, bytes, BigInt(from), undefined);
          const records = parseRecordBatches(4, bytes, BigInt(from), undefined);
          expect(nextOffset).toBe(records.nextOffset);
          expect(columns.length).toBe(records.records.length);
          for (let i = 0; i < columns.length; i++) {
            const expected = records.records[i]!;
            const view = columns.at(i);
            expect(columns.offset(i)).toBe(expected.offset);
            expect(columns.offsetNumber(i)).toBe(Number(expected.offset));
            expect(columns.timestamp(i)).toBe(expected.timestamp);
            // Header names are looked up in the bytes, before and after the list is built.
            for (const name of [probe, ...expected.headers.map((h) => h.key)]) {
              expect(hex(view.lastHeader?.(name))).toEqual(lastOf(expected, name));
              expect(hex(expected.lastHeader?.(name))).toEqual(lastOf(expected, name));
            }
            expect(plain(view)).toEqual(plain(expected));
            expect(plain(columns.record(i))).toEqual(plain(expected));
          }
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('answers 100,000 random and mutated inputs with records or an AppError, each within 50 ms', () => {
    let slowest = 0;
    let runs = 0;
    const check = (bytes: Buffer, aborted: boolean) => {
      runs++;
      const took = parseOrAppError(bytes, aborted);
      if (took >= SLOW_MS) console.error('slow input', took, bytes.toString('base64'));
      slowest = Math.max(slowest, took);
    };
    // Mutations of a pool of valid responses: encoding (and gzip) per input would cost more than parsing.
    const pool = fc.sample(validResponse, { numRuns: 2_000, seed: 11 }).map((v) => v.bytes);
    fc.assert(
      fc.property(
        fc.nat(pool.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (i, mutations, aborted) => check(mutate(pool[i]!, mutations), aborted),
      ),
      { numRuns: 70_000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.boolean(), (bytes, aborted) =>
        check(Buffer.from(bytes), aborted),
      ),
      { numRuns: 30_000 },
    );
    expect(runs).toBeGreaterThanOrEqual(100_000);
    expect(slowest).toBeLessThan(SLOW_MS);
  }, 120_000);
});
