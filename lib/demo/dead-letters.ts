import type { DemoOrderEvent } from './order-model';
import type { PlacedOrderEvent } from './order-placement';
import { createRng, type Rng, type RngState } from './prng';
import { demoTopicNames } from './topics';

/**
 * The dead-letter scenario of `orders.DLQ`, derived from the placed order events: which events
 * failed, in which consumer, with which exception. Two consumers dead-letter:
 *
 * - the Spring Kafka projection (group `orders-projection`), with `kafka_dlt-*` headers, binary
 *   partition/offset/timestamp; it keeps per-key order, so once an event of an order fails the
 *   next few events of that order are parked behind it ("stuck keys");
 * - a Kafka Connect Elasticsearch sink (`orders-elasticsearch-sink`), with `__connect.errors.*`
 *   headers, all strings.
 *
 * Every dead letter carries the original key, the original Avro bytes and the original headers;
 * its origin headers point at the real partition and offset of the event in `orders`. Messages
 * vary only by ids and numbers, so a fingerprint that masks those groups them by cause.
 */

export type DeadLetterConvention = 'spring' | 'connect';

export type DeadLetterCauseId =
  | 'avro-missing-field'
  | 'item-not-in-read-model'
  | 'version-gap'
  | 'key-blocked'
  | 'duplicate-payment'
  | 'es-version-conflict'
  | 'converter-unknown-schema';

export interface DeadLetterCause {
  id: DeadLetterCauseId;
  convention: DeadLetterConvention;
  /** The exception the consumer reports (Spring: the listener's; Connect: the task's). */
  exceptionClass: string;
  /** Spring's `kafka_dlt-exception-cause-fqcn`: the root cause. */
  causeClass: string;
}

const LISTENER_FAILED = 'org.springframework.kafka.listener.ListenerExecutionFailedException';
const LISTENER_METHOD =
  'public void com.acme.orders.projection.OrderProjectionListener.onOrderEvent(org.apache.kafka.clients.consumer.ConsumerRecord<java.lang.String, com.acme.orders.events.OrderEvent>)';

export const deadLetterCauses: Record<DeadLetterCauseId, DeadLetterCause> = {
  'avro-missing-field': {
    id: 'avro-missing-field',
    convention: 'spring',
    exceptionClass: LISTENER_FAILED,
    causeClass: 'org.apache.avro.AvroTypeException',
  },
  'item-not-in-read-model': {
    id: 'item-not-in-read-model',
    convention: 'spring',
    exceptionClass: LISTENER_FAILED,
    causeClass: 'java.lang.IllegalStateException',
  },
  'version-gap': {
    id: 'version-gap',
    convention: 'spring',
    exceptionClass: LISTENER_FAILED,
    causeClass: 'java.lang.IllegalStateException',
  },
  'key-blocked': {
    id: 'key-blocked',
    convention: 'spring',
    exceptionClass: LISTENER_FAILED,
    causeClass: 'java.lang.IllegalStateException',
  },
  'duplicate-payment': {
    id: 'duplicate-payment',
    convention: 'spring',
    exceptionClass: LISTENER_FAILED,
    causeClass: 'org.springframework.dao.DataIntegrityViolationException',
  },
  'es-version-conflict': {
    id: 'es-version-conflict',
    convention: 'connect',
    exceptionClass: 'org.apache.kafka.connect.errors.ConnectException',
    causeClass: 'org.apache.kafka.connect.errors.ConnectException',
  },
  'converter-unknown-schema': {
    id: 'converter-unknown-schema',
    convention: 'connect',
    exceptionClass: 'org.apache.kafka.connect.errors.DataException',
    causeClass: 'org.apache.kafka.common.errors.SerializationException',
  },
};

export const SPRING_CONSUMER_GROUP = 'orders-projection';
export const CONNECT_CONNECTOR = 'orders-elasticsearch-sink';
export const CONNECT_CONSUMER_GROUP = `connect-${CONNECT_CONNECTOR}`;

export interface DemoDeadLetter {
  cause: DeadLetterCause;
  /** The exception message as the DLQ headers carry it. */
  message: string;
  stacktrace: string;
  /** The failed event and where it is in `orders`. */
  orderId: string;
  sequence: number;
  eventId: string;
  eventType: DemoOrderEvent['type'];
  originalTopic: string;
  originalPartition: number;
  originalOffset: number;
  originalTimestamp: number;
  /** Timestamp of the dead-letter record: Spring stamps the failure time, Connect keeps the original. */
  timestamp: number;
  /** For a parked event of a stuck key: the failed event it waits behind. */
  blockedBy?: { partition: number; offset: number; sequence: number };
  /** Kafka Connect only. */
  connect?: { connector: string; taskId: number; stage: 'VALUE_CONVERTER' | 'TASK_PUT'; className: string };
  /** Where the dead letter itself lands in the DLQ (the original partition, offsets in order). */
  partition: number;
  offset: number;
}

