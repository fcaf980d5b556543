import { partitionForKey } from '@/lib/kafka/murmur2';
import type { DemoOrderEvent, SchemaVersion } from './order-model';
import { compressionCodecs, ORDERS_PARTITIONS, type DemoCodec } from './topics';

/**
 * Where each order event lands in the `orders` topic. Offsets are deterministic: the seeder
 * writes a fresh topic with one idempotent producer, in the order of the events, one request at
 * a time, so the n-th event of a partition gets offset n-1 (no transaction markers, and retries
 * cannot duplicate). The seeder checks every produce result against this plan.
 */

/** Events per produce request: at most 2,000, and at least 20 requests when the demo is small. */
export function orderEventsPerSend(events: number): number {
  return Math.min(2_000, Math.max(100, Math.ceil(events / 20)));
}

export interface PlacedOrderEvent {
  event: DemoOrderEvent;
  partition: number;
  offset: number;
  /** Index of the produce request that carries the event. */
  send: number;
  compression: DemoCodec;
  headers: Record<string, string>;
}

/** The producing service per schema version, as a record header. */
export const orderEventSources: Record<SchemaVersion, string> = {
  1: 'order-service/1.8.3',
  2: 'order-service/2.4.0',
  3: 'order-service/3.1.2',
};

export function orderEventHeaders(event: DemoOrderEvent): Record<string, string> {
  const headers: Record<string, string> = {
    'event-type': event.type,
    source: orderEventSources[event.schemaVersion],
  };
  if (event.correlationId) headers['correlation-id'] = event.correlationId;
  return headers;
}

/**
 * The codec of each produce request: gzip, snappy, lz4 and zstd in turn, in runs of consecutive
 * requests (about 20 runs in all). Runs keep zstd cheap: Node 20 cannot compress zstd itself, so
 * the seeder switches the topic's compression.type to zstd for a zstd run and the broker
 * compresses those batches (see scripts/seed.ts).
 */
export function compressionOfSend(send: number, sends: number): DemoCodec {
  const run = Math.max(1, Math.ceil(sends / 20));
  return compressionCodecs[Math.floor(send / run) % compressionCodecs.length] as DemoCodec;
}

export function placeOrderEvents(
  events: readonly DemoOrderEvent[],
  options: { partitions?: number; eventsPerSend?: number } = {},
): PlacedOrderEvent[] {
  return Array.from(placeOrderEventStream(events, events.length, options));
}

/**
 * placeOrderEvents one event at a time, for `total` events: only a counter per partition is
 * kept (the partition is computed again for every event rather than remembered per order).
 */
export function* placeOrderEventStream(
  events: Iterable<DemoOrderEvent>,
  total: number,
  options: { partitions?: number; eventsPerSend?: number } = {},
): Generator<PlacedOrderEvent> {
  const partitions = options.partitions ?? ORDERS_PARTITIONS;
  const perSend = options.eventsPerSend ?? orderEventsPerSend(total);
  const sends = Math.ceil(total / perSend);
  const next = new Array<number>(partitions).fill(0);
  let index = 0;
  for (const event of events) {
    const partition = partitionForKey(event.orderId, partitions);
    const offset = next[partition] as number;
    next[partition] = offset + 1;
    const send = Math.floor(index / perSend);
    index++;
    yield {
      event,
      partition,
      offset,
      send,
      compression: compressionOfSend(send, sends),
      headers: orderEventHeaders(event),
    };
  }
}

/** Records per partition after all events: the high watermarks of a freshly seeded topic. */
export function orderHighWatermarks(
  placed: readonly PlacedOrderEvent[],
  partitions = ORDERS_PARTITIONS,
): number[] {
  const hw = new Array<number>(partitions).fill(0);
  for (const p of placed) hw[p.partition] = Math.max(hw[p.partition] as number, p.offset + 1);
  return hw;
}
