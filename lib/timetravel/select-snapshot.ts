/**
 * Snapshots of an aggregate, read from a snapshot topic: each carries the state and the offset
 * (in the event topic) of the last event it includes. Pure.
 */

export interface AggregateSnapshot {
  /** Offset of the snapshot record in the snapshot topic. */
  snapshotOffset: bigint;
  /** Partition of the event topic that the snapshot covers. */
  partition: number;
  /** Offset in the event topic of the last event folded into `state`. */
  coversOffset: bigint;
  version: number | null;
  takenAt: number | null;
  state: Record<string, unknown>;
}

/**
 * Reads a snapshot value: `{ state: {...}, offset: n, partition?: n, version?: n, takenAt?: ms }`
 * (the shape of the demo's orders-snapshots). Returns undefined for anything else, such as a
 * tombstone.
 */
export function parseSnapshotValue(
  value: unknown,
  snapshotOffset: bigint,
  defaultPartition: number,
): AggregateSnapshot | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const state = v.state;
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return undefined;
  const offset = typeof v.offset === 'number' || typeof v.offset === 'string' ? v.offset : undefined;
  if (offset === undefined || !/^\d+$/.test(String(offset))) return undefined;
  return {
    snapshotOffset,
    partition: typeof v.partition === 'number' ? v.partition : defaultPartition,
    coversOffset: BigInt(offset),
    version: typeof v.version === 'number' ? v.version : null,
    takenAt: typeof v.takenAt === 'number' ? v.takenAt : null,
    state: state as Record<string, unknown>,
  };
}

/**
 * The snapshot to start from: the one covering the most events at or before `target` (an
 * offset of the event topic; no target means the latest). Ties go to the later snapshot record.
 */
export function selectSnapshot(
  snapshots: readonly AggregateSnapshot[],
  target?: bigint,
): AggregateSnapshot | undefined {
  let best: AggregateSnapshot | undefined;
  for (const s of snapshots) {
    if (target !== undefined && s.coversOffset > target) continue;
    if (
      !best ||
      s.coversOffset > best.coversOffset ||
      (s.coversOffset === best.coversOffset && s.snapshotOffset > best.snapshotOffset)
    )
      best = s;
  }
  return best;
}
