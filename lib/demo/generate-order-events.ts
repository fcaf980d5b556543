import {
  orderTotalCents,
  reduceOrderEvent,
  type Address,
  type DemoOrderEvent,
  type OrderEventType,
  type OrderPayloads,
  type OrderState,
  type PaymentMethod,
  type SchemaVersion,
} from './order-model';
import { EventSpill, EVENTS_PER_SLICE } from './event-spill';
import { MinHeap } from './min-heap';
import { createRng, type Rng } from './prng';
import {
  buildCatalog,
  buildCustomers,
  cancelReasons,
  CustomerTable,
  carriers,
  randomAddress,
  trackingNumber,
  type Customer,
  type CustomerSource,
  type Product,
} from './reference-data';

/**
 * The generator of the demo's order events. Deterministic: the same seed and size give the same
 * events, byte for byte, on every machine. It keeps each order's state with the hand-written
 * reducer while it generates (so that an ItemRemoved names an item that is there and an
 * OrderPaid pays what is owed), and that reducer is the expected truth of the demo.
 */

/** Monday 6 January 2025, 08:00 UTC: the first event of the demo is not earlier. */
export const DEMO_START_MS = Date.UTC(2025, 0, 6, 8, 0, 0);
/** Six weeks: every event of the demo is before DEMO_START_MS + DEMO_SPAN_MS. */
export const DEMO_SPAN_MS = 42 * 86_400_000;
export const DEFAULT_DEMO_SEED = 42;
export const DEFAULT_DEMO_EVENTS = 5_000;

/**
 * Which schema version writes an event, by when it happened: the producers were upgraded over
 * time, with overlaps where old and new instances ran side by side. `from`/`to` are fractions of
 * the demo's span; inside an overlap the newer version's share grows linearly.
 */
export const schemaEras = {
  v1Until: 0.35,
  v1v2OverlapUntil: 0.45,
  v2Until: 0.7,
  v2v3OverlapUntil: 0.8,
} as const;

export function schemaVersionAt(occurredAt: number, rng: Rng): SchemaVersion {
  const t = (occurredAt - DEMO_START_MS) / DEMO_SPAN_MS;
  const e = schemaEras;
  if (t < e.v1Until) return 1;
  if (t < e.v1v2OverlapUntil) return rng.chance((t - e.v1Until) / (e.v1v2OverlapUntil - e.v1Until)) ? 2 : 1;
  if (t < e.v2Until) return 2;
  if (t < e.v2v3OverlapUntil) return rng.chance((t - e.v2Until) / (e.v2v3OverlapUntil - e.v2Until)) ? 3 : 2;
  return 3;
}

/**
 * The long-lived orders of a demo of this size (number of events of each), the rest being orders
 * of 3 to 15 events: at 1,000,000 events two orders with 10,000 and five with 1,000; from 2,000
 * events one with 1,000 and one with 300; smaller sizes (unit tests) scale down.
 */
export function heavyOrderSizes(events: number): number[] {
  if (events >= 500_000) return [10_000, 10_000, 1_000, 1_000, 1_000, 1_000, 1_000];
  if (events >= 2_000) return [1_000, 300];
  if (events >= 100) return [Math.floor(events * 0.2), Math.floor(events * 0.06)];
  return [];
}

export const MIN_ORDER_EVENTS = 3;
export const MAX_ORDER_EVENTS = 15;
/** The generator's notion of a heavy order: one with at least this many events. */
export const HEAVY_ORDER_MIN_EVENTS = 100;

export function formatOrderId(n: number): string {
  return `order-${String(n).padStart(6, '0')}`;
}

export interface GenerateOrderEventsOptions {
  seed?: number | string;
  events?: number;
  /**
   * From `fromEvents` events on (default SPILL_FROM_EVENTS), events waiting for their time go to
   * temporary files in time slices of about `eventsPerSlice` events rather than stay in memory
   * (see event-spill.ts).
   */
  spill?: { fromEvents?: number; eventsPerSlice?: number };
}

/** Below this size the waiting events fit in memory (about 40,000 of them at 1,000,000). */
export const SPILL_FROM_EVENTS = 2_000_000;

const normalSizeWeights: (readonly [number, number])[] = [
  [3, 10],
  [4, 14],
  [5, 16],
  [6, 14],
  [7, 11],
  [8, 9],
  [9, 7],
  [10, 6],
  [11, 4],
  [12, 3],
  [13, 2],
  [14, 2],
  [15, 2],
];

