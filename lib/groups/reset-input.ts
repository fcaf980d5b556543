import type { PlannedPartitionRow, ResetStrategyInput } from '@/lib/schemas/groups';
import type { PlannedPartition, ResetStrategy } from './plan-offset-reset';

/** The API's strategy (offsets as decimal strings) as the planner's (bigints). Validated by the schema before. */
export function strategyFromInput(input: ResetStrategyInput): ResetStrategy {
  switch (input.kind) {
    case 'explicit':
      return {
        kind: 'explicit',
        offsets: input.offsets.map((o) => ({
          topic: o.topic,
          partition: o.partition,
          offset: BigInt(o.offset),
        })),
      };
    case 'shift':
      return { kind: 'shift', by: BigInt(input.by) };
    default:
      return input;
  }
}

const str = (v: bigint | null) => (v === null ? null : v.toString());

export function plannedPartitionRow(p: PlannedPartition): PlannedPartitionRow {
  return {
    topic: p.topic,
    partition: p.partition,
    low: p.low.toString(),
    high: p.high.toString(),
    current: str(p.current),
    target: p.target.toString(),
    lagBefore: str(p.lagBefore),
    lagAfter: p.lagAfter.toString(),
    clamped: p.clamped,
    changed: p.changed,
  };
}

/** "earliest", "latest", "timestamp 2026-…Z", "shift -100", "explicit offsets": for the audit trail and messages. */
export function describeStrategy(input: ResetStrategyInput): string {
  switch (input.kind) {
    case 'timestamp':
      return `timestamp ${new Date(input.timestamp).toISOString()}`;
    case 'shift':
      return `shift by ${input.by.startsWith('-') || input.by.startsWith('+') ? input.by : `+${input.by}`}`;
    case 'explicit':
      return 'explicit offsets';
    default:
      return input.kind;
  }
}
