import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { closeProducer, createProducer, type KafkaProducer } from '@/lib/kafka/producer';
import { processMap } from '@/lib/process-map';

/**
 * One idempotent producer per cluster for "produce a message", kept for reuse (a producer
 * costs an InitProducerId round trip). A producer whose send failed is dropped, so the next
 * send starts from a fresh connection.
 */
const pool = processMap<string, KafkaProducer>('produceProducers');

export function pooledProducer(cluster: ClusterConfig): KafkaProducer {
  let producer = pool.get(cluster.id);
  if (!producer || producer.closed) {
    producer = createProducer(cluster, { clientIdSuffix: 'produce' });
    pool.set(cluster.id, producer);
  }
  return producer;
}

export async function discardProducer(cluster: ClusterConfig, producer: KafkaProducer): Promise<void> {
  if (pool.get(cluster.id) === producer) pool.delete(cluster.id);
  await closeProducer(producer);
}
