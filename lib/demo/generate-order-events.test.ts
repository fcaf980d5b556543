import { describe, expect, it } from 'vitest';
import {
  DEMO_SPAN_MS,
  DEMO_START_MS,
  expectedOrderState,
  generateOrderEvents,
  groupEventsByOrder,
  heavyOrderSizes,
  heavyOrders,
  MAX_ORDER_EVENTS,
  MIN_ORDER_EVENTS,
  orderStatesAfterEach,
  schemaEras,
} from './generate-order-events';
import { orderTotalCents, type DemoOrderEvent } from './order-model';

const small = generateOrderEvents({ seed: 42, events: 5_000 });
const byOrder = groupEventsByOrder(small);

describe('generateOrderEvents', () => {
  it('is deterministic: the same seed gives the same events, another seed other events', () => {
    expect(generateOrderEvents({ seed: 42, events: 5_000 })).toEqual(small);
    const other = generateOrderEvents({ seed: 43, events: 5_000 });
    expect(other.map((e) => e.eventId)).not.toEqual(small.map((e) => e.eventId));
    expect(generateOrderEvents({ seed: 'x', events: 300 })).toEqual(
      generateOrderEvents({ seed: 'x', events: 300 }),
    );
  });

  it('pins the first event of the default demo', () => {
    const first = small[0]!;
    expect({
      orderId: first.orderId,
      type: first.type,
      occurredAt: new Date(first.occurredAt).toISOString(),
      version: first.schemaVersion,
    }).toMatchInlineSnapshot(`
      {
        "occurredAt": "2025-01-06T08:51:42.736Z",
        "orderId": "order-000001",
        "type": "OrderPlaced",
        "version": 1,
      }
    `);
  });

  it('produces exactly the requested number of events', () => {
    for (const events of [3, 17, 99, 100, 1_234, 5_000])
      expect(generateOrderEvents({ seed: 1, events })).toHaveLength(events);
    expect(() => generateOrderEvents({ events: 2 })).toThrow(RangeError);
    expect(() => generateOrderEvents({ events: 10.5 })).toThrow(RangeError);
  });

  it('has one order of 1,000 events and one of 300 at the default size, the rest 3-15', () => {
    expect(heavyOrders(small).map((o) => o.events)).toEqual([1_000, 300]);
    for (const [, events] of byOrder) {
      if (events.length >= 100) continue;
      expect(events.length).toBeGreaterThanOrEqual(MIN_ORDER_EVENTS);
      expect(events.length).toBeLessThanOrEqual(MAX_ORDER_EVENTS);
    }
  });

  it('plans two orders of 10,000 and five of 1,000 at the benchmark size', () => {
    expect(heavyOrderSizes(1_000_000)).toEqual([10_000, 10_000, 1_000, 1_000, 1_000, 1_000, 1_000]);
  });

  it('numbers orders by when they were placed and events by sequence, in time order', () => {
    const placedAt = [...byOrder.values()].map((events) => events[0]!);
    expect(placedAt.every((e) => e.type === 'OrderPlaced' && e.sequence === 1)).toBe(true);
    const ids = [...byOrder.keys()].sort();
    expect(ids[0]).toBe('order-000001');
    for (let i = 1; i < small.length; i++)
      expect(small[i]!.occurredAt).toBeGreaterThanOrEqual(small[i - 1]!.occurredAt);
    for (const events of byOrder.values()) {
      events.forEach((e, i) => {
        expect(e.sequence).toBe(i + 1);
        if (i > 0) expect(e.occurredAt).toBeGreaterThan(events[i - 1]!.occurredAt);
        if (i > 0) expect(e.type).not.toBe('OrderPlaced');
      });
    }
    expect(small[0]!.occurredAt).toBeGreaterThanOrEqual(DEMO_START_MS);
    expect(small.at(-1)!.occurredAt).toBeLessThan(DEMO_START_MS + DEMO_SPAN_MS);
    const weeks = (small.at(-1)!.occurredAt - small[0]!.occurredAt) / (7 * 86_400_000);
    expect(weeks).toBeGreaterThan(5);
  });

  it('interleaves schema versions by time, with overlaps', () => {
    const at = (e: DemoOrderEvent) => (e.occurredAt - DEMO_START_MS) / DEMO_SPAN_MS;
    const versionsIn = (from: number, to: number) =>
      new Set(small.filter((e) => at(e) >= from && at(e) < to).map((e) => e.schemaVersion));
    expect(versionsIn(0, schemaEras.v1Until)).toEqual(new Set([1]));
    expect(versionsIn(schemaEras.v1Until, schemaEras.v1v2OverlapUntil)).toEqual(new Set([1, 2]));
    expect(versionsIn(schemaEras.v1v2OverlapUntil, schemaEras.v2Until)).toEqual(new Set([2]));
    expect(versionsIn(schemaEras.v2Until, schemaEras.v2v3OverlapUntil)).toEqual(new Set([2, 3]));
    expect(versionsIn(schemaEras.v2v3OverlapUntil, 1)).toEqual(new Set([3]));
    // Long-lived orders have events of every version.
    for (const { orderId } of heavyOrders(small))
      expect(new Set(byOrder.get(orderId)!.map((e) => e.schemaVersion))).toEqual(new Set([1, 2, 3]));
  });

  it('only writes what each schema version can carry', () => {
    for (const e of small) {
      if (e.schemaVersion === 1) expect(e.correlationId).toBeNull();
      if (e.type === 'OrderPaid') {
        if (e.schemaVersion === 1) expect(e.payload.currency).toBe('EUR');
        if (e.schemaVersion < 3) expect(e.payload.method).not.toBe('APPLE_PAY');
      }
    }
    expect(small.some((e) => e.type === 'OrderPaid' && e.payload.method === 'APPLE_PAY')).toBe(true);
    expect(small.some((e) => e.type === 'OrderPaid' && e.payload.currency !== 'EUR')).toBe(true);
  });

  it('generates every event type, and only valid steps of the model', () => {
    expect(new Set(small.map((e) => e.type))).toEqual(
      new Set([
        'OrderPlaced',
        'ItemAdded',
        'ItemRemoved',
        'AddressChanged',
        'OrderPaid',
        'OrderShipped',
        'OrderCancelled',
      ]),
    );
    for (const events of byOrder.values()) {
      const states = orderStatesAfterEach(events);
      events.forEach((e, i) => {
        const before = states[i - 1];
        if (e.type === 'ItemRemoved')
          expect(before!.items.some((item) => item.sku === e.payload.sku)).toBe(true);
        if (e.type === 'ItemAdded' && before)
          expect(before.items.some((item) => item.sku === e.payload.item.sku)).toBe(false);
        if (e.type === 'OrderPaid')
          expect(e.payload.amountCents).toBe(orderTotalCents(before!) - before!.paidTotalCents);
        if (e.type === 'OrderPaid') expect(e.payload.amountCents).toBeGreaterThan(0);
      });
    }
  });
});

describe('expectedOrderState', () => {
  it('folds an order up to a sequence with the hand-written model', () => {
    const [orderId, events] = [...byOrder].find(([, list]) => list.length >= 5)!;
    const state2 = expectedOrderState(small, orderId, 2)!;
    expect(state2.eventCount).toBe(2);
    expect(state2.items).toHaveLength(1);
    expect(expectedOrderState(small, orderId)).toEqual(orderStatesAfterEach(events).at(-1));
    expect(expectedOrderState(small, 'order-999999')).toBeUndefined();
  });
});
