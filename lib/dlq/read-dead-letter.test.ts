import { describe, expect, it } from 'vitest';
import {
  deadLetterHeaders,
  generateOrderEvents,
  placeOrderEvents,
  planDeadLetters,
  type DemoDeadLetter,
} from '@/lib/demo';
import { fingerprintMessage, maskMessage } from './fingerprint';
import { causedByLines, innermostCause, nestedClauses } from './innermost-cause';
import { hasDeadLetterHeaders, readDeadLetter, type RecordHeader } from './read-dead-letter';

const h = (key: string, value: string | Buffer | null): RecordHeader => ({
  key,
  value: typeof value === 'string' ? Buffer.from(value, 'utf8') : value,
});
const toHeaders = (pairs: [string, Buffer][]): RecordHeader[] =>
  pairs.map(([key, value]) => ({ key, value }));

const letters: DemoDeadLetter[] = planDeadLetters(
  placeOrderEvents(generateOrderEvents({ seed: 7, events: 6_000 })),
  { seed: 7 },
);

describe('readDeadLetter on the demo conventions (the generator is the truth)', () => {
  it('the demo has both conventions and every cause', () => {
    expect(new Set(letters.map((l) => l.cause.convention))).toEqual(new Set(['spring', 'connect']));
    expect(new Set(letters.map((l) => l.cause.id)).size).toBeGreaterThanOrEqual(5);
  });

  it('reads every origin and error field of every dead letter, Spring binary numbers included', () => {
    for (const letter of letters) {
      const info = readDeadLetter(toHeaders(deadLetterHeaders(letter, { 'event-type': letter.eventType })));
      expect(info.convention).toBe(letter.cause.convention);
      expect(info.origin.topic).toBe(letter.originalTopic);
      expect(info.origin.partition).toBe(letter.originalPartition);
      expect(info.origin.offset).toBe(String(letter.originalOffset));
      expect(info.error.exceptionClass).toBe(letter.cause.exceptionClass);
      expect(info.error.message).toBe(letter.message);
      expect(info.error.stacktrace).toBe(letter.stacktrace);
      if (letter.cause.convention === 'spring') {
        expect(info.origin.timestamp).toBe(letter.originalTimestamp);
        expect(info.origin.consumerGroup).toBe('orders-projection');
        expect(info.error.causeClass).toBe(letter.cause.causeClass);
        expect(info.deadLetterHeaderKeys.every((k) => k.startsWith('kafka_dlt-'))).toBe(true);
      } else {
        expect(info.details).toMatchObject({
          connector: letter.connect!.connector,
          stage: letter.connect!.stage,
          task: String(letter.connect!.taskId),
        });
        expect(info.deadLetterHeaderKeys.every((k) => k.startsWith('__connect.errors.'))).toBe(true);
      }
      // The application's own headers are never mistaken for dead-letter ones.
      expect(info.deadLetterHeaderKeys).not.toContain('event-type');
      expect(info.deadLetterHeaderKeys.length).toBe(letter.cause.convention === 'spring' ? 10 : 10);
    }
  });

  it('groups by the innermost cause: every fingerprint holds one demo cause, and ids do not split a cause', () => {
    const byFingerprint = new Map<string, Set<string>>();
    for (const letter of letters) {
      const info = readDeadLetter(toHeaders(deadLetterHeaders(letter, {})));
      let causes = byFingerprint.get(info.fingerprint);
      if (!causes) byFingerprint.set(info.fingerprint, (causes = new Set()));
      causes.add(letter.cause.id);
      expect(info.rootCause.className).not.toMatch(/ListenerExecutionFailedException/);
    }
    for (const causes of byFingerprint.values()) expect(causes.size).toBe(1);
    // Causes whose message only varies by ids and numbers are exactly one fingerprint each.
    for (const id of [
      'avro-missing-field',
      'key-blocked',
      'duplicate-payment',
      'es-version-conflict',
      'converter-unknown-schema',
      'item-not-in-read-model',
    ]) {
      const prints = [...byFingerprint].filter(([, causes]) => causes.has(id));
      if (letters.some((l) => l.cause.id === id)) expect(prints.length, id).toBe(1);
    }
  });

  it("reads the Connect converter failure's reason from the stack trace, not its generic message", () => {
    const letter = letters.find((l) => l.cause.id === 'converter-unknown-schema');
    expect(letter).toBeDefined();
    const info = readDeadLetter(toHeaders(deadLetterHeaders(letter!, {})));
    expect(info.rootCause.className).toBe('org.apache.kafka.common.errors.SerializationException');
  });

  it('unwraps Spring to the application exception', () => {
    const letter = letters.find((l) => l.cause.id === 'item-not-in-read-model')!;
    const info = readDeadLetter(toHeaders(deadLetterHeaders(letter, {})));
    expect(info.rootCause.className).toBe('java.lang.IllegalStateException');
    expect(info.rootCause.message).toMatch(/^Cannot apply ItemRemoved to /);
    expect(info.fingerprint).toBe(
      'java.lang.IllegalStateException: Cannot apply ItemRemoved to <id>: item <id> is not in the read model',
    );
  });
});

