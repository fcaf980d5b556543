import 'server-only';
import { compatibilityPartitioner, compressionsAlgorithms, Producer } from '@platformatic/kafka';
import type { ClusterConfig } from '@/lib/config/schema';
import { connectionOptions } from './connection';
import { toAppError } from './errors';
import { partitionForKey } from './murmur2';

/**
 * Producing records: the seeder, "produce a message" and DLQ redrive all go through here. The
 * producer is idempotent with acks=all unless told otherwise; keyed records go to the partition
 * the Java client would pick (murmur2), keyless ones round-robin; compression is chosen per send.
 */

export type Compression = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

export type KafkaProducer = Producer<Buffer, Buffer, Buffer, Buffer>;

export interface ProducerOptions {
  /** Default true: no duplicates on retry, acks=all, one request in flight per broker. */
  idempotent?: boolean;
  /** Makes the producer transactional (implies idempotent). */
  transactionalId?: string;
  /** Appended to the cluster's client id, to tell this producer apart in broker logs and quotas. */
  clientIdSuffix?: string;
}

export function createProducer(cluster: ClusterConfig, options: ProducerOptions = {}): KafkaProducer {
  const base = connectionOptions(cluster);
  const idempotent = options.transactionalId !== undefined || (options.idempotent ?? true);
  return new Producer<Buffer, Buffer, Buffer, Buffer>({
    ...base,
    clientId: options.clientIdSuffix ? `${base.clientId}-${options.clientIdSuffix}` : base.clientId,
    // Writes may retry: with an idempotent producer a retry never duplicates, and "retries: 1"
    // would make the client retry forever (it treats <= 1 as "unset" for idempotent producers).
    retries: 5,
    retryDelay: 250,
    idempotent,
    acks: -1,
    transactionalId: options.transactionalId,
    // InitProducerId must say "no producer yet" (-1/-1). The client's default (0/0) claims producer
    // id 0, which the broker fences as soon as the transactional id has state from an earlier run.
    ...(idempotent ? { producerId: -1n, producerEpoch: -1 } : {}),
    partitioner: compatibilityPartitioner,
  });
}

export interface OutgoingRecord {
  topic: string;
  /** Chosen by key (murmur2, as the Java client) or round-robin when absent. */
  partition?: number;
  key?: Buffer | null;
  /** null writes a tombstone. */
  value: Buffer | null;
  /** Ordered; header values as bytes or UTF-8 text. Keys must be unique per record. */
  headers?: Iterable<readonly [string, Buffer | string]> | Record<string, Buffer | string>;
  /** Epoch milliseconds (CreateTime); now when absent. */
  timestamp?: number;
}

export interface ProducedRecord {
  topic: string;
  partition: number;
  offset: bigint;
}

export interface SendOptions {
  compression?: Compression;
}

/** Whether this Node.js can compress zstd itself (zlib gained zstd in Node 22.15 / 23.8). */
export function canCompressZstd(): boolean {
  return compressionsAlgorithms.zstd.available;
}

// Header names repeat on every record: encode each once (bounded, in case names are data).
const headerNames = new Map<string, Buffer>();

function headerName(name: string): Buffer {
  let bytes = headerNames.get(name);
  if (!bytes) {
    bytes = Buffer.from(name, 'utf8');
    if (headerNames.size < 1_000) headerNames.set(name, bytes);
  }
  return bytes;
}

function toHeaderMap(headers: OutgoingRecord['headers']): Map<Buffer, Buffer> | undefined {
  if (!headers) return undefined;
  const entries =
    Symbol.iterator in headers
      ? (headers as Iterable<readonly [string, Buffer | string]>)
      : Object.entries(headers);
  const map = new Map<Buffer, Buffer>();
  for (const [k, v] of entries) map.set(headerName(k), Buffer.isBuffer(v) ? v : Buffer.from(v, 'utf8'));
  return map;
}

