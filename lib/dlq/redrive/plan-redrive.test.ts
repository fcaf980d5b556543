import { describe, expect, it } from 'vitest';
import { readDeadLetter, type RecordHeader } from '../read-dead-letter';
import {
  ledgerKey,
  nextAttempt,
  rateDelayMs,
  redriveBatchDue,
  redriveBatchSize,
  redriveHeaders,
  redriveOrder,
  redrivePartition,
  REDRIVE_HEADERS,
  type RedriveSource,
} from './plan-redrive';

const h = (key: string, value: string | Buffer): RecordHeader => ({
  key,
  value: typeof value === 'string' ? Buffer.from(value) : value,
});

function source(headers: RecordHeader[], key: string | null = 'order-1'): RedriveSource {
  return {
    topic: 'orders.DLQ',
    partition: 2,
    offset: 41n,
    key: key === null ? null : Buffer.from(key),
    value: Buffer.from('{}'),
    headers,
    info: readDeadLetter(headers),
  };
}

const connect = [
  h('trace-id', 'abc'),
  h('__connect.errors.topic', 'orders'),
  h('__connect.errors.partition', '4'),
  h('__connect.errors.offset', '99'),
  h('__connect.errors.exception.message', 'boom'),
];

describe('redrive headers', () => {
  it('keep the application headers, drop the dead-letter ones, and stamp source, job, id and attempt', () => {
    const out = redriveHeaders(source(connect), { redriveId: 'r-1', jobId: 'job-1' });
    expect(out.map(([k, v]) => [k, v.toString()])).toEqual([
      ['trace-id', 'abc'],
      [REDRIVE_HEADERS.id, 'r-1'],
      [REDRIVE_HEADERS.job, 'job-1'],
      [REDRIVE_HEADERS.sourceTopic, 'orders.DLQ'],
      [REDRIVE_HEADERS.sourcePartition, '2'],
      [REDRIVE_HEADERS.sourceOffset, '41'],
      [REDRIVE_HEADERS.attempt, '1'],
    ]);
  });

  it('count attempts across redrives and replace the earlier stamps', () => {
    const again = [...connect, h(REDRIVE_HEADERS.id, 'old'), h(REDRIVE_HEADERS.attempt, '2')];
    expect(nextAttempt(again)).toBe(3);
    const out = redriveHeaders(source(again), { redriveId: 'new', jobId: 'job-2' });
    expect(out.filter(([k]) => k === REDRIVE_HEADERS.id).map(([, v]) => v.toString())).toEqual(['new']);
    expect(out.find(([k]) => k === REDRIVE_HEADERS.attempt)![1].toString()).toBe('3');
    expect(nextAttempt([h(REDRIVE_HEADERS.attempt, 'x')])).toBe(1);
  });
});

describe('where and in which order', () => {
  const byKey = (key: Buffer, count: number) => key.length % count;

  it('back to the origin partition when returning to the origin topic, else by key, else round-robin', () => {
    expect(redrivePartition(source(connect), 'orders', 6, byKey, 0)).toBe(4);
    expect(redrivePartition(source(connect), 'orders', 3, byKey, 0)).toBe('order-1'.length % 3);
    expect(redrivePartition(source(connect), 'elsewhere', 6, byKey, 0)).toBe('order-1'.length % 6);
    expect(redrivePartition(source(connect, null), 'elsewhere', 6, byKey, 7)).toBe(1);
  });

  it('dead-letter order: partition, then offset (64-bit)', () => {
    const letters = [
      { partition: 1, offset: 5n },
      { partition: 0, offset: 9_007_199_254_740_993n },
      { partition: 0, offset: 2n },
    ];
    expect(redriveOrder(letters)).toEqual([letters[2], letters[1], letters[0]]);
  });

  it('ledger keys are the coordinates', () => {
    expect(ledgerKey('orders.DLQ', 3, 17n)).toBe('orders.DLQ/3/17');
  });
});

describe('rate limit', () => {
  it('waits until the schedule allows the next send; never when unlimited or behind', () => {
    expect(rateDelayMs(50, 1_000, 1_000, 100)).toBe(500);
    expect(rateDelayMs(50, 1_000, 1_600, 100)).toBe(0);
    expect(rateDelayMs(50, 1_000, 1_000, null)).toBe(0);
    expect(redriveBatchSize(null)).toBe(2_000);
    expect(redriveBatchSize(500)).toBe(50);
    expect(redriveBatchSize(3)).toBe(1);
  });

  it('sends what is owed when a rate-limited job fell behind, up to a second of it', () => {
    // On time: the usual tenth of a second.
    expect(redriveBatchDue(0, 1_000, 1_000, 500)).toBe(50);
    expect(redriveBatchDue(50, 1_000, 1_100, 500)).toBe(50);
    // Commits took 200 ms: 100 owed at 1.2 s after 50 sent at 0.1 s.
    expect(redriveBatchDue(50, 1_000, 1_300, 500)).toBe(100);
    // Far behind: no more than one second's worth in one transaction.
    expect(redriveBatchDue(0, 1_000, 11_000, 500)).toBe(500);
    expect(redriveBatchDue(0, 1_000, 11_000, 3)).toBe(3);
    expect(redriveBatchDue(0, 1_000, 11_000, null)).toBe(2_000);
  });
});