describe('readDeadLetter on the other conventions', () => {
  it('Kafka Streams KIP-1034 (text numbers)', () => {
    const info = readDeadLetter([
      h('__streams.errors.exception', 'org.apache.kafka.common.errors.RecordDeserializationException'),
      h('__streams.errors.message', 'Error deserializing key/value for partition payments-2 at offset 991'),
      h(
        '__streams.errors.stacktrace',
        'org.apache.kafka.common.errors.RecordDeserializationException: x\n\tat a.b.C.d(C.java:1)',
      ),
      h('__streams.errors.topic', 'payments'),
      h('__streams.errors.partition', '2'),
      h('__streams.errors.offset', '991'),
    ]);
    expect(info).toMatchObject({
      convention: 'streams',
      origin: { topic: 'payments', partition: 2, offset: '991', timestamp: null },
    });
    expect(info.fingerprint).toBe(
      'org.apache.kafka.common.errors.RecordDeserializationException: Error deserializing key/value for partition <id> at offset <n>',
    );
  });

  it('SmallRye (reason, cause, class names)', () => {
    const info = readDeadLetter([
      h('dead-letter-reason', 'Processing failed for order 77'),
      h('dead-letter-cause', 'Connection refused: db-1:5432'),
      h('dead-letter-exception-class-name', 'java.util.concurrent.CompletionException'),
      h('dead-letter-cause-class-name', 'java.net.ConnectException'),
      h('dead-letter-topic', 'orders'),
      h('dead-letter-partition', '5'),
      h('dead-letter-offset', '12345678901'),
    ]);
    expect(info).toMatchObject({
      convention: 'smallrye',
      origin: { topic: 'orders', partition: 5, offset: '12345678901' },
    });
    expect(info.rootCause).toEqual({
      className: 'java.net.ConnectException',
      message: 'Connection refused: db-1:5432',
    });
  });

  it('Karafka (origin only)', () => {
    const info = readDeadLetter([
      h('original_topic', 'orders'),
      h('original_partition', '0'),
      h('original_offset', '42'),
      h('original_consumer_group', 'billing'),
      h('trace', 'x'),
    ]);
    expect(info).toMatchObject({
      convention: 'karafka',
      origin: { topic: 'orders', partition: 0, offset: '42', consumerGroup: 'billing' },
    });
    expect(info.deadLetterHeaderKeys.sort()).toEqual([
      'original_consumer_group',
      'original_offset',
      'original_partition',
      'original_topic',
    ]);
  });

  it('a configured mapping, with binary or text numbers', () => {
    const partition = Buffer.alloc(4);
    partition.writeInt32BE(3);
    const mapping = {
      topic: 'x-src-topic',
      partition: 'x-src-partition',
      offset: 'x-src-offset',
      message: 'x-error',
    };
    const info = readDeadLetter(
      [
        h('x-src-topic', 'orders'),
        h('x-src-partition', partition),
        h('x-src-offset', '17'),
        h('x-error', 'boom 3'),
      ],
      { mapping },
    );
    expect(info).toMatchObject({
      convention: 'configured',
      origin: { topic: 'orders', partition: 3, offset: '17' },
      fingerprint: 'unknown: boom <n>',
    });
    expect(info.deadLetterHeaderKeys.sort()).toEqual([
      'x-error',
      'x-src-offset',
      'x-src-partition',
      'x-src-topic',
    ]);
  });

  it('a record without dead-letter headers', () => {
    const headers = [h('original_id', 'abc'), h('event-type', 'OrderPlaced')];
    expect(hasDeadLetterHeaders(headers)).toBe(false);
    expect(readDeadLetter(headers)).toMatchObject({
      convention: null,
      origin: { topic: null, partition: null, offset: null },
      deadLetterHeaderKeys: [],
    });
  });

  it('Spring numbers that arrive as text are still read when their length cannot be binary', () => {
    // A 4- or 8-byte value is always binary in Spring's convention ("1000" would be 825241648).
    const info = readDeadLetter([
      h('kafka_dlt-original-topic', 'orders'),
      h('kafka_dlt-original-partition', '4'),
      h('kafka_dlt-original-offset', '100000'),
    ]);
    expect(info.origin).toMatchObject({ partition: 4, offset: '100000' });
  });

  it('a null or truncated binary header is null, not an exception', () => {
    const info = readDeadLetter([
      h('kafka_dlt-original-topic', 'orders'),
      h('kafka_dlt-original-partition', Buffer.from([1, 2])),
      h('kafka_dlt-original-offset', null),
    ]);
    expect(info.origin).toMatchObject({ topic: 'orders', partition: null, offset: null });
  });
});

