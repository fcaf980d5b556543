import { describe, expect, it } from 'vitest';
import { eventsPerDay, stepAtOffset, stepAtTime } from './locate-step';

const day = (d: number, h = 0) => Date.UTC(2025, 0, d, h);
const steps = [
  { offset: '10', timestamp: day(6, 8) },
  { offset: '14', timestamp: day(6, 20), error: 'boom' },
  { offset: '30', timestamp: day(8, 1) },
];

describe('scrubber positions', () => {
  it('finds the last step at or before an offset', () => {
    expect(stepAtOffset(steps, 9n)).toBe(-1);
    expect(stepAtOffset(steps, 10n)).toBe(0);
    expect(stepAtOffset(steps, 29n)).toBe(1);
    expect(stepAtOffset(steps, 1000n)).toBe(2);
  });

  it('finds the last step at or before a time', () => {
    expect(stepAtTime(steps, day(6))).toBe(-1);
    expect(stepAtTime(steps, day(7))).toBe(1);
    expect(stepAtTime(steps, day(9))).toBe(2);
  });

  it('counts events and failed steps per UTC day', () => {
    expect(eventsPerDay(steps)).toEqual([
      { day: '2025-01-06', events: 2, failed: 1 },
      { day: '2025-01-08', events: 1, failed: 0 },
    ]);
  });
});
