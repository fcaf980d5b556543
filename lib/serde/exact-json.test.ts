import { describe, expect, it } from 'vitest';
import { compactJsonExactly, parseJsonExactly } from './exact-json';

describe('parseJsonExactly', () => {
  it('keeps integers beyond 2^53 as their exact decimal text', () => {
    expect(
      parseJsonExactly('{"id": 9007199254740993, "n": [-9223372036854775808, 18446744073709551615]}'),
    ).toEqual({
      id: '9007199254740993',
      n: ['-9223372036854775808', '18446744073709551615'],
    });
  });

  it('leaves safe integers, decimals and strings of digits as they are', () => {
    expect(
      parseJsonExactly('{"a": 9007199254740991, "b": 1.5, "c": "12345678901234567890", "d": 1e3}'),
    ).toEqual({ a: 9007199254740991, b: 1.5, c: '12345678901234567890', d: 1000 });
    expect(parseJsonExactly('[1, 2]')).toEqual([1, 2]);
  });

  it('throws on text that is not JSON, as JSON.parse does', () => {
    expect(() => parseJsonExactly('{"a": 12345678901234567890')).toThrow(SyntaxError);
  });
});

describe('compactJsonExactly', () => {
  it('writes numbers exactly as typed, without whitespace', () => {
    expect(compactJsonExactly('{ "id" : 9007199254740993,\n "x": [1.10, -0] }')).toBe(
      '{"id":9007199254740993,"x":[1.10,-0]}',
    );
  });
});