describe('innermost cause', () => {
  it('reads Caused by lines outermost first', () => {
    expect(causedByLines('a.B: x\n\tat q\nCaused by: c.D: inner 1\n\t... 3 more\nCaused by: e.F\n')).toEqual([
      { className: 'c.D', message: 'inner 1' },
      { className: 'e.F', message: null },
    ]);
  });

  it("splits Spring's nested exception clauses", () => {
    expect(
      nestedClauses({
        className: 'x.Outer',
        message:
          'listener failed; nested exception is a.b.Mid: could not run; nested exception is c.d.Inner: duplicate key 5',
      }),
    ).toEqual([
      { className: 'x.Outer', message: 'listener failed' },
      { className: 'a.b.Mid', message: 'could not run' },
      { className: 'c.d.Inner', message: 'duplicate key 5' },
    ]);
  });

  it('skips wrappers at the bottom and borrows an outer message when the cause has none', () => {
    expect(
      innermostCause(
        [{ className: 'org.apache.kafka.connect.errors.DataException', message: 'Converting failed: ' }],
        'x\nCaused by: org.a.SerializationException\n',
      ),
    ).toEqual({
      className: 'org.a.SerializationException',
      message: 'Converting failed:',
    });
    expect(
      innermostCause([{ className: 'java.util.concurrent.ExecutionException', message: 'boom' }], null),
    ).toEqual({ className: 'java.util.concurrent.ExecutionException', message: 'boom' });
  });
});

describe('fingerprint', () => {
  it.each([
    ['Order 123 not found', 'Order 456 not found'],
    ['order ord-0001 at version 3', 'order ord-9931 at version 12'],
    ['id 3f2504e0-4f89-11d3-9a0c-0305e82c3301 missing', 'id 6ba7b810-9dad-11d1-80b4-00c04fd430c8 missing'],
    ['trace deadbeefcafebabe0123 failed', 'trace 0123456789abcdef0123 failed'],
  ])('"%s" and "%s" are one cause', (a, b) => {
    expect(maskMessage(a)).toBe(maskMessage(b));
  });

  it('keeps the words that are the reason', () => {
    expect(maskMessage('Cannot apply OrderPaid to ord-7:  version 3')).toBe(
      'Cannot apply OrderPaid to <id>: version <n>',
    );
    expect(maskMessage('Cannot apply OrderPaid')).not.toBe(maskMessage('Cannot apply OrderShipped'));
    expect(fingerprintMessage(null, null)).toBe('unknown:');
  });
});
