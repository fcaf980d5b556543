import { describe, expect, it } from 'vitest';
import {
  describeDuration,
  formatBytes,
  formatCount,
  formatDay,
  formatElapsed,
  formatRate,
  formatSignedCount,
  formatTimeOfDay,
  formatTimestamp,
  fromDateTimeInput,
  plural,
  toDateTimeInput,
} from './format';

describe('formatBytes', () => {
  it('uses binary units, one decimal below 100', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1.0 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MiB');
    expect(formatBytes(300 * 1024 ** 3)).toBe('300 GiB');
    expect(formatBytes(2 * 1024 ** 6)).toBe('2048 PiB');
  });
  it('shows a missing size as a dash', () => {
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(undefined)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});

describe('formatCount', () => {
  it('groups thousands of numbers, strings and bigints', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(12.9)).toBe('12');
    expect(formatCount('-4002')).toBe('-4,002');
    expect(formatCount(10n ** 18n)).toBe('1,000,000,000,000,000,000');
  });
  it('stays exact beyond 2^53 when given a decimal string', () => {
    expect(formatCount('9007199254740993')).toBe('9,007,199,254,740,993');
  });
  it('shows missing or non-numeric values as a dash', () => {
    expect(formatCount(null)).toBe('—');
    expect(formatCount(undefined)).toBe('—');
    expect(formatCount('12abc')).toBe('—');
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('—');
  });
  it('signs changes with a real minus', () => {
    expect(formatSignedCount(5n)).toBe('+5');
    expect(formatSignedCount(-1500n)).toBe('−1,500');
    expect(formatSignedCount(0n)).toBe('0');
  });
  it('says a count with its noun', () => {
    expect(plural(1, 'topic')).toBe('1 topic');
    expect(plural(1200, 'topic')).toBe('1,200 topics');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});

describe('formatRate', () => {
  it('scales records per second', () => {
    expect(formatRate(850.4)).toBe('850/s');
    expect(formatRate(12_500)).toBe('12.5k/s');
    expect(formatRate(1_250_000)).toBe('1.25M/s');
  });
});

describe('times, always UTC', () => {
  const ms = Date.UTC(2025, 1, 15, 19, 14, 24, 569);
  it('formats a timestamp to the millisecond or the second', () => {
    expect(formatTimestamp(ms)).toBe('2025-02-15 19:14:24.569');
    expect(formatTimestamp(ms, 's')).toBe('2025-02-15 19:14:24');
    expect(formatDay(ms)).toBe('2025-02-15');
    expect(formatTimeOfDay(ms)).toBe('19:14:24');
  });
  it('shows Kafka\'s "no timestamp" (-1) and nonsense as a dash', () => {
    expect(formatTimestamp(-1)).toBe('—');
    expect(formatTimestamp(Number.NaN)).toBe('—');
    expect(formatDay(Number.POSITIVE_INFINITY)).toBe('—');
  });
  it('converts to and from datetime-local inputs as UTC', () => {
    expect(toDateTimeInput(String(ms))).toBe('2025-02-15T19:14:24.569');
    expect(toDateTimeInput('2025-02-15T19:14:24.569Z')).toBe('2025-02-15T19:14:24.569');
    expect(toDateTimeInput('not a time')).toBe('');
    expect(toDateTimeInput(undefined)).toBe('');
    expect(fromDateTimeInput('2025-02-15T19:14:24.569')).toBe('2025-02-15T19:14:24.569Z');
    expect(fromDateTimeInput('2025-02-01T10:20')).toBe('2025-02-01T10:20:00.000Z');
    expect(fromDateTimeInput('2025-02-15T20:14:24+01:00')).toBe('2025-02-15T19:14:24.000Z');
    expect(fromDateTimeInput('')).toBeUndefined();
    expect(fromDateTimeInput('tomorrow')).toBeUndefined();
    expect(fromDateTimeInput(' 2025-02-15 19:14:24 ')).toBe('2025-02-15T19:14:24.000Z');
  });
});

describe('durations', () => {
  it('says elapsed times in the largest sensible unit', () => {
    expect(formatElapsed(850)).toBe('850 ms');
    expect(formatElapsed(2300)).toBe('2.3 s');
    expect(formatElapsed(245_000)).toBe('4 min 05 s');
    expect(formatElapsed(7_380_000)).toBe('2 h 03 min');
    expect(formatElapsed(47 * 3_600_000 + 59 * 60_000)).toBe('47 h 59 min');
    expect(formatElapsed(822 * 3_600_000 + 57 * 60_000)).toBe('34 d 06 h');
    expect(formatElapsed(-5)).toBe('—');
  });
  it('says configured durations in words', () => {
    expect(describeDuration('-1')).toBe('forever');
    expect(describeDuration('-2')).toBeNull();
    expect(describeDuration('9223372036854775807')).toBe('no limit');
    expect(describeDuration('604800000')).toBe('7 days');
    expect(describeDuration('86400000')).toBe('1 day');
    expect(describeDuration('1500')).toBeNull();
    expect(describeDuration('abc')).toBeNull();
    expect(describeDuration(null)).toBeNull();
  });
});
