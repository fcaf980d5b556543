import { partitionForKey } from '@/lib/kafka/murmur2';
import { encodeConfluentFrame } from '@/lib/serde/wire-format';
import { DEMO_SPAN_MS, DEMO_START_MS } from './generate-order-events';
import type { PaymentMethod } from './order-model';
import type { PlacedOrderEvent } from './order-placement';
import { createRng } from './prng';
import { MinHeap } from './min-heap';
import type { Customer, CustomerSource } from './reference-data';
import type { DemoCodec } from './topics';

/**
 * The demo's other topics, one per encoding the console must decode: JSON Schema through the
 * registry (payments), plain JSON (users), text (audit-log), packed binary (sensor-frames), a
 * compacted table with tombstones (inventory-levels), one batch per codec (codecs) and
 * transactions (transfers). Each plan lists records in the order they are written, with the
 * partition and the offset they get in a fresh topic.
 */

export interface PlannedRecord {
  partition: number;
  offset: number;
  key: Buffer | null;
  value: Buffer | null;
  headers?: [string, Buffer][];
  timestamp: number;
}

/** Gives each record the next offset of its partition, in list order. */
function withOffsets<T extends { partition: number }>(records: T[]): (T & { offset: number })[] {
  const next = new Map<number, number>();
  return records.map((r) => {
    const offset = next.get(r.partition) ?? 0;
    next.set(r.partition, offset + 1);
    return { ...r, offset };
  });
}

const iso = (ms: number) => new Date(ms).toISOString();

// ---------------------------------------------------------------------------------------------
// payments: JSON Schema (subject payments-value), Confluent framing + UTF-8 JSON

export const paymentsValueSubject = 'payments-value';
export const PAYMENTS_PARTITIONS = 3;

export const paymentJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://schemas.acme.example/payments/payment.json',
  title: 'Payment',
  description: 'A payment captured or refunded for an order.',
  type: 'object',
  properties: {
    paymentId: { type: 'string' },
    // formatOrderId pads to six digits; past 999,999 orders (the 10,000,000-event bench) ids have seven.
    orderId: { type: 'string', pattern: '^order-[0-9]{6,}$' },
    status: { type: 'string', enum: ['CAPTURED', 'REFUNDED'] },
    amountCents: { type: 'integer', minimum: 0 },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    method: { type: 'string', enum: ['CARD', 'PAYPAL', 'BANK_TRANSFER', 'OTHER', 'APPLE_PAY'] },
    occurredAt: { type: 'string', format: 'date-time' },
  },
  required: ['paymentId', 'orderId', 'status', 'amountCents', 'currency', 'method', 'occurredAt'],
  additionalProperties: false,
} as const;

export interface PaymentValue {
  paymentId: string;
  orderId: string;
  status: 'CAPTURED' | 'REFUNDED';
  amountCents: number;
  currency: string;
  method: PaymentMethod;
  occurredAt: string;
}

export interface PlannedPayment {
  partition: number;
  offset: number;
  key: string;
  value: PaymentValue;
  timestamp: number;
}

/** One CAPTURED payment per OrderPaid event, and a REFUNDED one for about 3% of them, later. */
export function planPayments(placed: readonly PlacedOrderEvent[], seed: number | string): PlannedPayment[] {
  const planner = new PaymentPlanner(seed);
  const payments: PlannedPayment[] = [];
  for (const p of placed) payments.push(...planner.add(p));
  payments.push(...planner.finish());
  return payments;
}

type PendingPayment = Omit<PlannedPayment, 'offset'> & { order: number };

/**
 * planPayments fed one placed event at a time (in the order of the events). Payments wait in a
 * heap until no later event can make an earlier one, so it holds the refunds not yet due, not
 * the payments; `add` and `finish` give them in the order they are written, with offsets.
 */
export class PaymentPlanner {
  private readonly rng;
  private readonly pending = new MinHeap<PendingPayment>(
    (a, b) => a.timestamp - b.timestamp || a.key.localeCompare(b.key) || a.order - b.order,
  );
  private readonly next = new Array<number>(PAYMENTS_PARTITIONS).fill(0);
  private pushed = 0;

  constructor(seed: number | string) {
    this.rng = createRng(seed).fork('payments');
  }

  /** Records per partition so far: the high watermarks once finished. */
  get highWatermarks(): number[] {
    return [...this.next];
  }