/** The size of each order, heavy ones first, drawn one at a time so that nothing is kept. */
function* planSizes(rng: Rng, events: number): Generator<{ size: number; heavy: boolean }> {
  const heavy = heavyOrderSizes(events);
  let remaining = events - heavy.reduce((sum, size) => sum + size, 0);
  for (const size of heavy) yield { size, heavy: true };
  while (remaining > 0) {
    let size: number;
    if (remaining <= MAX_ORDER_EVENTS) size = remaining;
    else {
      size = rng.weighted(normalSizeWeights);
      if (remaining - size < MIN_ORDER_EVENTS) size = remaining - MIN_ORDER_EVENTS;
    }
    yield { size, heavy: false };
    remaining -= size;
  }
}

/** A log-uniform duration: many short gaps, a few long ones. */
function logUniform(rng: Rng, minMs: number, maxMs: number): number {
  return Math.exp(Math.log(minMs) + rng.next() * (Math.log(maxMs) - Math.log(minMs)));
}

function planTimes(rng: Rng, size: number, heavy: boolean): number[] {
  const gaps: number[] = [];
  let start: number;
  if (heavy) {
    // Long-lived: starts in the first two days and keeps going for most of the six weeks.
    start = DEMO_START_MS + rng.int(0, 2 * 86_400_000);
    const available = DEMO_START_MS + DEMO_SPAN_MS * 0.97 - start;
    for (let i = 1; i < size; i++) gaps.push(0.5 + rng.next());
    const scale = available / gaps.reduce((a, b) => a + b, 0);
    for (let i = 0; i < gaps.length; i++) gaps[i] = Math.max(1, Math.floor((gaps[i] as number) * scale));
  } else {
    for (let i = 1; i < size; i++) gaps.push(Math.round(logUniform(rng, 20_000, 30 * 3_600_000)));
    const duration = gaps.reduce((a, b) => a + b, 0);
    start = DEMO_START_MS + rng.int(0, Math.max(0, DEMO_SPAN_MS - duration - 1));
  }
  const times = [start];
  for (const gap of gaps) times.push((times[times.length - 1] as number) + gap);
  return times;
}

type Terminal = 'shipped' | 'paid' | 'cancelled' | 'open';

function chooseTerminal(rng: Rng, size: number): Terminal {
  const options: (readonly [Terminal, number])[] = [
    ['shipped', size >= 4 ? 66 : 0],
    ['paid', 12],
    ['cancelled', 12],
    ['open', 10],
  ];
  return rng.weighted(options.filter(([, w]) => w > 0));
}

const terminalLength: Record<Terminal, number> = { shipped: 2, paid: 1, cancelled: 1, open: 0 };

class OrderWriter {
  state: OrderState | undefined;
  readonly events: DemoOrderEvent[] = [];
  private readonly currency: string;

  constructor(
    private readonly rng: Rng,
    readonly orderId: string,
    private readonly times: number[],
    private readonly catalog: Product[],
  ) {
    // Multi-currency arrived with schema version 2; version-1 payments are all in EUR.
    this.currency = rng.weighted([
      ['EUR', 80],
      ['USD', 12],
      ['GBP', 8],
    ]);
  }

  private emit<T extends OrderEventType>(
    type: T,
    payloadFor: (version: SchemaVersion) => OrderPayloads[T],
  ): void {
    const sequence = this.events.length + 1;
    const occurredAt = this.times[sequence - 1];
    if (occurredAt === undefined) throw new Error(`order ${this.orderId} has no time for event ${sequence}`);
    const schemaVersion = schemaVersionAt(occurredAt, this.rng);
    const eventId = this.rng.uuid();
    const correlationId =
      schemaVersion >= 2 && this.rng.chance(0.85)
        ? `req-${this.rng.uuid().replace(/-/g, '').slice(0, 16)}`
        : null;
    const event = {
      eventId,
      orderId: this.orderId,
      type,
      occurredAt,
      correlationId,
      payload: payloadFor(schemaVersion),
      sequence,
      schemaVersion,
    } as DemoOrderEvent;
    this.state = reduceOrderEvent(this.state, event);
    this.events.push(event);
  }

  private get items() {
    return this.state?.items ?? [];
  }

  place(customer: Customer): void {
    const shippingAddress: Address = this.rng.chance(0.9) ? { ...customer.address } : randomAddress(this.rng);
    this.emit('OrderPlaced', () => ({ customerId: customer.customerId, shippingAddress }));
  }

