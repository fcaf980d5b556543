import type { PlannedGroup } from './consumer-groups';
import type { DemoDeadLetter } from './dead-letters';
import type { PlacedOrderEvent } from './order-placement';
import { DemoSeedStream } from './seed-stream';
import {
  planAuditLog,
  planCodecBatches,
  planInventory,
  planSensorFrames,
  planTransfers,
  USERS_PARTITIONS,
  type CodecBatch,
  type PlannedPayment,
  type PlannedRecord,
  type PlannedTransaction,
} from './side-topics';
import type { PlannedSnapshot } from './snapshots';

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

export function planDemoSeed(options: { seed?: number | string; events?: number } = {}): DemoSeedPlan {
  const stream = new DemoSeedStream(options);
  const orders: PlacedOrderEvent[] = [];
  const payments: PlannedPayment[] = [];
  for (const { placed, payments: ready } of stream.placed()) {
    orders.push(placed);
    payments.push(...ready);
  }
  const rest = stream.finish();
  payments.push(...rest.payments);
  const users = Array.from(stream.users());
  const hw = { ...rest.highWatermarks, users: highWatermarks(users, USERS_PARTITIONS) };
  return {
    seed: stream.seed,
    events: stream.events,
    dataVersion: DEMO_DATA_VERSION,
    orders,
    heavyOrders: stream.heavyOrders(),
    snapshots: rest.snapshots,
    deadLetters: Array.from(stream.deadLetterRecords(), (d) => d.letter),
    payments,
    users,
    auditLog: planAuditLog(stream.events, stream.seed),
    sensorFrames: planSensorFrames(stream.events, stream.seed),
    inventory: planInventory(stream.events, stream.seed),
    codecs: planCodecBatches(),
    transfers: planTransfers(),
    groups: stream.groups(hw),
    highWatermarks: hw,
  };
}

/** Records per partition of a planned topic: its end offsets once written to a fresh topic. */
export function highWatermarks(
  records: Iterable<{ partition: number; offset: number }>,
  partitions: number,
): number[] {
  const hw = new Array<number>(partitions).fill(0);
  for (const r of records) hw[r.partition] = Math.max(hw[r.partition] as number, r.offset + 1);
  return hw;
}
