import { describe, expect, it } from 'vitest';
import { formatAssignment, formatDelta, parseExplicitOffsets, parsePartitionList } from './format';

describe('group display helpers', () => {
  it('formats the move of a partition, beyond 2^53 too', () => {
    expect(formatDelta('9007199254740993', '9007199254740995')).toBe('+2');
    expect(formatDelta('10', '15')).toBe('+5');
    expect(formatDelta('1500', '0')).toBe('−1,500');
    expect(formatDelta('7', '7')).toBe('0');
    expect(formatDelta(null, '0')).toBe('new');
  });

  it('formats assignments', () => {
    expect(
      formatAssignment([
        { topic: 'orders', partitions: [0, 1] },
        { topic: 'payments', partitions: [2] },
      ]),
    ).toBe('orders: 0, 1 · payments: 2');
    expect(formatAssignment([])).toBe('none');
    expect(formatAssignment(null)).toMatch(/not readable/);
  });

  it('parses partition lists and explicit offsets', () => {
    expect(parsePartitionList('2, 0,5-7, 2')).toEqual([0, 2, 5, 6, 7]);
    expect(parsePartitionList('a')).toBeNull();
    expect(parsePartitionList(' ')).toBeNull();
    expect(parseExplicitOffsets('0=120, 1:80\n2 = 5')).toEqual([
      [0, '120'],
      [1, '80'],
      [2, '5'],
    ]);
    expect(parseExplicitOffsets('0=-1')).toBeNull();
  });
});
