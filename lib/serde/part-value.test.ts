import { describe, expect, it } from 'vitest';
import { parseValuePath, partText, partValue, valueAtPath } from './part-value';
import type { DecodedPart } from './types';

describe('partValue and partText', () => {
  const parts: [DecodedPart, unknown, string][] = [
    [{ format: 'null' }, null, ''],
    [{ format: 'avro', value: { a: 1 }, schemaId: 1 }, { a: 1 }, '{"a":1}'],
    [{ format: 'json-schema', value: 'x', schemaId: 2 }, 'x', 'x'],
    [{ format: 'protobuf', value: [1], messageType: 'M', messageIndexes: [0], schemaId: 3 }, [1], '[1]'],
    [{ format: 'json', value: 42 }, 42, '42'],
    [{ format: 'text', text: 'order-1' }, 'order-1', 'order-1'],
    [{ format: 'binary', hex: '00ff' }, null, '00ff'],
    [{ format: 'error', code: 'UNKNOWN_SCHEMA', reason: 'r', hex: 'ab' }, null, 'ab'],
  ];
  it.each(parts)('%o', (part, value, text) => {
    expect(partValue(part)).toEqual(value);
    expect(partText(part)).toBe(text);
  });
});

describe('parseValuePath and valueAtPath', () => {
  const value = {
    payload: { amountCents: 5, items: [{ sku: 'A' }, { sku: 'B' }], 'content-type': 'x' },
    hasOwnProperty: 1,
  };

  it('parses names, indexes and quoted names', () => {
    expect(parseValuePath('')).toEqual([]);
    expect(parseValuePath('payload.amountCents')).toEqual(['payload', 'amountCents']);
    expect(parseValuePath('payload.items[1].sku')).toEqual(['payload', 'items', 1, 'sku']);
    expect(parseValuePath('payload["content-type"]')).toEqual(['payload', 'content-type']);
    expect(parseValuePath("a['b.c']")).toEqual(['a', 'b.c']);
  });

  it('refuses malformed paths with the position', () => {
    for (const bad of ['.a', 'a.', 'a..b', 'a[', 'a[x]', 'a[0]b'])
      expect(() => parseValuePath(bad), bad).toThrow(RangeError);
  });

  it('looks values up by own properties only', () => {
    expect(valueAtPath(value, parseValuePath('payload.amountCents'))).toBe(5);
    expect(valueAtPath(value, parseValuePath('payload.items[1].sku'))).toBe('B');
    expect(valueAtPath(value, parseValuePath('payload.items.0.sku'))).toBe('A');
    expect(valueAtPath(value, parseValuePath('payload["content-type"]'))).toBe('x');
    expect(valueAtPath(value, parseValuePath('payload.items[5]'))).toBeUndefined();
    expect(valueAtPath(value, parseValuePath('payload.amountCents.x'))).toBeUndefined();
    expect(valueAtPath(value, parseValuePath('payload.constructor'))).toBeUndefined();
    expect(valueAtPath(value, parseValuePath('hasOwnProperty'))).toBe(1);
    expect(valueAtPath(value, [])).toBe(value);
  });
});
