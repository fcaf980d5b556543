import { AppError } from '@/lib/errors/app-error';
import { computePartitionLag } from './compute-lag';

/**
 * The offset-reset planner: which partitions a reset covers, where each one moves, and whether a
 * previewed plan still holds when it is applied. Pure (no Kafka): the server feeds it offsets it
 * read, so every rule here is unit-tested.
 */

export type ResetScope =
  /** Every topic the group has committed offsets on, all their partitions. */
  | { kind: 'all' }
  /** All partitions of one topic, which the group may never have read (a new read model). */
  | { kind: 'topic'; topic: string }
  /** Chosen partitions of one topic. */
  | { kind: 'partitions'; topic: string; partitions: number[] };

export type ResetStrategy =
  | { kind: 'earliest' }
  | { kind: 'latest' }
  /** The first record at or after this time (epoch ms); past the last record means the end. */
  | { kind: 'timestamp'; timestamp: number }
  /** A given offset per partition; every partition in scope needs one. */
  | { kind: 'explicit'; offsets: { topic: string; partition: number; offset: bigint }[] }
  /** Move the committed offset by N (negative: back), within the log. */
  | { kind: 'shift'; by: bigint };

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

/** What the server read for one partition in scope. */
export interface PartitionPosition {
  topic: string;
  partition: number;
  low: bigint;
  high: bigint;
  committed: bigint | null;
  /** For the timestamp strategy: the offset ListOffsets found, null when past the last record. */
  atTimestamp?: bigint | null;
}

export interface PlannedPartition {
  topic: string;
  partition: number;
  low: bigint;
  high: bigint;
  /** Committed now; null when the group never committed here. */
  current: bigint | null;
  target: bigint;
  lagBefore: bigint | null;
  lagAfter: bigint;
  /** The asked offset lay outside [low, high] and was moved to the nearest end. */
  clamped: boolean;
  /** The target differs from what is committed (a partition with no commit always changes). */
  changed: boolean;
}

const bad = (message: string) => new AppError('BAD_REQUEST', message);
const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * Turns a scope into topics and partitions, given the group's committed topics and each
 * topic's partition count (topics that do not exist were refused before).
 */
export function resolveResetScope(
  scope: ResetScope,
  committedTopics: readonly string[],
  partitionCounts: ReadonlyMap<string, number>,
): TopicPartitions[] {
  const all = (topic: string) => Array.from({ length: partitionCounts.get(topic) ?? 0 }, (_, p) => p);
  switch (scope.kind) {
    case 'all': {
      if (committedTopics.length === 0)
        throw bad('the group has no committed offsets on any topic: choose a topic to reset');
      return [...committedTopics].sort().map((topic) => ({ topic, partitions: all(topic) }));
    }
    case 'topic':
      return [{ topic: scope.topic, partitions: all(scope.topic) }];
    case 'partitions': {
      const count = partitionCounts.get(scope.topic) ?? 0;
      const unique = [...new Set(scope.partitions)].sort((a, b) => a - b);
      if (unique.length === 0) throw bad('choose at least one partition');
      const outside = unique.filter((p) => !Number.isInteger(p) || p < 0 || p >= count);
      if (outside.length)
        throw bad(
          `topic "${scope.topic}" has partitions 0–${count - 1}; there is no partition ${outside.join(', ')}`,
        );
      return [{ topic: scope.topic, partitions: unique }];
    }
  }
}

function clamp(value: bigint, low: bigint, high: bigint): { value: bigint; clamped: boolean } {
  if (value < low) return { value: low, clamped: true };
  if (value > high) return { value: high, clamped: true };
  return { value, clamped: false };
}

function targetOf(
  strategy: ResetStrategy,
  p: PartitionPosition,
  explicit: ReadonlyMap<string, bigint>,
): { value: bigint; clamped: boolean } {
  switch (strategy.kind) {
    case 'earliest':
      return { value: p.low, clamped: false };
    case 'latest':
      return { value: p.high, clamped: false };
    case 'timestamp':
      // No record at or after the time: the group starts after the last record, like the Java tool.
      return p.atTimestamp === null || p.atTimestamp === undefined
        ? { value: p.high, clamped: false }
        : clamp(p.atTimestamp, p.low, p.high);
    case 'explicit':
      return clamp(explicit.get(key(p.topic, p.partition))!, p.low, p.high);
    case 'shift':
      // Checked before: every partition has a committed offset.
      return clamp(p.committed! + strategy.by, p.low, p.high);
  }
}

