import { describe, expect, it } from 'vitest';
import { describeDuration, formatBytes, formatCount } from './format';

describe('topic figures in words', () => {
  it('formats sizes in binary units', () => {
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MiB');
    expect(formatBytes(300 * 1024 ** 3)).toBe('300 GiB');
  });

  it('groups digits of counts, also beyond 2^53', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount('9007199254740993')).toBe('9,007,199,254,740,993');
    expect(formatCount(null)).toBe('—');
  });

  it('says durations of config values in words', () => {
    expect(describeDuration('-1')).toBe('forever');
    expect(describeDuration('-2')).toBeNull();
    expect(describeDuration('9223372036854775807')).toBe('no limit');
    expect(describeDuration('604800000')).toBe('7 days');
    expect(describeDuration('86400000')).toBe('1 day');
    expect(describeDuration('1500')).toBeNull();
    expect(describeDuration('abc')).toBeNull();
  });
});
