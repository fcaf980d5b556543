import { groupStates, type GroupState } from '@/lib/schemas/groups';

/**
 * Maps each broker's spelling of a group state to the one vocabulary of `lib/schemas/groups`.
 * Pure, shared by server and browser.
 */

/** `PreparingRebalance`, `preparing_rebalance` and `PREPARING_REBALANCE` are the same state. */
export function normalizeGroupState(raw: string | null | undefined): GroupState {
  const upper = (raw ?? '')
    .trim()
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toUpperCase();
  return (groupStates as readonly string[]).includes(upper) ? (upper as GroupState) : 'UNKNOWN';
}

/**
 * A group is running unless it is Empty or Dead: some consumer is (or is about to be) a member.
 * An unknown state counts as running, so that nothing is changed under a consumer by mistake.
 */
export function isGroupRunning(state: GroupState): boolean {
  return state !== 'EMPTY' && state !== 'DEAD';
}

/** For people: "Preparing rebalance". */
export function groupStateLabel(state: GroupState): string {
  const words = state.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
