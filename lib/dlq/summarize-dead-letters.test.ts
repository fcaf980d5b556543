import { describe, expect, it } from 'vitest';
import { BlockedKeyCounter } from './blocked-keys';
import { readDeadLetter } from './read-dead-letter';
import {
  arrivalBucketMs,
  deadLetterSelector,
  summarizeDeadLetters,
  type DeadLetterEntry,
} from './summarize-dead-letters';

const MIN = 60_000;

function entry(
  partition: number,
  offset: number,
  timestamp: number,
  key: string | null,
  message: string,
  origin = { topic: 'orders', partition: 0, offset: 0 },
): DeadLetterEntry {
  const info = readDeadLetter([
    { key: '__connect.errors.topic', value: Buffer.from(origin.topic) },
    { key: '__connect.errors.partition', value: Buffer.from(String(origin.partition)) },
    { key: '__connect.errors.offset', value: Buffer.from(String(origin.offset)) },
    { key: '__connect.errors.exception.class.name', value: Buffer.from('a.Failure') },
    { key: '__connect.errors.exception.message', value: Buffer.from(message) },
  ]);
  return { partition, offset: BigInt(offset), timestamp, key, info };
}

describe('summarizeDeadLetters', () => {
  const t0 = Date.UTC(2025, 0, 1);
  const entries = [
    entry(0, 0, t0, 'a', 'Order 123 not found', { topic: 'orders', partition: 0, offset: 10 }),
    entry(0, 1, t0 + 2 * MIN, 'a', 'Order 456 not found', { topic: 'orders', partition: 0, offset: 12 }),
    entry(1, 0, t0 + 30 * MIN, 'b', 'timeout after 30s', { topic: 'payments', partition: 1, offset: 5 }),
  ];

  it('counts totals, causes, origins and keys', () => {
    const s = summarizeDeadLetters('orders.DLQ', entries, false);
    expect(s).toMatchObject({ total: 3, withHeaders: 3, oldest: t0, newest: t0 + 30 * MIN, keyCount: 2 });
    expect(s.causes.map((c) => [c.fingerprint, c.count])).toEqual([
      ['a.Failure: Order <n> not found', 2],
      ['a.Failure: timeout after <id>', 1],
    ]);
    expect(s.origins.map((o) => [o.topic, o.count])).toEqual([
      ['orders', 2],
      ['payments', 1],
    ]);
    expect(s.keys[0]).toMatchObject({ key: 'a', count: 2 });
  });

  it('arrivals keep empty buckets and sum to the total', () => {
    const s = summarizeDeadLetters('x', entries, false);
    expect(s.arrivals.bucketMs).toBe(MIN);
    expect(s.arrivals.points).toHaveLength(31);
    expect(s.arrivals.points.reduce((n, p) => n + p.count, 0)).toBe(3);
    expect(arrivalBucketMs(0, 10 * 24 * 60 * MIN)).toBe(6 * 60 * MIN);
    expect(summarizeDeadLetters('x', [], false)).toMatchObject({
      total: 0,
      oldest: null,
      arrivals: { points: [] },
    });
  });

  it('selects by cause, origin, key, time and one by one; every criterion must hold', () => {
    const pick = (sel: Parameters<typeof deadLetterSelector>[0]) =>
      entries.filter(deadLetterSelector(sel)).map((e) => `${e.partition}@${e.offset}`);
    expect(pick({ cause: 'a.Failure: Order <n> not found' })).toEqual(['0@0', '0@1']);
    expect(pick({ originTopic: 'payments' })).toEqual(['1@0']);
    expect(pick({ key: 'a', from: t0 + MIN })).toEqual(['0@1']);
    expect(pick({ to: t0 + MIN })).toEqual(['0@0']);
    expect(
      pick({
        letters: [
          { partition: 1, offset: '0' },
          { partition: 0, offset: '1' },
        ],
      }),
    ).toEqual(['0@1', '1@0']);
    expect(pick({ key: 'b', letters: [{ partition: 0, offset: '0' }] })).toEqual([]);
  });
});

describe('BlockedKeyCounter', () => {
  it('counts later events of a key after its first failure, and which are dead letters too', () => {
    const dead = [
      entry(0, 0, 0, 'a', 'x', { topic: 'orders', partition: 0, offset: 10 }),
      entry(0, 1, 0, 'a', 'x', { topic: 'orders', partition: 0, offset: 12 }),
      entry(0, 2, 0, 'b', 'x', { topic: 'orders', partition: 0, offset: 20 }),
    ];
    const counter = new BlockedKeyCounter(dead);
    expect(counter.ranges()).toEqual([{ topic: 'orders', partition: 0, from: 11n }]);
    const log: [string, number][] = [
      ['a', 11],
      ['c', 11],
      ['a', 12],
      ['b', 15],
      ['a', 30],
    ];
    for (const [key, offset] of log) counter.observe('orders', 0, key, BigInt(offset));
    expect(counter.checkedKeys).toBe(2);
    // b's event at 15 is before its failure at 20: not blocked.
    expect(counter.result()).toEqual([
      {
        key: 'a',
        originTopic: 'orders',
        originPartition: 0,
        failedOffset: '10',
        deadLettered: 2,
        later: 3,
        laterDeadLettered: 1,
      },
    ]);
  });
});
