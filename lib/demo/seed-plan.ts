import { planConsumerGroups, type PlannedGroup } from './consumer-groups';
import { planDeadLetters, type DemoDeadLetter } from './dead-letters';
import {
  DEFAULT_DEMO_EVENTS,
  DEFAULT_DEMO_SEED,
  demoCustomers,
  generateOrderEvents,
  heavyOrders,
} from './generate-order-events';
import type { DemoOrderEvent } from './order-model';
import { orderHighWatermarks, placeOrderEvents, type PlacedOrderEvent } from './order-placement';
import {
  PAYMENTS_PARTITIONS,
  planAuditLog,
  planCodecBatches,
  planInventory,
  planPayments,
  planSensorFrames,
  planTransfers,
  planUsers,
  USERS_PARTITIONS,
  type CodecBatch,
  type PlannedPayment,
  type PlannedRecord,
  type PlannedTransaction,
} from './side-topics';
import { planSnapshots, type PlannedSnapshot } from './snapshots';
import { ORDERS_PARTITIONS } from './topics';

/**
 * Everything the seeder writes, computed without Kafka: the truth an integration test compares
 * the cluster with. Offsets are those of fresh topics written in list order (see
 * order-placement.ts for why they are deterministic). Schema ids are not part of the plan: the
 * registry assigns them, and the seed manifest records them.
 */

/** Bump when the generated data changes, so that an old seed is not mistaken for the current one. */
export const DEMO_DATA_VERSION = 1;

export interface DemoSeedPlan {
  seed: number | string;
  events: number;
  dataVersion: number;
  orders: PlacedOrderEvent[];
  heavyOrders: { orderId: string; events: number }[];
  snapshots: PlannedSnapshot[];
  deadLetters: DemoDeadLetter[];
  payments: PlannedPayment[];
  users: PlannedRecord[];
  auditLog: PlannedRecord[];
  sensorFrames: PlannedRecord[];
  inventory: PlannedRecord[];
  codecs: CodecBatch[];
  transfers: PlannedTransaction[];
  groups: PlannedGroup[];
  highWatermarks: { orders: number[]; payments: number[]; users: number[] };
}

function highWatermarks(
  records: readonly { partition: number; offset: number }[],
  partitions: number,
): number[] {
  const hw = new Array<number>(partitions).fill(0);
  for (const r of records) hw[r.partition] = Math.max(hw[r.partition] as number, r.offset + 1);
  return hw;
}

export function planDemoSeed(
  options: { seed?: number | string; events?: number; orderEvents?: DemoOrderEvent[] } = {},
): DemoSeedPlan {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const events = options.events ?? DEFAULT_DEMO_EVENTS;
  const orderEvents = options.orderEvents ?? generateOrderEvents({ seed, events });
  const orders = placeOrderEvents(orderEvents);
  const orderCount = new Set(orderEvents.map((e) => e.orderId)).size;
  const payments = planPayments(orders, seed);
  const users = planUsers(demoCustomers(seed, orderCount), seed);
  const hw = {
    orders: orderHighWatermarks(orders, ORDERS_PARTITIONS),
    payments: highWatermarks(payments, PAYMENTS_PARTITIONS),
    users: highWatermarks(users, USERS_PARTITIONS),
  };
  return {
    seed,
    events,
    dataVersion: DEMO_DATA_VERSION,
    orders,
    heavyOrders: heavyOrders(orderEvents),
    snapshots: planSnapshots(orders),
    deadLetters: planDeadLetters(orders, { seed }),
    payments,
    users,
    auditLog: planAuditLog(events, seed),
    sensorFrames: planSensorFrames(events, seed),
    inventory: planInventory(events, seed),
    codecs: planCodecBatches(),
    transfers: planTransfers(),
    groups: planConsumerGroups(hw),
    highWatermarks: hw,
  };
}