  addItem(): void {
    const present = new Set(this.items.map((i) => i.sku));
    let product = this.rng.pick(this.catalog);
    for (let tries = 0; present.has(product.sku) && tries < 20; tries++)
      product = this.rng.pick(this.catalog);
    if (present.has(product.sku)) product = this.catalog.find((p) => !present.has(p.sku)) ?? product;
    const quantity = this.rng.weighted([
      [1, 50],
      [2, 25],
      [3, 12],
      [4, 8],
      [5, 5],
    ]);
    this.emit('ItemAdded', () => ({
      item: { sku: product.sku, name: product.name, quantity, unitPriceCents: product.unitPriceCents },
    }));
  }

  removeItem(): void {
    const item = this.rng.pick(this.items);
    this.emit('ItemRemoved', () => ({ sku: item.sku }));
  }

  changeAddress(): void {
    const address = randomAddress(this.rng);
    this.emit('AddressChanged', () => ({ address }));
  }

  get outstandingCents(): number {
    return this.state ? orderTotalCents(this.state) - this.state.paidTotalCents : 0;
  }

  pay(): void {
    const amountCents = this.outstandingCents;
    const paymentId = `pay-${this.rng.uuid().replace(/-/g, '').slice(0, 20)}`;
    this.emit('OrderPaid', (version) => {
      const methods: (readonly [PaymentMethod, number])[] = [
        ['CARD', 50],
        ['PAYPAL', 25],
        ['BANK_TRANSFER', 12],
        ['OTHER', 3],
      ];
      if (version >= 3) methods.push(['APPLE_PAY', 15]);
      return {
        paymentId,
        amountCents,
        method: this.rng.weighted(methods),
        currency: version >= 2 ? this.currency : 'EUR',
      };
    });
  }

  ship(): void {
    const carrier = this.rng.pick(carriers);
    const tracking = trackingNumber(this.rng, carrier);
    this.emit('OrderShipped', () => ({ carrier, trackingNumber: tracking }));
  }

  cancel(): void {
    const reason = this.rng.pick(cancelReasons);
    this.emit('OrderCancelled', () => ({ reason }));
  }

  /** Adding, removing and re-addressing, never removing the last item. */
  churn(): void {
    const choice = this.rng.weighted([
      ['add', this.items.length < 12 ? 60 : 5],
      ['remove', this.items.length >= 2 ? 20 : 0],
      ['address', 20],
    ] as const);
    if (choice === 'add') this.addItem();
    else if (choice === 'remove') this.removeItem();
    else this.changeAddress();
  }
}

function writeNormalOrder(order: OrderWriter, rng: Rng, size: number, customer: Customer): void {
  const terminal = chooseTerminal(rng, size);
  order.place(customer);
  order.addItem();
  const middle = size - 2 - terminalLength[terminal];
  for (let i = 0; i < middle; i++) order.churn();
  if (terminal === 'shipped') {
    order.pay();
    order.ship();
  } else if (terminal === 'paid') order.pay();
  else if (terminal === 'cancelled') order.cancel();
}

/** A standing order that keeps changing: items come and go, the balance is paid now and then. */
function writeHeavyOrder(order: OrderWriter, rng: Rng, size: number, customer: Customer): void {
  order.place(customer);
  for (let i = 1; i < size; i++) {
    const items = order.state?.items.length ?? 0;
    if (items === 0) {
      order.addItem();
      continue;
    }
    const choice = rng.weighted([
      ['add', items < 15 ? 40 : 2],
      ['remove', items >= 2 ? 25 : 0],
      ['address', 5],
      ['pay', order.outstandingCents > 0 ? 30 : 0],
    ] as const);
    if (choice === 'add') order.addItem();
    else if (choice === 'remove') order.removeItem();
    else if (choice === 'address') order.changeAddress();
    else order.pay();
  }
}

function compareEvents(a: DemoOrderEvent, b: DemoOrderEvent): number {
  return (
    a.occurredAt - b.occurredAt ||
    (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0) ||
    a.sequence - b.sequence
  );
}

/** Customers of a demo with this many orders (cust-00001...), the same list the generator draws from. */
export function demoCustomers(seed: number | string, orderCount: number): Customer[] {
  return buildCustomers(
    createRng(seed).fork('customers'),
    Math.max(10, Math.ceil(orderCount / 4)),
    DEMO_START_MS,
  );
}

