import { describe, expect, it } from 'vitest';
import { describeStrategy, plannedPartitionRow, strategyFromInput } from './reset-input';

describe('reset input', () => {
  it('turns decimal strings into bigints, past the safe-integer range', () => {
    expect(strategyFromInput({ kind: 'shift', by: '-9007199254740993' })).toEqual({
      kind: 'shift',
      by: -9007199254740993n,
    });
    expect(
      strategyFromInput({ kind: 'explicit', offsets: [{ topic: 't', partition: 1, offset: '12' }] }),
    ).toEqual({
      kind: 'explicit',
      offsets: [{ topic: 't', partition: 1, offset: 12n }],
    });
    expect(strategyFromInput({ kind: 'timestamp', timestamp: 5 })).toEqual({
      kind: 'timestamp',
      timestamp: 5,
    });
  });

  it('serialises a planned partition with strings for offsets', () => {
    const row = plannedPartitionRow({
      topic: 't',
      partition: 0,
      low: 0n,
      high: 9n,
      current: null,
      target: 0n,
      lagBefore: null,
      lagAfter: 9n,
      clamped: false,
      changed: true,
    });
    expect(row).toEqual({
      topic: 't',
      partition: 0,
      low: '0',
      high: '9',
      current: null,
      target: '0',
      lagBefore: null,
      lagAfter: '9',
      clamped: false,
      changed: true,
    });
  });

  it('describes strategies in words', () => {
    expect(describeStrategy({ kind: 'shift', by: '5' })).toBe('shift by +5');
    expect(describeStrategy({ kind: 'shift', by: '-5' })).toBe('shift by -5');
    expect(describeStrategy({ kind: 'timestamp', timestamp: 0 })).toBe('timestamp 1970-01-01T00:00:00.000Z');
    expect(describeStrategy({ kind: 'earliest' })).toBe('earliest');
  });
});
