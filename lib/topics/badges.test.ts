import { describe, expect, it } from 'vitest';
import { isCompacted, isDeadLetterTopicName, isSnapshotTopicName, topicBadges } from './badges';

describe('topic badges', () => {
  it.each([
    'orders.DLQ',
    'orders-dlq',
    'orders.dlt',
    'orders-DLT',
    'payments.dead-letter',
    'Orders.Dead-Letter',
    'dead-letter-topic-orders',
  ])('%s is a dead-letter topic', (name) => {
    expect(isDeadLetterTopicName(name)).toBe(true);
  });

  it.each(['orders', 'dlq-orders', 'orders.dlqs', 'orders_dlq', 'orders-snapshots', 'dead-letters'])(
    '%s is not a dead-letter topic by name',
    (name) => {
      expect(isDeadLetterTopicName(name)).toBe(false);
    },
  );

  it('takes configured dead-letter topics by exact name', () => {
    expect(isDeadLetterTopicName('orders-failed', ['orders-failed'])).toBe(true);
    expect(topicBadges({ name: 'orders-failed', cleanupPolicy: 'delete' }, ['orders-failed'])).toEqual([
      'dead-letter',
    ]);
  });

  it('recognises snapshot topics by their suffix', () => {
    expect(isSnapshotTopicName('orders-snapshots')).toBe(true);
    expect(isSnapshotTopicName('orders.snapshots')).toBe(true);
    expect(isSnapshotTopicName('orders-snapshot')).toBe(false);
    expect(isSnapshotTopicName('snapshots-orders')).toBe(false);
  });

  it('reads compaction from the cleanup policy list', () => {
    expect(isCompacted('compact')).toBe(true);
    expect(isCompacted('compact,delete')).toBe(true);
    expect(isCompacted('delete, compact')).toBe(true);
    expect(isCompacted('delete')).toBe(false);
    expect(isCompacted(null)).toBe(false);
  });

  it('gives the demo topics their badges', () => {
    expect(topicBadges({ name: 'orders.DLQ', cleanupPolicy: 'delete' })).toEqual(['dead-letter']);
    expect(topicBadges({ name: 'orders-snapshots', cleanupPolicy: 'compact' })).toEqual([
      'snapshot',
      'compacted',
    ]);
    expect(topicBadges({ name: 'inventory-levels', cleanupPolicy: 'compact' })).toEqual(['compacted']);
    expect(topicBadges({ name: 'orders', cleanupPolicy: 'delete' })).toEqual([]);
  });
});
