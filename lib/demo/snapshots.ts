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
  // Only orders that reach a snapshot need folding.
  const counts = new Map<string, number>();
  for (const p of placed) counts.set(p.event.orderId, (counts.get(p.event.orderId) ?? 0) + 1);
  const states = new Map<string, OrderState>();
  const values: OrderSnapshotValue[] = [];
  for (const p of placed) {
    if ((counts.get(p.event.orderId) as number) < every) continue;
    const state = reduceOrderEvent(states.get(p.event.orderId), p.event);
    states.set(p.event.orderId, state);
    if (p.event.sequence % every !== 0) continue;
    values.push({
      orderId: p.event.orderId,
      state,
      partition: p.partition,
      offset: p.offset,
      version: p.event.sequence,
      // A snapshotter runs a little behind the stream; the delay is a function of the event so it is deterministic.
      takenAt: p.event.occurredAt + 1_000 + (p.offset % 7) * 500,
    });
  }
  values.sort((a, b) => a.takenAt - b.takenAt || a.orderId.localeCompare(b.orderId));
  const next = new Map<number, number>();
  return values.map((value) => {
    const offset = next.get(value.partition) ?? 0;
    next.set(value.partition, offset + 1);
    // Same key, same partition count: the snapshot lands in the partition number of its order.
    return { value, partition: value.partition, offset };
  });
}