function springMessage(nested: string, causeClass: string): string {
  return `Listener method '${LISTENER_METHOD}' threw exception; nested exception is ${causeClass}: ${nested}`;
}

function messageFor(
  cause: DeadLetterCause,
  p: PlacedOrderEvent,
  rng: Rng,
  blockedBy?: PlacedOrderEvent,
): string {
  const e = p.event;
  switch (cause.id) {
    case 'avro-missing-field':
      return springMessage(
        'Found com.acme.orders.events.Address, expecting com.acme.orders.events.Address, missing required field postalCode',
        cause.causeClass,
      );
    case 'item-not-in-read-model': {
      const sku = e.type === 'ItemRemoved' ? e.payload.sku : 'SKU-00000';
      return springMessage(
        `Cannot apply ItemRemoved to ${e.orderId}: item ${sku} is not in the read model`,
        cause.causeClass,
      );
    }
    case 'version-gap':
      return springMessage(
        `Cannot apply ${e.type} to ${e.orderId}: read model is at version ${Math.max(0, e.sequence - 2)}, event has version ${e.sequence}`,
        cause.causeClass,
      );
    case 'key-blocked':
      return springMessage(
        `Order ${e.orderId} is blocked: an earlier event (${demoTopicNames.orders}-${blockedBy?.partition}@${blockedBy?.offset}) is in the dead-letter topic`,
        cause.causeClass,
      );
    case 'duplicate-payment': {
      const paymentId = e.type === 'OrderPaid' ? e.payload.paymentId : 'pay-unknown';
      return springMessage(
        `could not execute statement; SQL [n/a]; constraint [payments_payment_id_key]; nested exception is org.hibernate.exception.ConstraintViolationException: duplicate key value violates unique constraint "payments_payment_id_key" Detail: Key (payment_id)=(${paymentId}) already exists.`,
        cause.causeClass,
      );
    }
    case 'es-version-conflict': {
      const current = e.sequence + rng.int(1, 3);
      return `Indexing record failed: [version_conflict_engine_exception] [${e.orderId}]: version conflict, current version [${current}] is different than the one provided [${e.sequence}]`;
    }
    case 'converter-unknown-schema':
      return `Converting byte[] to Kafka Connect data failed due to serialization error of topic ${demoTopicNames.orders}: `;
  }
}

const frames: Record<DeadLetterConvention, string[]> = {
  spring: [
    'org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.decorateException(KafkaMessageListenerContainer.java:2981)',
    'org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.doInvokeOnMessage(KafkaMessageListenerContainer.java:2886)',
    'org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.invokeOnMessage(KafkaMessageListenerContainer.java:2848)',
    'org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.run(KafkaMessageListenerContainer.java:1377)',
    'java.base/java.util.concurrent.CompletableFuture$AsyncRun.run(CompletableFuture.java:1804)',
    'java.base/java.lang.Thread.run(Thread.java:1583)',
  ],
  connect: [
    'org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator.execAndRetry(RetryWithToleranceOperator.java:244)',
    'org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator.execAndHandleError(RetryWithToleranceOperator.java:166)',
    'org.apache.kafka.connect.runtime.WorkerSinkTask.convertAndTransformRecord(WorkerSinkTask.java:524)',
    'org.apache.kafka.connect.runtime.WorkerSinkTask.poll(WorkerSinkTask.java:343)',
    'org.apache.kafka.connect.runtime.WorkerTask.run(WorkerTask.java:226)',
    'java.base/java.lang.Thread.run(Thread.java:1583)',
  ],
};

const causeFrames: Record<DeadLetterCauseId, string> = {
  'avro-missing-field': 'org.apache.avro.io.ResolvingDecoder.doAction(ResolvingDecoder.java:308)',
  'item-not-in-read-model': 'com.acme.orders.projection.OrderProjection.apply(OrderProjection.java:118)',
  'version-gap': 'com.acme.orders.projection.OrderProjection.checkVersion(OrderProjection.java:74)',
  'key-blocked': 'com.acme.orders.projection.KeyOrderingGuard.check(KeyOrderingGuard.java:41)',
  'duplicate-payment':
    'org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)',
  'es-version-conflict':
    'io.confluent.connect.elasticsearch.ElasticsearchClient.handleResponse(ElasticsearchClient.java:612)',
  'converter-unknown-schema':
    'io.confluent.kafka.serializers.AbstractKafkaAvroDeserializer.deserialize(AbstractKafkaAvroDeserializer.java:157)',
};