  add(p: PlacedOrderEvent): PlannedPayment[] {
    const e = p.event;
    if (e.type !== 'OrderPaid') return [];
    // Every payment still to come is at or after this one's capture.
    const ready = this.release(e.occurredAt + 250);
    const captured: PaymentValue = {
      paymentId: e.payload.paymentId,
      orderId: e.orderId,
      status: 'CAPTURED',
      amountCents: e.payload.amountCents,
      currency: e.payload.currency,
      method: e.payload.method,
      occurredAt: iso(e.occurredAt),
    };
    const partition = partitionForKey(e.orderId, PAYMENTS_PARTITIONS);
    this.push({ partition, key: e.orderId, value: captured, timestamp: e.occurredAt + 250 });
    if (this.rng.chance(0.03)) {
      const at = e.occurredAt + this.rng.int(1, 10) * 86_400_000;
      this.push({
        partition,
        key: e.orderId,
        value: { ...captured, status: 'REFUNDED', occurredAt: iso(at) },
        timestamp: at,
      });
    }
    return ready;
  }

  finish(): PlannedPayment[] {
    return this.release(Number.POSITIVE_INFINITY);
  }

  private push(payment: Omit<PlannedPayment, 'offset'>): void {
    this.pending.push({ ...payment, order: this.pushed++ });
  }

  /** The payments strictly before `before`, in order, with their offsets. */
  private release(before: number): PlannedPayment[] {
    const out: PlannedPayment[] = [];
    while (this.pending.size > 0 && this.pending.peek()!.timestamp < before) {
      const { order: _, ...payment } = this.pending.pop()!;
      const offset = this.next[payment.partition]!;
      this.next[payment.partition] = offset + 1;
      out.push({ ...payment, offset });
    }
    return out;
  }
}

