/**
 * Scrubber positions: the step the state is shown "as of". Pure, shared by server and browser.
 * A position is the index of the last step folded (-1: before the first event).
 */

interface StepLike {
  offset: string;
  timestamp: number;
}

/** The last step at or before an offset; -1 when every step is later. */
export function stepAtOffset(steps: readonly StepLike[], offset: bigint): number {
  let found = -1;
  for (let i = 0; i < steps.length; i++) {
    if (BigInt(steps[i]!.offset) <= offset) found = i;
    else break;
  }
  return found;
}

/** The last step at or before a time (epoch ms); -1 when every step is later. */
export function stepAtTime(steps: readonly StepLike[], time: number): number {
  let found = -1;
  for (let i = 0; i < steps.length; i++) {
    if (steps[i]!.timestamp <= time) found = i;
    else break;
  }
  return found;
}

/** Events per UTC day, for the activity chart. */
export function eventsPerDay(steps: readonly StepLike[]): { day: string; events: number; failed: number }[] {
  const days = new Map<string, { events: number; failed: number }>();
  for (const s of steps) {
    const day = new Date(s.timestamp).toISOString().slice(0, 10);
    const entry = days.get(day) ?? { events: 0, failed: 0 };
    entry.events++;
    // A step carries its fold error; a timeline row says only whether it failed.
    const step = s as { error?: string | null; failed?: boolean };
    if (step.error || step.failed) entry.failed++;
    days.set(day, entry);
  }
  return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, v]) => ({ day, ...v }));
}