function stacktraceFor(cause: DeadLetterCause, message: string): string {
  const head = `${cause.exceptionClass}: ${message}`;
  const lines = [head, ...frames[cause.convention].map((f) => `\tat ${f}`)];
  if (cause.causeClass !== cause.exceptionClass) {
    const nested = message.includes(`${cause.causeClass}: `)
      ? message.slice(message.indexOf(`${cause.causeClass}: `))
      : cause.causeClass;
    lines.push(`Caused by: ${nested}`, `\tat ${causeFrames[cause.id]}`, '\t... 6 more');
  } else {
    lines.splice(1, 0, `\tat ${causeFrames[cause.id]}`);
  }
  return lines.join('\n');
}

/** The causes an event can fail with, by what it is. */
function applicableCauses(event: DemoOrderEvent): [DeadLetterCauseId, number][] {
  const causes: [DeadLetterCauseId, number][] = [['es-version-conflict', 3]];
  if (event.schemaVersion <= 2 && (event.type === 'OrderPlaced' || event.type === 'AddressChanged'))
    causes.push(['avro-missing-field', 6]);
  if (event.type === 'ItemRemoved') causes.push(['item-not-in-read-model', 6]);
  if (event.type === 'OrderPaid') causes.push(['duplicate-payment', 6]);
  if (event.schemaVersion === 3) causes.push(['converter-unknown-schema', 2]);
  return causes;
}

export interface DeadLetterPlanOptions {
  seed: number | string;
  /** Orders whose later events get parked behind a failure; default scales with the size. */
  stuckKeys?: number;
}

/** How many independent failures a demo of this size has (plus the parked events of stuck keys). */
export function deadLetterFailureTarget(events: number): number {
  return Math.max(40, Math.round(events * 0.003));
}

export function stuckKeyCount(events: number): number {
  return Math.min(25, Math.max(3, Math.round(events / 50_000)));
}

/**
 * The dead letters, in the order they are written to `orders.DLQ` (by original partition, then
 * original offset), with their DLQ partition and offset.
 */
export function planDeadLetters(
  placed: readonly PlacedOrderEvent[],
  options: DeadLetterPlanOptions,
): DemoDeadLetter[] {
  const counts = new Map<string, number>();
  for (const p of placed) counts.set(p.event.orderId, (counts.get(p.event.orderId) ?? 0) + 1);
  // Orders in the order of their first event, as the planner draws its stuck keys from.
  const candidates = [...counts].filter(([, n]) => isStuckKeyCandidate(n)).map(([orderId]) => orderId);
  const planner = new DeadLetterPlanner(options, placed.length, {
    count: candidates.length,
    at: (i) => candidates[i]!,
  });
  for (const p of placed) planner.add(p);
  return Array.from(planner.finish(), ({ letter }) => letter);
}

/** Stuck keys are ordinary orders of 6+ events: one event fails, the next 2-4 are parked. */
export function isStuckKeyCandidate(events: number): boolean {
  return events >= 6 && events < 100;
}

/**
 * planDeadLetters fed one placed event at a time. It keeps the events of the few stuck orders
 * and the failing events (about 0.3 % of all), never the topic: `candidates` lists the orders
 * a stuck key may be drawn from, in the order of their first event, by position.
 */
export class DeadLetterPlanner {
  private readonly rng: Rng;
  private readonly stuck = new Map<string, PlacedOrderEvent[]>();
  /** Where the draws of the stuck keys' failures are, to be made once their offsets are known. */
  private readonly stuckDraws: RngState;
  private readonly rate: number;
  private readonly failing: {
    p: PlacedOrderEvent;
    cause: DeadLetterCauseId;
    blockedBy?: PlacedOrderEvent;
  }[] = [];

  constructor(
    options: DeadLetterPlanOptions,
    events: number,
    candidates: { count: number; at: (index: number) => string },
  ) {
    this.rng = createRng(options.seed).fork('dead-letters');
    const stuck = Math.min(options.stuckKeys ?? stuckKeyCount(events), candidates.count);
    while (this.stuck.size < stuck)
      this.stuck.set(candidates.at(Math.floor(this.rng.next() * candidates.count)), []);
    // Two draws per stuck key (where it fails, how many are parked), made in finish().
    this.stuckDraws = this.rng.save();
    for (let i = 0; i < 2 * stuck; i++) this.rng.next();
    this.rate = deadLetterFailureTarget(events) / events;
  }

  add(p: PlacedOrderEvent): void {
    const events = this.stuck.get(p.event.orderId);
    if (events) {
      events.push(p);
      return;
    }
    if (!this.rng.chance(this.rate)) return;
    this.failing.push({ p, cause: this.rng.weighted(applicableCauses(p.event)) });
  }