function toMessages(records: readonly OutgoingRecord[], partitions: readonly number[]) {
  return records.map((r, i) => ({
    topic: r.topic,
    partition: partitions[i],
    key: r.key ?? undefined,
    value: r.value as Buffer,
    headers: toHeaderMap(r.headers),
    timestamp: r.timestamp === undefined ? undefined : BigInt(r.timestamp),
  }));
}

const roundRobin = new WeakMap<KafkaProducer, Map<string, number>>();

/**
 * Sends the records in one produce request (one batch per partition) and returns each record's
 * partition and offset, in input order. Within a partition the records keep their input order
 * and get consecutive offsets from the batch's base offset.
 */
export async function produceBatch(
  producer: KafkaProducer,
  records: readonly OutgoingRecord[],
  options: SendOptions = {},
): Promise<ProducedRecord[]> {
  if (records.length === 0) return [];
  const topics = [...new Set(records.map((r) => r.topic))];
  try {
    const needCounts = records.some((r) => r.partition === undefined);
    const metadata = needCounts ? await producer.metadata({ topics }) : undefined;
    const counter = roundRobin.get(producer) ?? new Map<string, number>();
    roundRobin.set(producer, counter);
    const partitions = records.map((r) => {
      if (r.partition !== undefined) return r.partition;
      const count = metadata?.topics.get(r.topic)?.partitionsCount;
      if (!count) throw new Error(`no metadata for topic ${r.topic}`);
      if (r.key) return partitionForKey(r.key, count);
      const next = counter.get(r.topic) ?? 0;
      counter.set(r.topic, next + 1);
      return next % count;
    });
    const result = await producer.send({
      compression: options.compression ?? 'none',
      messages: toMessages(records, partitions),
    });
    return assignOffsets(records, partitions, result.offsets ?? []);
  } catch (error) {
    throw toAppError(error, `producing ${records.length} records to ${topics.join(', ')}`);
  }
}

function assignOffsets(
  records: readonly OutgoingRecord[],
  partitions: number[],
  bases: readonly { topic: string; partition: number; offset: bigint }[],
): ProducedRecord[] {
  const next = new Map(bases.map((b) => [`${b.topic}\u0000${b.partition}`, b.offset]));
  return records.map((r, i) => {
    const key = `${r.topic}\u0000${partitions[i]}`;
    const offset = next.get(key);
    if (offset === undefined)
      throw new Error(`the broker returned no offset for ${r.topic}-${partitions[i]}`);
    next.set(key, offset + 1n);
    return { topic: r.topic, partition: partitions[i] as number, offset };
  });
}

export type TransactionSend = (
  records: readonly OutgoingRecord[],
  options?: SendOptions,
) => Promise<ProducedRecord[]>;

/**
 * Runs `work` in a transaction of a transactional producer, then commits (or aborts when
 * `outcome` is "abort", or when `work` throws, rethrowing its error).
 */
export async function runTransaction(
  producer: KafkaProducer,
  work: (send: TransactionSend) => Promise<void>,
  outcome: 'commit' | 'abort' = 'commit',
): Promise<void> {
  let transaction;
  try {
    transaction = await producer.beginTransaction();
  } catch (error) {
    throw toAppError(error, 'starting a transaction');
  }
  const tx = transaction;
  const send: TransactionSend = async (records, options = {}) => {
    const partitions = records.map((r) => {
      if (r.partition === undefined)
        throw new Error('records sent in a transaction need an explicit partition');
      return r.partition;
    });
    const result = await tx.send({
      compression: options.compression ?? 'none',
      messages: toMessages(records, partitions),
    });
    return assignOffsets(records, partitions, result.offsets ?? []);
  };
  try {
    await work(send);
  } catch (error) {
    await tx.abort().catch(() => undefined);
    throw error;
  }
  try {
    if (outcome === 'commit') await tx.commit();
    else await tx.abort();
  } catch (error) {
    throw toAppError(error, `${outcome === 'commit' ? 'committing' : 'aborting'} a transaction`);
  }
}

/** Closes the producer, also when streams are open; never throws. */
export function closeProducer(producer: KafkaProducer): Promise<void> {
  return new Promise((resolve) => producer.close(true, () => resolve()));
}
