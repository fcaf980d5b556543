import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawRecord } from '@/lib/kafka/records';
import { compileMessageFilter } from './compile-filter';
import { evaluateFilter } from './evaluate-filter';
import { keyDiffersFrom, RecordFilterView } from './message-view';

const record = (key: Buffer | null): RawRecord => ({
  partition: 0,
  offset: 0n,
  timestamp: 0,
  timestampType: 'create',
  key,
  value: null,
  headers: [],
  compression: 'none',
  transactional: false,
});

/** Keys as text, as bytes near the text, as framed bytes and as bytes that are not UTF-8. */
const keyAndText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }).map((t) => ({ key: Buffer.from(t), text: t })),
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }))
    .map(([k, t]) => ({ key: Buffer.from(k), text: t })),
  fc
    .tuple(fc.uint8Array({ maxLength: 10 }), fc.string({ maxLength: 8 }))
    .map(([k, t]) => ({ key: Buffer.from(k), text: t })),
  fc.uint8Array({ maxLength: 6 }).map((k) => ({ key: Buffer.from(k), text: Buffer.from(k).toString('hex') })),
  fc
    .string({ maxLength: 8 })
    .map((t) => ({ key: Buffer.concat([Buffer.from([0, 0, 0, 0, 1]), Buffer.from(t)]), text: t })),
  fc.string({ maxLength: 8 }).map((t) => ({ key: null, text: t })),
);

describe('dropping a record on its key bytes', () => {
  it('drops only records whose raw key the filter `key == "<text>"` rejects', () => {
    const view = new RecordFilterView('t');
    fc.assert(
      fc.property(keyAndText, ({ key, text }) => {
        const filter = compileMessageFilter({ key: { value: text, match: 'exact' } });
        if (!filter) return; // an empty key filter is no filter
        expect(filter.keyEquals).toEqual(Buffer.from(text));
        const verdict = evaluateFilter(filter.node, view.reset(record(key)));
        if (keyDiffersFrom(key, filter.keyEquals!)) expect(verdict).toBe(false);
        if (key !== null && key.equals(Buffer.from(text))) expect(verdict).not.toBe(false);
      }),
      { numRuns: 5_000 },
    );
  });

  it('takes the key text from a top-level conjunct compared with a string, never from a number or an or', () => {
    expect(compileMessageFilter({ expression: 'key == "a" and value.x > 1' })?.keyEquals).toEqual(
      Buffer.from('a'),
    );
    expect(compileMessageFilter({ expression: '"é" == key' })?.keyEquals).toEqual(Buffer.from('é'));
    expect(compileMessageFilter({ expression: 'key == 42' })?.keyEquals).toBeUndefined();
    expect(compileMessageFilter({ expression: 'key == "a" or value.x > 1' })?.keyEquals).toBeUndefined();
    expect(compileMessageFilter({ expression: 'not (key == "a")' })?.keyEquals).toBeUndefined();
    expect(compileMessageFilter({ expression: 'key.id == "a"' })?.keyEquals).toBeUndefined();
  });
});