export const DEMO_CATALOG_SIZE = 240;

export function demoCatalog(seed: number | string): Product[] {
  return buildCatalog(createRng(seed).fork('catalog'), DEMO_CATALOG_SIZE);
}

/**
 * The orders of a demo, planned before any event is written: size, whether heavy, and the
 * times generator's position (from which its event times are drawn again), ranked by the time
 * the order is placed (ties by plan position), which gives the order ids. Typed arrays, about
 * 30 bytes an order, rather than an object per order.
 */
export class DemoOrderTable {
  readonly count: number;
  /** Plan position of the order of each rank. */
  private readonly byRank: Uint32Array;
  private readonly sizes: Uint32Array;
  private readonly heavy: Uint8Array;
  private readonly timePositions: Uint32Array;
  private readonly timeRng: Rng;

  constructor(seed: number | string, total: number) {
    const root = createRng(seed);
    let count = 0;
    for (const _ of planSizes(root.fork('sizes'), total)) count++;
    this.count = count;
    this.sizes = new Uint32Array(count);
    this.heavy = new Uint8Array(count);
    this.timePositions = new Uint32Array(count * 4);
    this.timeRng = root.fork('times');
    const starts = new Float64Array(count);
    let i = 0;
    for (const { size, heavy } of planSizes(root.fork('sizes'), total)) {
      this.sizes[i] = size;
      this.heavy[i] = heavy ? 1 : 0;
      this.timePositions.set(this.timeRng.save(), i * 4);
      starts[i] = planTimes(this.timeRng, size, heavy)[0]!;
      i++;
    }
    this.byRank = new Uint32Array(count).map((_, k) => k);
    this.byRank.sort((a, b) => starts[a]! - starts[b]! || a - b);
  }

  sizeAt(rank: number): number {
    return this.sizes[this.byRank[rank]!]!;
  }

  heavyAt(rank: number): boolean {
    return this.heavy[this.byRank[rank]!] === 1;
  }

  /** The event times of the order of this rank, drawn again from its saved position. */
  timesAt(rank: number): number[] {
    const i = this.byRank[rank]!;
    const p = this.timePositions;
    this.timeRng.restore([p[i * 4]!, p[i * 4 + 1]!, p[i * 4 + 2]!, p[i * 4 + 3]!]);
    return planTimes(this.timeRng, this.sizes[i]!, this.heavy[i] === 1);
  }

  /** As heavyOrders() says of the events, from the plan alone. */
  heavyOrders(): { orderId: string; events: number }[] {
    const heavy: { orderId: string; events: number }[] = [];
    for (let rank = 0; rank < this.count; rank++)
      if (this.sizeAt(rank) >= HEAVY_ORDER_MIN_EVENTS)
        heavy.push({ orderId: formatOrderId(rank + 1), events: this.sizeAt(rank) });
    return heavy.sort((a, b) => b.events - a.events || a.orderId.localeCompare(b.orderId));
  }
}

/**
 * The order events of a demo, generated in bounded memory, in the order they are produced: by
 * time (then order id, then sequence). Orders are written one after the other in the order they
 * are placed, each from where the previous one left the generator (as generateOrderEvents
 * always did), and their events wait until no order still to come can have an earlier one: in a
 * heap for a small demo, in time slices on disk for a large one (the orders open at a moment
 * grow with the size, since the demo's six weeks do not).
 */
export class DemoOrderStream implements Iterable<DemoOrderEvent> {
  readonly seed: number | string;
  readonly events: number;
  readonly orders: DemoOrderTable;
  readonly customers: CustomerTable;
  private readonly spill: number | undefined;

  constructor(options: GenerateOrderEventsOptions = {}) {
    this.seed = options.seed ?? DEFAULT_DEMO_SEED;
    this.events = options.events ?? DEFAULT_DEMO_EVENTS;
    this.spill =
      this.events >= (options.spill?.fromEvents ?? SPILL_FROM_EVENTS)
        ? (options.spill?.eventsPerSlice ?? EVENTS_PER_SLICE)
        : undefined;
    if (!Number.isInteger(this.events) || this.events < MIN_ORDER_EVENTS)
      throw new RangeError(`events must be an integer of at least ${MIN_ORDER_EVENTS}, not ${this.events}`);
    this.orders = new DemoOrderTable(this.seed, this.events);
    this.customers = demoCustomerTable(this.seed, this.orders.count);
  }