  /**
   * The dead letters in the order they are written, each with the event it carries, built one at
   * a time (with their messages and stack traces, 30,000 at 10,000,000 events). Once only.
   */
  *finish(): Generator<{ letter: DemoDeadLetter; original: PlacedOrderEvent }> {
    const afterIndependent = this.rng.save();
    this.rng.restore(this.stuckDraws);
    const failing = [...this.failing];
    const lists = [...this.stuck.values()].sort(
      (a, b) => a[0]!.offset - b[0]!.offset || a[0]!.partition - b[0]!.partition,
    );
    for (const list of lists) {
      const headIndex = this.rng.int(1, list.length - 4);
      const head = list[headIndex] as PlacedOrderEvent;
      failing.push({ p: head, cause: 'version-gap' });
      const parked = Math.min(this.rng.int(2, 4), list.length - headIndex - 1);
      for (let i = 1; i <= parked; i++)
        failing.push({ p: list[headIndex + i] as PlacedOrderEvent, cause: 'key-blocked', blockedBy: head });
    }
    this.rng.restore(afterIndependent);
    const rng = this.rng;

    const ordered = failing.sort((a, b) => a.p.partition - b.p.partition || a.p.offset - b.p.offset);
    const nextOffset = new Map<number, number>();
    for (const { p, cause: causeId, blockedBy } of ordered) {
      const cause = deadLetterCauses[causeId];
      const message = messageFor(cause, p, rng, blockedBy);
      const offset = nextOffset.get(p.partition) ?? 0;
      nextOffset.set(p.partition, offset + 1);
      const letter: DemoDeadLetter = {
        cause,
        message,
        stacktrace: stacktraceFor(cause, message),
        orderId: p.event.orderId,
        sequence: p.event.sequence,
        eventId: p.event.eventId,
        eventType: p.event.type,
        originalTopic: demoTopicNames.orders,
        originalPartition: p.partition,
        originalOffset: p.offset,
        originalTimestamp: p.event.occurredAt,
        timestamp:
          cause.convention === 'spring' ? p.event.occurredAt + rng.int(40, 30_000) : p.event.occurredAt,
        partition: p.partition,
        offset,
      };
      if (blockedBy)
        letter.blockedBy = {
          partition: blockedBy.partition,
          offset: blockedBy.offset,
          sequence: blockedBy.event.sequence,
        };
      if (cause.convention === 'connect') {
        letter.connect =
          cause.id === 'converter-unknown-schema'
            ? {
                connector: CONNECT_CONNECTOR,
                taskId: p.partition % 3,
                stage: 'VALUE_CONVERTER',
                className: 'io.confluent.connect.avro.AvroConverter',
              }
            : {
                connector: CONNECT_CONNECTOR,
                taskId: p.partition % 3,
                stage: 'TASK_PUT',
                className: 'io.confluent.connect.elasticsearch.ElasticsearchSinkTask',
              };
      }
      yield { letter, original: p };
    }
  }
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

function int64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return b;
}

/**
 * The headers of a dead-letter record: the original record's headers, then the convention's
 * own. Spring writes partition, offset and timestamp as big-endian binary; Connect writes text.
 * `originalTopic` replaces the topic name when the demo is written with a topic suffix.
 */
export function deadLetterHeaders(
  letter: DemoDeadLetter,
  originalHeaders: Record<string, string>,
  originalTopic = letter.originalTopic,
): [string, Buffer][] {
  const headers: [string, Buffer][] = Object.entries(originalHeaders).map(([k, v]) => [k, Buffer.from(v)]);
  const text = (k: string, v: string) => headers.push([k, Buffer.from(v, 'utf8')]);
  if (letter.cause.convention === 'spring') {
    text('kafka_dlt-original-topic', originalTopic);
    headers.push(['kafka_dlt-original-partition', int32(letter.originalPartition)]);
    headers.push(['kafka_dlt-original-offset', int64(letter.originalOffset)]);
    headers.push(['kafka_dlt-original-timestamp', int64(letter.originalTimestamp)]);
    text('kafka_dlt-original-timestamp-type', 'CreateTime');
    text('kafka_dlt-original-consumer-group', SPRING_CONSUMER_GROUP);
    text('kafka_dlt-exception-fqcn', letter.cause.exceptionClass);
    text('kafka_dlt-exception-cause-fqcn', letter.cause.causeClass);
    text('kafka_dlt-exception-message', letter.message);
    text('kafka_dlt-exception-stacktrace', letter.stacktrace);
  } else {
    const c = letter.connect!;
    text('__connect.errors.topic', originalTopic);
    text('__connect.errors.partition', String(letter.originalPartition));
    text('__connect.errors.offset', String(letter.originalOffset));
    text('__connect.errors.connector.name', c.connector);
    text('__connect.errors.task.id', String(c.taskId));
    text('__connect.errors.stage', c.stage);
    text('__connect.errors.class.name', c.className);
    text('__connect.errors.exception.class.name', letter.cause.exceptionClass);
    text('__connect.errors.exception.message', letter.message);
    text('__connect.errors.exception.stacktrace', letter.stacktrace);
  }
  return headers;
}
