import { planConsumerGroups, type PlannedGroup } from './consumer-groups';
import { DeadLetterPlanner, isStuckKeyCandidate, type DemoDeadLetter } from './dead-letters';
import { DemoTruth } from './demo-truth';
import {
  DEFAULT_DEMO_EVENTS,
  DEFAULT_DEMO_SEED,
  DemoOrderStream,
  formatOrderId,
} from './generate-order-events';
import { placeOrderEventStream, type PlacedOrderEvent } from './order-placement';
import { PaymentPlanner, userRecords, type PlannedPayment, type PlannedRecord } from './side-topics';
import { SnapshotPlanner, type PlannedSnapshot } from './snapshots';
import { ORDERS_PARTITIONS } from './topics';

export interface SeedStreamRest {
  payments: PlannedPayment[];
  snapshots: PlannedSnapshot[];
  highWatermarks: { orders: number[]; payments: number[] };
}

/**
 * The demo seed as a stream, for sizes that do not fit in memory (the benchmark seeds 10,000,000
 * events): the order events are placed one at a time and every topic derived from them is
 * planned as they pass, by planners that keep only what is not yet final. planDemoSeed collects
 * the same stream, so the seeder and the tests share one truth.
 *
 * What it holds: the order table (about 30 bytes an order), the customer table (16 bytes a
 * customer), the events of the orders open at the time, the refunds not yet due, the failing
 * events (about 0.3 %), and the states of the long-lived orders.
 */
export class DemoSeedStream {
  readonly seed: number | string;
  readonly events: number;
  readonly orders: DemoOrderStream;
  readonly truth: DemoTruth;
  private readonly snapshots: SnapshotPlanner;
  private readonly payments: PaymentPlanner;
  private readonly deadLetters: DeadLetterPlanner;
  private readonly orderHw = new Array<number>(ORDERS_PARTITIONS).fill(0);
  private placedCount = 0;
  private rest: SeedStreamRest | undefined;

  constructor(options: { seed?: number | string; events?: number } = {}) {
    this.seed = options.seed ?? DEFAULT_DEMO_SEED;
    this.events = options.events ?? DEFAULT_DEMO_EVENTS;
    this.orders = new DemoOrderStream({ seed: this.seed, events: this.events });
    const table = this.orders.orders;
    const eventsOf = (orderId: string) => table.sizeAt(Number(orderId.slice('order-'.length)) - 1);
    this.snapshots = new SnapshotPlanner(eventsOf);
    this.payments = new PaymentPlanner(this.seed);
    // Candidates in the order of their first event, which is the order they are placed (ranks).
    const candidates: number[] = [];
    for (let rank = 0; rank < table.count; rank++)
      if (isStuckKeyCandidate(table.sizeAt(rank))) candidates.push(rank);
    const candidateRanks = Uint32Array.from(candidates);
    candidates.length = 0;
    this.deadLetters = new DeadLetterPlanner({ seed: this.seed }, this.events, {
      count: candidateRanks.length,
      at: (i) => formatOrderId(candidateRanks[i]! + 1),
    });
    this.truth = new DemoTruth(
      this.events,
      table.heavyOrders().map((h) => h.orderId),
    );
  }

  /** The long-lived orders (at least 100 events), largest first. */
  heavyOrders(): { orderId: string; events: number }[] {
    return this.orders.orders.heavyOrders();
  }

  /**
   * The order events with their partition, offset and send, each with the payments that became
   * final with it (in the order they are written). Once only: the planners follow it.
   */
  *placed(): Generator<{ placed: PlacedOrderEvent; payments: PlannedPayment[] }> {
    if (this.placedCount > 0) throw new Error('the demo seed stream was already read');
    for (const placed of placeOrderEventStream(this.orders, this.events)) {
      this.placedCount++;
      this.orderHw[placed.partition] = placed.offset + 1;
      this.snapshots.add(placed);
      this.deadLetters.add(placed);
      this.truth.add(placed);
      yield { placed, payments: this.payments.add(placed) };
    }
  }

  /**
   * After placed(): what the order events left to write, and the high watermarks of orders and
   * payments. The same answer every time it is asked.
   */
  finish(): SeedStreamRest {
    if (this.placedCount !== this.events)
      throw new Error(`the demo seed stream placed ${this.placedCount} of ${this.events} events`);
    this.rest ??= {
      payments: this.payments.finish(),
      snapshots: this.snapshots.finish(),
      highWatermarks: { orders: [...this.orderHw], payments: this.payments.highWatermarks },
    };
    return this.rest;
  }

  /**
   * After placed(): the dead letters, in the order they are written, each built when it is
   * due, with the event it carries. Once only.
   */
  deadLetterRecords(): Generator<{ letter: DemoDeadLetter; original: PlacedOrderEvent }> {
    if (this.placedCount !== this.events)
      throw new Error(`the demo seed stream placed ${this.placedCount} of ${this.events} events`);
    return this.deadLetters.finish();
  }

  /** The users topic, each record drawn when it is due. */
  users(): Generator<PlannedRecord> {
    return userRecords(this.orders.customers, this.seed);
  }

  groups(hw: { orders: number[]; payments: number[]; users: number[] }): PlannedGroup[] {
    return planConsumerGroups(hw);
  }
}
