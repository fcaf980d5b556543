import { reduceOrderEvent, type OrderState } from './order-model';
import type { PlacedOrderEvent } from './order-placement';

/**
 * Snapshots of the long-lived orders in `orders-snapshots` (compacted, key = order id, JSON
 * value): one after every SNAPSHOT_EVERY-th event of an order, carrying the state after that
 * event and the `orders` partition and offset it covers. Replay from a snapshot starts at
 * `offset + 1` of `partition`.
 */

export const SNAPSHOT_EVERY = 100;

export interface OrderSnapshotValue {
  orderId: string;
  state: OrderState;
  /** Partition of `orders` that holds the order. */
  partition: number;
  /** Offset in `orders` of the last event the state includes. */
  offset: number;
  /** The aggregate version: number of events folded (the sequence of the last one). */
  version: number;
  /** When the snapshot was taken (epoch ms); also the record timestamp. */
  takenAt: number;
}

export interface PlannedSnapshot {
  value: OrderSnapshotValue;
  partition: number;
  offset: number;
}

/** Snapshots in the order they are written (by takenAt), with their partition and offset. */
export function planSnapshots(
  placed: readonly PlacedOrderEvent[],
  every = SNAPSHOT_EVERY,
): PlannedSnapshot[] {
  const counts = new Map<string, number>();
  for (const p of placed) counts.set(p.event.orderId, (counts.get(p.event.orderId) ?? 0) + 1);
  const planner = new SnapshotPlanner((orderId) => counts.get(orderId) ?? 0, every);
  for (const p of placed) planner.add(p);
  return planner.finish();
}

/**
 * planSnapshots fed one placed event at a time: it folds only the orders that reach a snapshot
 * (`eventsOf` says how many events an order has), so it holds a state per long-lived order.
 */
export class SnapshotPlanner {
  private readonly states = new Map<string, OrderState>();
  private readonly values: OrderSnapshotValue[] = [];

  constructor(
    private readonly eventsOf: (orderId: string) => number,
    private readonly every = SNAPSHOT_EVERY,
  ) {}

  add(p: PlacedOrderEvent): void {
    if (this.eventsOf(p.event.orderId) < this.every) return;
    const state = reduceOrderEvent(this.states.get(p.event.orderId), p.event);
    this.states.set(p.event.orderId, state);
    if (p.event.sequence % this.every !== 0) return;
    this.values.push({
      orderId: p.event.orderId,
      state,
      partition: p.partition,
      offset: p.offset,
      version: p.event.sequence,
      // A snapshotter runs a little behind the stream; the delay is a function of the event so it is deterministic.
      takenAt: p.event.occurredAt + 1_000 + (p.offset % 7) * 500,
    });
  }

  finish(): PlannedSnapshot[] {
    const values = [...this.values].sort(
      (a, b) => a.takenAt - b.takenAt || a.orderId.localeCompare(b.orderId),
    );
    const next = new Map<number, number>();
    return values.map((value) => {
      const offset = next.get(value.partition) ?? 0;
      next.set(value.partition, offset + 1);
      // Same key, same partition count: the snapshot lands in the partition number of its order.
      return { value, partition: value.partition, offset };
    });
  }
}
