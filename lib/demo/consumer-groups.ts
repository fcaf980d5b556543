import { CONNECT_CONSUMER_GROUP, SPRING_CONSUMER_GROUP } from './dead-letters';
import { demoTopicNames } from './topics';

/**
 * The read models of the demo as consumer groups with committed offsets and different lag.
 * All but one are created by committing offsets with the admin API (no members, state Empty);
 * `users-directory` is committed by a real consumer that joined with the KIP-848 protocol.
 */

export interface PlannedGroup {
  groupId: string;
  topic: string;
  /** Committed offset per partition (the next offset to read). */
  offsets: number[];
  protocol: 'classic' | 'consumer';
  description: string;
}

export const KIP848_GROUP = 'users-directory';

export interface HighWatermarks {
  orders: number[];
  payments: number[];
  users: number[];
}

export function planConsumerGroups(hw: HighWatermarks): PlannedGroup[] {
  return [
    {
      groupId: SPRING_CONSUMER_GROUP,
      topic: demoTopicNames.orders,
      offsets: [...hw.orders],
      protocol: 'classic',
      description: 'the order projection (Spring Kafka), caught up',
    },
    {
      groupId: CONNECT_CONSUMER_GROUP,
      topic: demoTopicNames.orders,
      offsets: [...hw.orders],
      protocol: 'classic',
      description: 'the Elasticsearch sink connector, caught up',
    },
    {
      groupId: 'orders-search-indexer',
      topic: demoTopicNames.orders,
      // A little behind: about 1% of each partition, a few more on the higher partitions.
      offsets: hw.orders.map((n, p) => Math.max(0, n - Math.ceil(n * 0.01) - 3 * p)),
      protocol: 'classic',
      description: 'search indexer, a little behind',
    },
    {
      groupId: 'orders-analytics',
      topic: demoTopicNames.orders,
      offsets: hw.orders.map((n) => Math.floor(n * 0.2)),
      protocol: 'classic',
      description: 'analytics, stopped at 20%',
    },
    {
      groupId: 'payments-ledger',
      topic: demoTopicNames.payments,
      offsets: hw.payments.map((n, p) => (p === 0 ? n : Math.max(0, n - (p === 1 ? 5 : 40)))),
      protocol: 'classic',
      description: 'payments ledger: partition 0 caught up, 1 and 2 behind',
    },
    {
      groupId: KIP848_GROUP,
      topic: demoTopicNames.users,
      offsets: [...hw.users],
      protocol: 'consumer',
      description: 'users directory, KIP-848 consumer protocol, caught up',
    },
  ];
}
