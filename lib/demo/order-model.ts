/**
 * The demo's order aggregate: its events (in the shape a reader of the LATEST schema version
 * sees them, union branches unwrapped) and a hand-written reducer. The reducer is the
 * generator's own model of the truth; `orderFoldRules` in fold-rules.ts says the same thing
 * declaratively, and a unit test checks that both agree on every event.
 */

export const orderEventTypes = [
  'OrderPlaced',
  'ItemAdded',
  'ItemRemoved',
  'AddressChanged',
  'OrderPaid',
  'OrderShipped',
  'OrderCancelled',
] as const;
export type OrderEventType = (typeof orderEventTypes)[number];

/** Symbols of the PaymentMethod enum; APPLE_PAY only exists from schema version 3. */
export const paymentMethodsV1 = ['CARD', 'PAYPAL', 'BANK_TRANSFER', 'OTHER'] as const;
export const paymentMethods = [...paymentMethodsV1, 'APPLE_PAY'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export type SchemaVersion = 1 | 2 | 3;

export interface Address {
  street: string;
  city: string;
  /** Called `zip` up to schema version 2 (renamed through an alias in version 3). */
  postalCode: string;
  country: string;
}

export interface OrderItem {
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
}

export interface OrderPlacedPayload {
  customerId: string;
  shippingAddress: Address;
}
export interface ItemAddedPayload {
  item: OrderItem;
}
export interface ItemRemovedPayload {
  sku: string;
}
export interface AddressChangedPayload {
  address: Address;
}
export interface OrderPaidPayload {
  paymentId: string;
  amountCents: number;
  method: PaymentMethod;
  /** Added in schema version 2 with default "EUR". */
  currency: string;
}
export interface OrderShippedPayload {
  carrier: string;
  trackingNumber: string;
}
export interface OrderCancelledPayload {
  reason: string;
}

export interface OrderPayloads {
  OrderPlaced: OrderPlacedPayload;
  ItemAdded: ItemAddedPayload;
  ItemRemoved: ItemRemovedPayload;
  AddressChanged: AddressChangedPayload;
  OrderPaid: OrderPaidPayload;
  OrderShipped: OrderShippedPayload;
  OrderCancelled: OrderCancelledPayload;
}

interface OrderEventBase<T extends OrderEventType> {
  /** A UUID, unique across the demo. */
  eventId: string;
  /** The aggregate id, also the Kafka key, e.g. `order-000042`. */
  orderId: string;
  type: T;
  /** Epoch milliseconds; also the Kafka record timestamp (CreateTime). */
  occurredAt: number;
  /** Added in schema version 2 (nullable, default null); always null in events written with v1. */
  correlationId: string | null;
  payload: OrderPayloads[T];
}

/** An order event as the latest reader schema sees it (the envelope record, payload unwrapped). */
export type OrderEventRecord = { [T in OrderEventType]: OrderEventBase<T> }[OrderEventType];

/** A generated event plus where it stands in the demo: its order-local sequence and writer schema. */
export type DemoOrderEvent = OrderEventRecord & {
  /** 1-based position of the event within its order (the aggregate version after it). */
  sequence: number;
  /** The registered schema version (1, 2 or 3) the event is written with. */
  schemaVersion: SchemaVersion;
};

export type OrderStatus = 'PLACED' | 'PAID' | 'SHIPPED' | 'CANCELLED';

/**
 * The state of an order after some of its events. Optional fields are absent (not undefined)
 * when not set, so the state compares equal to the JSON the declarative fold produces.
 */
export interface OrderState {
  orderId: string;
  status: OrderStatus;
  customerId: string;
  shippingAddress?: Address;
  items: OrderItem[];
  paidTotalCents: number;
  shipment?: OrderShippedPayload;
  cancelReason?: string;
  /** Number of events folded so far (the aggregate version). */
  eventCount: number;
}

export class OrderModelError extends Error {
  override name = 'OrderModelError';
}

/**
 * The hand-written reducer. Pure: returns a new state and never mutates its input.
 * Only OrderPlaced may start an order.
 */
export function reduceOrderEvent(state: OrderState | undefined, event: OrderEventRecord): OrderState {
  if (event.type === 'OrderPlaced') {
    return {
      orderId: event.orderId,
      status: 'PLACED',
      customerId: event.payload.customerId,
      shippingAddress: { ...event.payload.shippingAddress },
      items: [],
      paidTotalCents: 0,
      eventCount: (state?.eventCount ?? 0) + 1,
    };
  }
  if (!state) throw new OrderModelError(`${event.type} for ${event.orderId} before OrderPlaced`);
  const next: OrderState = { ...state, items: state.items, eventCount: state.eventCount + 1 };
  switch (event.type) {
    case 'ItemAdded':
      next.items = [...state.items, { ...event.payload.item }];
      break;
    case 'ItemRemoved':
      next.items = state.items.filter((item) => item.sku !== event.payload.sku);
      break;
    case 'AddressChanged':
      next.shippingAddress = { ...event.payload.address };
      break;
    case 'OrderPaid':
      next.paidTotalCents = state.paidTotalCents + event.payload.amountCents;
      next.status = 'PAID';
      break;
    case 'OrderShipped':
      next.status = 'SHIPPED';
      next.shipment = { ...event.payload };
      break;
    case 'OrderCancelled':
      next.status = 'CANCELLED';
      next.cancelReason = event.payload.reason;
      // The address is personal data that a cancelled order no longer needs.
      delete next.shippingAddress;
      break;
  }
  return next;
}

/** Total of the order's current items, in cents. */
export function orderTotalCents(state: Pick<OrderState, 'items'>): number {
  return state.items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
}

/** Strips the demo bookkeeping (sequence, schemaVersion) from a generated event. */
export function toOrderEventRecord(event: DemoOrderEvent): OrderEventRecord {
  const { sequence: _sequence, schemaVersion: _schemaVersion, ...record } = event;
  return record as OrderEventRecord;
}
