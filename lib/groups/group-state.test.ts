import { describe, expect, it } from 'vitest';
import { groupStateLabel, isGroupRunning, normalizeGroupState } from './group-state';

describe('group states', () => {
  it('reads every spelling the broker uses as one state', () => {
    expect(normalizeGroupState('STABLE')).toBe('STABLE');
    expect(normalizeGroupState('Stable')).toBe('STABLE');
    expect(normalizeGroupState('PreparingRebalance')).toBe('PREPARING_REBALANCE');
    expect(normalizeGroupState('COMPLETING_REBALANCE')).toBe('COMPLETING_REBALANCE');
    expect(normalizeGroupState('Reconciling')).toBe('RECONCILING');
    expect(normalizeGroupState('Empty')).toBe('EMPTY');
    expect(normalizeGroupState('weird')).toBe('UNKNOWN');
    expect(normalizeGroupState(undefined)).toBe('UNKNOWN');
  });

  it('counts a group as running unless it is empty or dead, unknown included', () => {
    expect(isGroupRunning('EMPTY')).toBe(false);
    expect(isGroupRunning('DEAD')).toBe(false);
    for (const s of [
      'STABLE',
      'PREPARING_REBALANCE',
      'COMPLETING_REBALANCE',
      'ASSIGNING',
      'RECONCILING',
      'UNKNOWN',
    ] as const)
      expect(isGroupRunning(s)).toBe(true);
  });

  it('labels states for people', () => {
    expect(groupStateLabel('PREPARING_REBALANCE')).toBe('Preparing rebalance');
    expect(groupStateLabel('EMPTY')).toBe('Empty');
  });
});
