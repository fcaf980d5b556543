import { stepAtOffset } from '@/lib/timetravel/locate-step';

/**
 * The scrubber's position in the URL (`at`, `compare`): the offset of a step, or "start" for the
 * state before the first step. An offset survives a replay that reads more or fewer events; an
 * index would not.
 */
export function positionFromParam(
  param: string | null,
  steps: readonly { offset: string; timestamp: number }[],
): number {
  if (param === 'start') return -1;
  if (param && /^\d+$/.test(param)) return stepAtOffset(steps, BigInt(param));
  return steps.length - 1;
}

export function positionParam(position: number, steps: readonly { offset: string }[]): string {
  return position < 0 ? 'start' : (steps[position]?.offset ?? 'start');
}