  *[Symbol.iterator](): Generator<DemoOrderEvent> {
    const eventRng = createRng(this.seed).fork('events');
    const catalog = demoCatalog(this.seed);
    const pending =
      this.spill === undefined
        ? new WaitingEvents()
        : new EventSpill<DemoOrderEvent>(compareEvents, {
            start: DEMO_START_MS,
            span: DEMO_SPAN_MS,
            events: this.events,
            eventsPerSlice: this.spill,
          });
    try {
      for (let rank = 0; rank < this.orders.count; rank++) {
        const times = this.orders.timesAt(rank);
        // Every later order starts at or after this one: what is earlier is final.
        yield* pending.releaseBefore(times[0]!);
        const order = new OrderWriter(eventRng, formatOrderId(rank + 1), times, catalog);
        const customer = pickCustomer(eventRng, this.customers);
        const size = this.orders.sizeAt(rank);
        if (this.orders.heavyAt(rank)) writeHeavyOrder(order, eventRng, size, customer);
        else writeNormalOrder(order, eventRng, size, customer);
        for (const event of order.events) pending.add(event);
      }
      yield* pending.releaseBefore(Number.POSITIVE_INFINITY);
    } finally {
      pending.close();
    }
  }
}

/** The waiting events of a small demo: a heap. */
class WaitingEvents {
  private readonly heap = new MinHeap<DemoOrderEvent>(compareEvents);

  add(event: DemoOrderEvent): void {
    this.heap.push(event);
  }

  *releaseBefore(time: number): Generator<DemoOrderEvent> {
    while (this.heap.size > 0 && this.heap.peek()!.occurredAt < time) yield this.heap.pop()!;
  }

  close(): void {}
}

/** rng.pick over the customers, without a list of them. */
function pickCustomer(rng: Rng, customers: CustomerSource): Customer {
  return customers.get(Math.floor(rng.next() * customers.size));
}

/** The customers of demoCustomers(), kept as generator positions. */
export function demoCustomerTable(seed: number | string, orderCount: number): CustomerTable {
  return new CustomerTable(
    createRng(seed).fork('customers'),
    Math.max(10, Math.ceil(orderCount / 4)),
    DEMO_START_MS,
  );
}

/**
 * All order events of the demo in the order they are produced: by time (then order id, then
 * sequence). Each order's events have strictly increasing timestamps and sequences 1..n. Holds
 * them all: DemoOrderStream gives the same events one at a time.
 */
export function generateOrderEvents(options: GenerateOrderEventsOptions = {}): DemoOrderEvent[] {
  return Array.from(new DemoOrderStream(options));
}

/** The events of each order, in sequence, keyed by order id (in order of first appearance). */
export function groupEventsByOrder(events: readonly DemoOrderEvent[]): Map<string, DemoOrderEvent[]> {
  const byOrder = new Map<string, DemoOrderEvent[]>();
  for (const event of events) {
    let list = byOrder.get(event.orderId);
    if (!list) byOrder.set(event.orderId, (list = []));
    list.push(event);
  }
  return byOrder;
}

/** Orders with at least HEAVY_ORDER_MIN_EVENTS events, largest first: the ones worth time-travelling. */
export function heavyOrders(events: readonly DemoOrderEvent[]): { orderId: string; events: number }[] {
  return [...groupEventsByOrder(events)]
    .filter(([, list]) => list.length >= HEAVY_ORDER_MIN_EVENTS)
    .map(([orderId, list]) => ({ orderId, events: list.length }))
    .sort((a, b) => b.events - a.events || a.orderId.localeCompare(b.orderId));
}

/**
 * The state of an order after its event number `uptoSequence` (1-based; all its events when
 * omitted), computed by the hand-written reducer. Undefined when the order has no such events.
 */
export function expectedOrderState(
  events: readonly DemoOrderEvent[],
  orderId: string,
  uptoSequence = Number.POSITIVE_INFINITY,
): OrderState | undefined {
  let state: OrderState | undefined;
  for (const event of events) {
    if (event.orderId !== orderId || event.sequence > uptoSequence) continue;
    state = reduceOrderEvent(state, event);
  }
  return state;
}

/** The state after each event of one order's events (index k holds the state after event k+1). */
export function orderStatesAfterEach(orderEvents: readonly DemoOrderEvent[]): OrderState[] {
  const states: OrderState[] = [];
  let state: OrderState | undefined;
  for (const event of orderEvents) {
    state = reduceOrderEvent(state, event);
    states.push(state);
  }
  return states;
}