/** The new offset of every partition in scope, with the lag before and after. */
export function planOffsetReset(
  strategy: ResetStrategy,
  positions: readonly PartitionPosition[],
): PlannedPartition[] {
  if (positions.length === 0) throw bad('nothing to reset: the scope has no partitions');
  const explicit = new Map<string, bigint>();
  if (strategy.kind === 'explicit') {
    const inScope = new Set(positions.map((p) => key(p.topic, p.partition)));
    for (const o of strategy.offsets) {
      if (!inScope.has(key(o.topic, o.partition)))
        throw bad(`an offset is given for ${o.topic}/${o.partition}, which is not in the chosen scope`);
      if (o.offset < 0n) throw bad(`offset ${o.offset} for ${o.topic}/${o.partition} is negative`);
      if (explicit.has(key(o.topic, o.partition)))
        throw bad(`two offsets are given for ${o.topic}/${o.partition}`);
      explicit.set(key(o.topic, o.partition), o.offset);
    }
    const missing = positions.filter((p) => !explicit.has(key(p.topic, p.partition)));
    if (missing.length)
      throw bad(
        `give an offset for every partition in scope; missing: ${missing.map((p) => `${p.topic}/${p.partition}`).join(', ')}`,
      );
  }
  if (strategy.kind === 'shift') {
    const uncommitted = positions.filter((p) => p.committed === null);
    if (uncommitted.length) {
      throw bad(
        `${uncommitted.map((p) => `${p.topic}/${p.partition}`).join(', ')} ${uncommitted.length === 1 ? 'has' : 'have'} no committed offset to shift from; reset ${uncommitted.length === 1 ? 'it' : 'them'} to earliest, latest or a time instead`,
      );
    }
  }
  return positions.map((p) => {
    const { value: target, clamped } = targetOf(strategy, p, explicit);
    const before = computePartitionLag({
      topic: p.topic,
      partition: p.partition,
      committed: p.committed,
      highWatermark: p.high,
      lowWatermark: p.low,
    });
    const after = computePartitionLag({
      topic: p.topic,
      partition: p.partition,
      committed: target,
      highWatermark: p.high,
      lowWatermark: p.low,
    });
    return {
      topic: p.topic,
      partition: p.partition,
      low: p.low,
      high: p.high,
      current: before.committed,
      target,
      lagBefore: before.lag,
      lagAfter: after.lag ?? 0n,
      clamped,
      changed: before.committed !== target,
    };
  });
}

export interface PlanTotals {
  partitions: number;
  changed: number;
  /** Sum of known lags before; null when the group had no commit in scope. */
  lagBefore: bigint | null;
  lagAfter: bigint;
}

export function summarizePlan(rows: readonly PlannedPartition[]): PlanTotals {
  let lagBefore: bigint | null = null;
  let lagAfter = 0n;
  for (const r of rows) {
    if (r.lagBefore !== null) lagBefore = (lagBefore ?? 0n) + r.lagBefore;
    lagAfter += r.lagAfter;
  }
  return { partitions: rows.length, changed: rows.filter((r) => r.changed).length, lagBefore, lagAfter };
}

/** One partition of a previewed plan, as the browser sends it back to be applied. */
export interface PlanStep {
  topic: string;
  partition: number;
  current: bigint | null;
  target: bigint;
}

/**
 * What makes a previewed plan unsafe to apply now: someone moved the group's offsets since the
 * preview, or records were deleted (or the topic shrank) so the target is no longer in the log.
 * Returns the problems in words; empty when the plan still holds.
 */
export function findStalePlanSteps(steps: readonly PlanStep[], now: readonly PartitionPosition[]): string[] {
  const byKey = new Map(now.map((p) => [key(p.topic, p.partition), p]));
  const problems: string[] = [];
  for (const s of steps) {
    const p = byKey.get(key(s.topic, s.partition));
    const where = `${s.topic}/${s.partition}`;
    if (!p) {
      problems.push(`${where} no longer exists`);
      continue;
    }
    if (p.committed !== s.current) {
      problems.push(
        `the committed offset of ${where} changed since the preview (${s.current ?? 'none'} → ${p.committed ?? 'none'})`,
      );
    }
    if (s.target < p.low || s.target > p.high) {
      problems.push(`offset ${s.target} of ${where} is no longer in the log (${p.low}–${p.high})`);
    }
  }
  return problems;
}
