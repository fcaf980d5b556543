import type { ClusterConfig } from '@/lib/config/schema';

/** A cluster configuration with one stream of each kind the indexer decides on, for unit tests. */
export function localTestCluster(): ClusterConfig {
  const stream = { eventTypeFrom: { field: 'type' }, partitioner: 'murmur2', index: true } as const;
  return {
    id: 'local',
    bootstrapServers: ['127.0.0.1:9092'],
    clientId: 'test',
    readOnly: false,
    allowInternalTopicWrites: false,
    requestTimeoutMs: 1000,
    streams: [
      { ...stream, id: 'orders', topic: 'orders', aggregateIdFrom: 'key' },
      { ...stream, id: 'by-header', topic: 'by-header', aggregateIdFrom: { header: 'aggregate' } },
      { ...stream, id: 'by-field', topic: 'by-field', aggregateIdFrom: { field: 'id' } },
      { ...stream, id: 'off', topic: 'off', aggregateIdFrom: 'key', index: false },
    ],
    keyIndex: { enabled: true, dir: '.console-data/key-index', topics: ['extra', 'orders'], pollMs: 2000 },
  };
}
