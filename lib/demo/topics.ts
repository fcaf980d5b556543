/**
 * The topics of the demo and their configuration. Every record of the demo carries a 2025
 * timestamp, so time-based retention is switched off (`retention.ms=-1`, as an event store
 * would be configured anyway) and the compacted topics keep their history for ten years
 * (`min.compaction.lag.ms`), which keeps their content deterministic for tests; remove that
 * setting to watch the log cleaner at work.
 */

export type DemoCodec = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
export const compressionCodecs: readonly Exclude<DemoCodec, 'none'>[] = ['gzip', 'snappy', 'lz4', 'zstd'];

export const demoTopicNames = {
  orders: 'orders',
  snapshots: 'orders-snapshots',
  deadLetters: 'orders.DLQ',
  payments: 'payments',
  users: 'users',
  auditLog: 'audit-log',
  sensorFrames: 'sensor-frames',
  inventory: 'inventory-levels',
  codecs: 'codecs',
  transfers: 'transfers',
  /** Holds the seed manifest; the leading underscores hide it among internal topics. */
  manifest: '__demo-seed',
} as const;

export type DemoTopicKey = keyof typeof demoTopicNames;

export interface DemoTopicSpec {
  key: DemoTopicKey;
  name: string;
  partitions: number;
  configs: Record<string, string>;
  /** What the topic shows off, for the seed summary. */
  description: string;
}

const TEN_YEARS_MS = String(10 * 365 * 86_400_000);
const keepForever = { 'retention.ms': '-1' };
const compactedWithHistory = { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': TEN_YEARS_MS };

export const ORDERS_PARTITIONS = 6;

const specs: Omit<DemoTopicSpec, 'name'>[] = [
  {
    key: 'orders',
    partitions: ORDERS_PARTITIONS,
    configs: keepForever,
    description: 'order events, Avro v1-v3 via orders-value, mixed codecs',
  },
  {
    key: 'snapshots',
    partitions: ORDERS_PARTITIONS,
    configs: compactedWithHistory,
    description: 'order snapshots every 100 events, JSON, compacted',
  },
  {
    key: 'deadLetters',
    partitions: ORDERS_PARTITIONS,
    configs: keepForever,
    description: 'failed order events, Spring Kafka and Kafka Connect headers',
  },
  { key: 'payments', partitions: 3, configs: keepForever, description: 'JSON Schema via payments-value' },
  { key: 'users', partitions: 3, configs: keepForever, description: 'plain JSON, no framing' },
  { key: 'auditLog', partitions: 1, configs: keepForever, description: 'UTF-8 text lines, no key' },
  {
    key: 'sensorFrames',
    partitions: 4,
    configs: keepForever,
    description: 'packed 32-byte binary structs, binary keys',
  },
  {
    key: 'inventory',
    partitions: 3,
    configs: compactedWithHistory,
    description: 'compacted, many updates per key, tombstones',
  },
  {
    key: 'codecs',
    partitions: 1,
    configs: keepForever,
    description: 'one batch per codec: none, gzip, snappy, lz4, zstd',
  },
  {
    key: 'transfers',
    partitions: 1,
    configs: keepForever,
    description: 'transactional: committed, aborted, committed',
  },
  { key: 'manifest', partitions: 1, configs: { 'cleanup.policy': 'compact' }, description: 'seed manifest' },
];

/** The topics with their names; a suffix (e.g. "-bench") gives a parallel set for experiments. */
export function demoTopicSpecs(suffix = ''): DemoTopicSpec[] {
  return specs.map((spec) => ({ ...spec, name: `${demoTopicNames[spec.key]}${suffix}` }));
}

export function demoTopicName(key: DemoTopicKey, suffix = ''): string {
  return `${demoTopicNames[key]}${suffix}`;
}
