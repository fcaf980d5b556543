import { DemoOrderStream, type GenerateOrderEventsOptions } from './generate-order-events';
import { MinHeap } from './min-heap';
import { placeOrderEventStream, type PlacedOrderEvent } from './order-placement';
import { ORDERS_PARTITIONS } from './topics';

/**
 * What the benchmark checks its answers against, accumulated while the order events stream by,
 * in memory that does not grow with the topic: the records per partition, the largest OrderPaid
 * amounts (no more than the filtered scan's predicate can match), and a fixed set of tracked
 * aggregates (the demo's long-lived orders) with their event counts and offsets.
 */

/** The filtered scan may match at most this many (under the search's 10,000-match cap). */
export const VALUE_PREDICATE_MAX_MATCHES = 9_500;
/** ...and about this share of all events. */
export const VALUE_PREDICATE_SHARE = 0.009;

export interface TrackedAggregate {
  orderId: string;
  partition: number;
  events: number;
  firstOffset: number;
  lastOffset: number;
}

export class DemoTruth {
  readonly partitionCounts: number[];
  private events = 0;
  private paid = 0;
  private readonly largestPaid: MinHeap<number>;
  private readonly keep: number;
  private readonly tracked = new Map<string, TrackedAggregate>();

  /** `total` is the number of order events the stream will have; `track` the aggregates to follow. */
  constructor(
    private readonly total: number,
    track: readonly string[],
    partitions = ORDERS_PARTITIONS,
  ) {
    this.partitionCounts = new Array<number>(partitions).fill(0);
    this.keep = valuePredicateMatches(total) + 1;
    this.largestPaid = new MinHeap<number>((a, b) => a - b);
    for (const orderId of track)
      this.tracked.set(orderId, { orderId, partition: -1, events: 0, firstOffset: -1, lastOffset: -1 });
  }

  add(p: PlacedOrderEvent): void {
    this.events++;
    this.partitionCounts[p.partition] = Math.max(this.partitionCounts[p.partition]!, p.offset + 1);
    const e = p.event;
    if (e.type === 'OrderPaid') {
      this.paid++;
      if (this.largestPaid.size < this.keep) this.largestPaid.push(e.payload.amountCents);
      else if (e.payload.amountCents > this.largestPaid.peek()!) {
        this.largestPaid.pop();
        this.largestPaid.push(e.payload.amountCents);
      }
    }
    const aggregate = this.tracked.get(e.orderId);
    if (aggregate) {
      if (aggregate.events === 0) {
        aggregate.partition = p.partition;
        aggregate.firstOffset = p.offset;
      }
      aggregate.events++;
      aggregate.lastOffset = p.offset;
    }
  }

  /** Events seen so far. */
  get count(): number {
    return this.events;
  }

  /**
   * Paid orders above the amount that about 0.9 % of all events exceed, and exactly how many
   * events match.
   */
  valuePredicate(): { expr: string; expected: number; threshold: number } {
    if (this.events !== this.total) throw new Error(`the model saw ${this.events} of ${this.total} events`);
    const largest = this.largestPaid.toArray().sort((x, y) => y - x);
    const threshold = largest[Math.min(valuePredicateMatches(this.total), this.paid - 1)]!;
    const expected = largest.filter((a) => a > threshold).length;
    return {
      expr: `value.type == "OrderPaid" and value.payload.amountCents > ${threshold}`,
      expected,
      threshold,
    };
  }

  /** A filter on the key of one tracked aggregate, and how many events it matches. */
  keyPredicate(orderId: string): { expr: string; expected: number } {
    const aggregate = this.aggregate(orderId);
    return { expr: `key == "${orderId}"`, expected: aggregate.events };
  }

  aggregate(orderId: string): TrackedAggregate {
    const aggregate = this.tracked.get(orderId);
    if (!aggregate) throw new Error(`${orderId} is not a tracked aggregate`);
    return { ...aggregate };
  }

  aggregates(): TrackedAggregate[] {
    return [...this.tracked.values()].map((a) => ({ ...a }));
  }
}

/** How many matches the filtered scan's predicate aims at for a topic of `total` events. */
export function valuePredicateMatches(total: number): number {
  return Math.min(VALUE_PREDICATE_MAX_MATCHES, Math.round(total * VALUE_PREDICATE_SHARE));
}

/**
 * The model of a whole demo, generated here (no Kafka): what the seeder accumulates while it
 * writes, for a seed whose manifest does not carry it. Tracks the long-lived orders.
 */
export function accumulateDemoTruth(options: GenerateOrderEventsOptions): DemoTruth {
  const stream = new DemoOrderStream(options);
  const truth = new DemoTruth(
    stream.events,
    stream.orders.heavyOrders().map((h) => h.orderId),
  );
  for (const placed of placeOrderEventStream(stream, stream.events)) truth.add(placed);
  return truth;
}