export function encodePaymentValue(value: PaymentValue, schemaId: number): Buffer {
  return encodeConfluentFrame(schemaId, Buffer.from(JSON.stringify(value), 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// users: plain JSON, key = customer id

export const USERS_PARTITIONS = 3;

export interface UserValue {
  userId: string;
  name: string;
  email: string;
  country: string;
  city: string;
  signedUpAt: string;
  updatedAt: string;
}

export function planUsers(
  customers: CustomerSource | readonly Customer[],
  seed: number | string,
): PlannedRecord[] {
  return Array.from(userRecords(customers, seed));
}

/**
 * The users topic in the order it is written (by timestamp, then key), each customer drawn
 * again when its record is due: only two timestamps per customer and the sort order are kept.
 */
export function* userRecords(
  source: CustomerSource | readonly Customer[],
  seed: number | string,
): Generator<PlannedRecord> {
  const customers: CustomerSource = Array.isArray(source)
    ? { size: source.length, get: (i) => (source as readonly Customer[])[i]! }
    : (source as CustomerSource);
  const rng = createRng(seed).fork('users');
  const size = customers.size;
  const signedUp = new Float64Array(size);
  // When the customer changed their e-mail address, or NaN.
  const updated = new Float64Array(size).fill(Number.NaN);
  let count = 0;
  for (let i = 0; i < size; i++) {
    signedUp[i] = customers.get(i).signedUpAt;
    count++;
    if (rng.chance(0.1)) {
      updated[i] = DEMO_START_MS + rng.int(0, DEMO_SPAN_MS - 1);
      count++;
    }
  }
  // Record r is customer r >> 1, its update when r is odd: numbered in the order they were listed.
  const order = new Uint32Array(count);
  for (let i = 0, k = 0; i < size; i++) {
    order[k++] = 2 * i;
    if (!Number.isNaN(updated[i]!)) order[k++] = 2 * i + 1;
  }
  const timestampOf = (r: number) => (r & 1 ? updated[r >> 1]! : signedUp[r >> 1]!);
  const customerId = (i: number) => `cust-${String(i + 1).padStart(5, '0')}`;
  order.sort((a, b) => {
    const byTime = timestampOf(a) - timestampOf(b);
    if (byTime !== 0) return byTime;
    const ka = customerId(a >> 1);
    const kb = customerId(b >> 1);
    return ka < kb ? -1 : ka > kb ? 1 : a - b;
  });
  const next = new Array<number>(USERS_PARTITIONS).fill(0);
  for (const r of order) {
    const c = customers.get(r >> 1);
    const value = userValue(c);
    const partition = partitionForKey(c.customerId, USERS_PARTITIONS);
    const offset = next[partition]!;
    next[partition] = offset + 1;
    const key = Buffer.from(c.customerId);
    if (r & 1) {
      const at = updated[r >> 1]!;
      const changed: UserValue = {
        ...value,
        email: value.email.replace('@example.com', '@mail.example.org'),
        updatedAt: iso(at),
      };
      yield { partition, key, value: Buffer.from(JSON.stringify(changed)), timestamp: at, offset };
    } else {
      yield { partition, key, value: Buffer.from(JSON.stringify(value)), timestamp: c.signedUpAt, offset };
    }
  }
}

function userValue(c: Customer): UserValue {
  return {
    userId: c.customerId,
    name: c.name,
    email: c.email,
    country: c.address.country,
    city: c.address.city,
    signedUpAt: iso(c.signedUpAt),
    updatedAt: iso(c.signedUpAt),
  };
}

// ---------------------------------------------------------------------------------------------
// audit-log: UTF-8 text lines, no key, one partition

const auditUsers = ['alice', 'bob', 'carol', 'dmitri', 'ops-bot', 'ci-deployer'];
const auditActions: [string, number][] = [
  ['login', 20],
  ['topic.describe', 25],
  ['messages.search', 20],
  ['schema.register', 5],
  ['consumer-group.reset-offsets', 4],
  ['dlq.redrive', 3],
  ['acl.update', 2],
  ['login.failed', 3],
];
const auditTopics = ['orders', 'payments', 'users', 'orders.DLQ', 'inventory-levels'];

export function auditLogSize(events: number): number {
  return Math.min(10_000, Math.max(500, Math.round(events / 10)));
}

export function planAuditLog(events: number, seed: number | string): PlannedRecord[] {
  const rng = createRng(seed).fork('audit-log');
  const count = auditLogSize(events);
  const step = DEMO_SPAN_MS / count;
  const records: Omit<PlannedRecord, 'offset'>[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(DEMO_START_MS + i * step + rng.next() * step * 0.9);
    const user = rng.pick(auditUsers);
    const action = rng.weighted(auditActions);
    const level = action === 'login.failed' ? 'WARN' : action === 'acl.update' ? 'NOTICE' : 'INFO';
    let detail = '';
    if (action.startsWith('topic') || action.startsWith('messages') || action.startsWith('dlq'))
      detail = ` topic=${rng.pick(auditTopics)}`;
    else if (action.startsWith('consumer-group'))
      detail = ` group=${rng.pick(['orders-projection', 'orders-search-indexer', 'orders-analytics'])} to=earliest`;
    else if (action.startsWith('schema')) detail = ` subject=${rng.pick(['orders-value', 'payments-value'])}`;
    else if (action.startsWith('login'))
      detail = ` ip=10.${rng.int(0, 3)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    const line = `${iso(at)} ${level.padEnd(6)} console user=${user} action=${action}${detail} request=${rng.uuid().slice(0, 8)}`;
    records.push({ partition: 0, key: null, value: Buffer.from(line, 'utf8'), timestamp: at });
  }
  return withOffsets(records);
}

// ---------------------------------------------------------------------------------------------
// sensor-frames: packed binary, big-endian, 32 bytes; key = sensor id as 4-byte big-endian

export const SENSOR_FRAME_BYTES = 32;
export const SENSOR_FRAMES_PARTITIONS = 4;
export const SENSOR_COUNT = 16;

/**
 * Layout of a frame: magic "SF" (2 bytes), format version u8 (1), flags u8 (bit 0: low battery,
 * bit 1: door open), sensor id u32, timestamp i64 (epoch ms), temperature f32 (°C), humidity f32
 * (%), pressure f32 (hPa), battery u16 (mV), sequence u16.
 */
export interface SensorFrame {
  sensorId: number;
  flags: number;
  timestamp: number;
  temperature: number;
  humidity: number;
  pressure: number;
  batteryMv: number;
  sequence: number;
}

export function encodeSensorFrame(frame: SensorFrame): Buffer {
  const b = Buffer.alloc(SENSOR_FRAME_BYTES);
  b.write('SF', 0, 'latin1');
  b.writeUInt8(1, 2);
  b.writeUInt8(frame.flags, 3);
  b.writeUInt32BE(frame.sensorId, 4);
  b.writeBigInt64BE(BigInt(frame.timestamp), 8);
  b.writeFloatBE(frame.temperature, 16);
  b.writeFloatBE(frame.humidity, 20);
  b.writeFloatBE(frame.pressure, 24);
  b.writeUInt16BE(frame.batteryMv, 28);
  b.writeUInt16BE(frame.sequence, 30);
  return b;
}

export function decodeSensorFrame(b: Buffer): SensorFrame {
  if (b.length !== SENSOR_FRAME_BYTES || b.toString('latin1', 0, 2) !== 'SF')
    throw new Error('not a sensor frame');
  return {
    flags: b.readUInt8(3),
    sensorId: b.readUInt32BE(4),
    timestamp: Number(b.readBigInt64BE(8)),
    temperature: b.readFloatBE(16),
    humidity: b.readFloatBE(20),
    pressure: b.readFloatBE(24),
    batteryMv: b.readUInt16BE(28),
    sequence: b.readUInt16BE(30),
  };
}

export function sensorKey(sensorId: number): Buffer {
  const key = Buffer.alloc(4);
  key.writeUInt32BE(sensorId);
  return key;
}

export function sensorFrameCount(events: number): number {
  return Math.min(20_000, Math.max(2_000, Math.round(events / 50)));
}

export function planSensorFrames(events: number, seed: number | string): PlannedRecord[] {
  const rng = createRng(seed).fork('sensor-frames');
  const count = sensorFrameCount(events);
  const perSensor = Math.ceil(count / SENSOR_COUNT);
  const step = Math.floor(DEMO_SPAN_MS / perSensor);
  const records: (Omit<PlannedRecord, 'offset'> & { sensorId: number })[] = [];
  for (let s = 0; s < SENSOR_COUNT; s++) {
    const sensorId = 0x1000 + s;
    let temperature = 18 + rng.next() * 6;
    let humidity = 40 + rng.next() * 20;
    let battery = 3600 - rng.int(0, 300);
    for (let i = 0; i < perSensor && records.length < count; i++) {
      temperature = Math.min(35, Math.max(5, temperature + (rng.next() - 0.5)));
      humidity = Math.min(95, Math.max(10, humidity + (rng.next() - 0.5) * 2));
      if (rng.chance(0.05)) battery = Math.max(2800, battery - 1);
      const flags = (battery < 3000 ? 1 : 0) | (rng.chance(0.02) ? 2 : 0);
      const timestamp = DEMO_START_MS + i * step + s * 1_000;
      const frame: SensorFrame = {
        sensorId,
        flags,
        timestamp,
        temperature: Math.round(temperature * 100) / 100,
        humidity: Math.round(humidity * 10) / 10,
        pressure: Math.round((1013 + (rng.next() - 0.5) * 20) * 10) / 10,
        batteryMv: battery,
        sequence: i & 0xffff,
      };
      const key = sensorKey(sensorId);
      records.push({
        sensorId,
        partition: partitionForKey(key, SENSOR_FRAMES_PARTITIONS),
        key,
        value: encodeSensorFrame(frame),
        timestamp,
      });
    }
  }
  records.sort((a, b) => a.timestamp - b.timestamp || a.sensorId - b.sensorId);
  return withOffsets(records.map(({ sensorId: _sensorId, ...r }) => r));
}

// ---------------------------------------------------------------------------------------------
// inventory-levels: compacted, key = SKU, JSON values, a few tombstones at the end

export const INVENTORY_PARTITIONS = 3;
export const INVENTORY_SKUS = 60;
export const warehouses = ['WH-AMS', 'WH-BER', 'WH-MAD'] as const;

export interface InventoryLevel {
  sku: string;
  warehouse: string;
  onHand: number;
  reserved: number;
  updatedAt: string;
}

export function inventoryUpdatesPerSku(events: number): number {
  return Math.min(200, Math.max(40, Math.round(events / 5_000)));
}

/** Many updates per SKU over the six weeks; the last two SKUs are then discontinued (tombstones). */
export function planInventory(events: number, seed: number | string): PlannedRecord[] {
  const rng = createRng(seed).fork('inventory');
  const perSku = inventoryUpdatesPerSku(events);
  const records: Omit<PlannedRecord, 'offset'>[] = [];
  const step = Math.floor(DEMO_SPAN_MS / (perSku + 1));
  for (let i = 1; i <= INVENTORY_SKUS; i++) {
    const sku = `SKU-${String(i).padStart(5, '0')}`;
    const warehouse = warehouses[i % warehouses.length] as string;
    const key = Buffer.from(sku);
    const partition = partitionForKey(key, INVENTORY_PARTITIONS);
    let onHand = rng.int(50, 500);
    for (let u = 0; u < perSku; u++) {
      onHand = Math.max(0, onHand + rng.int(-25, 20));
      if (onHand < 10) onHand += rng.int(100, 300); // restocked
      const at = DEMO_START_MS + u * step + rng.int(0, step - 1);
      const value: InventoryLevel = {
        sku,
        warehouse,
        onHand,
        reserved: rng.int(0, Math.min(onHand, 15)),
        updatedAt: iso(at),
      };
      records.push({ partition, key, value: Buffer.from(JSON.stringify(value)), timestamp: at });
    }
  }
  const end = DEMO_START_MS + DEMO_SPAN_MS - 60_000;
  for (let i = INVENTORY_SKUS - 1; i <= INVENTORY_SKUS; i++) {
    const key = Buffer.from(`SKU-${String(i).padStart(5, '0')}`);
    records.push({
      partition: partitionForKey(key, INVENTORY_PARTITIONS),
      key,
      value: null,
      timestamp: end + i,
    });
  }
  records.sort((a, b) => a.timestamp - b.timestamp || Buffer.compare(a.key!, b.key!));
  return withOffsets(records);
}

// ---------------------------------------------------------------------------------------------
// codecs: one partition, one batch of five records per codec, in this order

export const codecBatches: readonly DemoCodec[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];
export const RECORDS_PER_CODEC_BATCH = 5;

export interface CodecBatch {
  codec: DemoCodec;
  records: PlannedRecord[];
}

/** Known content: offsets 0-4 are uncompressed, 5-9 gzip, 10-14 snappy, 15-19 lz4, 20-24 zstd. */
export function planCodecBatches(): CodecBatch[] {
  const text = 'The quick brown fox jumps over the lazy dog. '.repeat(8);
  return codecBatches.map((codec, b) => ({
    codec,
    records: Array.from({ length: RECORDS_PER_CODEC_BATCH }, (_, i) => ({
      partition: 0,
      offset: b * RECORDS_PER_CODEC_BATCH + i,
      key: Buffer.from(`${codec}-${i + 1}`),
      value: Buffer.from(JSON.stringify({ codec, n: i + 1, text })),
      headers: [['codec', Buffer.from(codec)]] as [string, Buffer][],
      timestamp: DEMO_START_MS + b * 60_000 + i,
    })),
  }));
}

// ---------------------------------------------------------------------------------------------
// transfers: one partition, three transactions (committed, aborted, committed)

export interface TransferValue {
  transferId: string;
  from: string;
  to: string;
  amountCents: number;
  currency: 'EUR';
}

export interface PlannedTransaction {
  outcome: 'commit' | 'abort';
  records: PlannedRecord[];
  /** Offset of the transaction's control record (COMMIT or ABORT marker). */
  markerOffset: number;
}

/**
 * Offsets: T1 0-2 (marker 3), T2 4-5 aborted (marker 6), T3 7-8 (marker 9); high watermark 10.
 * read_committed sees offsets 0, 1, 2, 7, 8; read_uncommitted also sees 4 and 5.
 */
export function planTransfers(): PlannedTransaction[] {
  const plan: { outcome: 'commit' | 'abort'; transfers: [string, string, number][] }[] = [
    {
      outcome: 'commit',
      transfers: [
        ['acct-001', 'acct-002', 12_500],
        ['acct-002', 'acct-003', 4_000],
        ['acct-003', 'acct-001', 990],
      ],
    },
    {
      outcome: 'abort',
      transfers: [
        ['acct-001', 'acct-004', 1_000_000],
        ['acct-004', 'acct-005', 999_999],
      ],
    },
    {
      outcome: 'commit',
      transfers: [
        ['acct-005', 'acct-001', 2_500],
        ['acct-002', 'acct-005', 7_300],
      ],
    },
  ];
  let offset = 0;
  let n = 0;
  return plan.map(({ outcome, transfers }, t) => {
    const records = transfers.map(([from, to, amountCents]) => {
      n++;
      const value: TransferValue = {
        transferId: `tr-${String(n).padStart(4, '0')}`,
        from,
        to,
        amountCents,
        currency: 'EUR',
      };
      return {
        partition: 0,
        offset: offset++,
        key: Buffer.from(from),
        value: Buffer.from(JSON.stringify(value)),
        headers: [
          ['transaction', Buffer.from(`T${t + 1}-${outcome === 'commit' ? 'committed' : 'aborted'}`)],
        ] as [string, Buffer][],
        timestamp: DEMO_START_MS + DEMO_SPAN_MS - 3_600_000 + n * 1_000,
      };
    });
    const markerOffset = offset++;
    return { outcome, records, markerOffset };
  });
}
