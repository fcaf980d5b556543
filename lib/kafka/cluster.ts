import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { adminFor } from './admin';
import { toAppError } from './errors';

export interface BrokerInfo {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
  isController: boolean;
}

export interface ClusterDescription {
  clusterId: string;
  controllerId: number;
  brokers: BrokerInfo[];
  topicCount: number;
  internalTopicCount: number;
  partitionCount: number;
}

/** Kafka's own topics and the storage topics of the schema registries we support. */
export const SYSTEM_TOPIC =
  /^(__|_schemas$|_confluent|_console-|kafkasql-journal$|kafkasql-snapshots$|registry-events$)/;

/** Brokers, controller and topic counts, from one metadata request. */
export async function describeCluster(cluster: ClusterConfig): Promise<ClusterDescription> {
  const admin = adminFor(cluster);
  try {
    const names = await admin.listTopics({ includeInternals: true });
    const metadata = await admin.metadata({ topics: names, forceUpdate: true });
    let partitionCount = 0;
    // Partitions of user topics only, like the topic count. (The client leaves internal
    // topics' metadata entries empty.)
    for (const [name, topic] of metadata.topics)
      if (!SYSTEM_TOPIC.test(name)) partitionCount += topic?.partitionsCount ?? 0;
    const internal = names.filter((n) => SYSTEM_TOPIC.test(n)).length;
    return {
      clusterId: metadata.id,
      controllerId: metadata.controllerId,
      brokers: [...metadata.brokers.entries()]
        .map(([nodeId, b]) => ({
          nodeId,
          host: b.host,
          port: b.port,
          rack: b.rack ?? null,
          isController: nodeId === metadata.controllerId,
        }))
        .sort((a, b) => a.nodeId - b.nodeId),
      topicCount: names.length - internal,
      internalTopicCount: internal,
      partitionCount,
    };
  } catch (error) {
    throw toAppError(error, 'describing the cluster');
  }
}
