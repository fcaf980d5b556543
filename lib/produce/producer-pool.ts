import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { closeProducer, createProducer, type KafkaProducer } from '@/lib/kafka/producer';

/**
 * One idempotent producer per cluster for "produce a message", kept for reuse (a producer
 * costs an InitProducerId round trip). A producer whose send failed is dropped, so the next
 * send starts from a fresh connection.
 */
const pool = globalThis as unknown as { __produceProducers?: Map<string, KafkaProducer> };

export function pooledProducer(cluster: ClusterConfig): KafkaProducer {
  pool.__produceProducers ??= new Map();
  let producer = pool.__produceProducers.get(cluster.id);
  if (!producer || producer.closed) {
    producer = createProducer(cluster, { clientIdSuffix: 'produce' });
    pool.__produceProducers.set(cluster.id, producer);
  }
  return producer;
}

export async function discardProducer(cluster: ClusterConfig, producer: KafkaProducer): Promise<void> {
  if (pool.__produceProducers?.get(cluster.id) === producer) pool.__produceProducers.delete(cluster.id);
  await closeProducer(producer);
}
