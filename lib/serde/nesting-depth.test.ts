import { describe, expect, it } from 'vitest';
import { parseJsonText } from '@/lib/produce/encode-value';
import { createDecoderWith } from './decode-message';
import { MAX_VALUE_DEPTH, nestsDeeperThan } from './nesting-depth';
import type { RawRecord } from '@/lib/kafka/records';

const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const record = (value: string): RawRecord => ({
  partition: 0,
  offset: 5n,
  timestamp: 0,
  timestampType: 'create',
  key: Buffer.from('k'),
  value: Buffer.from(value),
  headers: [],
  compression: 'none',
  transactional: false,
});

describe('nesting depth', () => {
  it('measures without recursion, up to the limit and beyond', () => {
    expect(nestsDeeperThan(JSON.parse(nestedArrays(MAX_VALUE_DEPTH)))).toBe(false);
    expect(nestsDeeperThan(JSON.parse(nestedArrays(MAX_VALUE_DEPTH + 1)))).toBe(true);
    expect(nestsDeeperThan(JSON.parse(nestedArrays(100_000)))).toBe(true);
    expect(nestsDeeperThan({ a: { b: [1, { c: null }] } }, 3)).toBe(true);
    expect(nestsDeeperThan({ a: { b: [1, { c: null }] } }, 4)).toBe(false);
    expect(nestsDeeperThan('text')).toBe(false);
    // Around the depth the allocation-free first look stops at, and for small limits.
    for (const depth of [15, 16, 17, 40]) {
      expect(nestsDeeperThan(JSON.parse(nestedArrays(depth)))).toBe(false);
      expect(nestsDeeperThan(JSON.parse(nestedArrays(depth)), depth - 1)).toBe(true);
      expect(nestsDeeperThan(JSON.parse(nestedArrays(depth)), depth)).toBe(false);
    }
    expect(nestsDeeperThan({ wide: Array.from({ length: 1000 }, (_, i) => ({ i })) }, 2)).toBe(true);
  });

  it('turns a poison value into one "too deep" message that serialises', async () => {
    const decoder = createDecoderWith(null);
    const poison = await decoder.decode('t', record(nestedArrays(6000)));
    expect(poison.value).toMatchObject({ format: 'error', code: 'TOO_DEEP' });
    expect(poison.key).toEqual({ format: 'text', text: 'k' });
    // The whole message, raw bytes included, goes through JSON.stringify as the API does.
    expect(JSON.parse(JSON.stringify(poison)).raw.value).toBe(
      Buffer.from(nestedArrays(6000)).toString('base64'),
    );
    const fine = await decoder.decode('t', record('{"a":[1,2]}'));
    expect(fine.value).toEqual({ format: 'json', value: { a: [1, 2] } });
  });

  it('refuses to produce such a value, valid or not', () => {
    const valid = parseJsonText(nestedArrays(6000));
    expect(valid).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining(`deeper than ${MAX_VALUE_DEPTH}`) },
    });
    const invalid = parseJsonText(`${'['.repeat(50_000)}x`);
    expect(invalid).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('levels of nesting') },
    });
  });
});
