import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { adminFor } from './admin';
import { toAppError } from './errors';

export interface NewTopic {
  name: string;
  partitions: number;
  replicationFactor: number;
  configs: Record<string, string>;
}

function apiIds(error: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown) => {
    if (!e || typeof e !== 'object' || seen.has(e)) return;
    seen.add(e);
    const x = e as { apiId?: string; errors?: unknown[]; cause?: unknown };
    if (x.apiId) out.push(x.apiId);
    if (Array.isArray(x.errors)) x.errors.forEach(visit);
    visit(x.cause);
  };
  visit(error);
  return out;
}

const refusals: Record<string, string> = {
  INVALID_REPLICATION_FACTOR: 'the replication factor is larger than the number of brokers',
  INVALID_PARTITIONS: 'the partition count is not valid',
  INVALID_CONFIG: 'a configuration value is not valid',
  INVALID_TOPIC_EXCEPTION: 'the name is not a valid topic name',
  POLICY_VIOLATION: "the cluster's topic creation policy refused it",
  TOPIC_AUTHORIZATION_FAILED: 'the console is not authorized to create topics',
  CLUSTER_AUTHORIZATION_FAILED: 'the console is not authorized to create topics',
};

/**
 * Creates one topic; an existing topic is a CONFLICT (never changed). Returns once every
 * partition has a leader, so that the caller can produce to it straight away.
 */
export async function createTopic(
  cluster: ClusterConfig,
  topic: NewTopic,
  timeoutMs = 15_000,
): Promise<void> {
  const admin = adminFor(cluster);
  try {
    await admin.createTopics({
      topics: [topic.name],
      partitions: topic.partitions,
      replicas: topic.replicationFactor,
      configs: Object.entries(topic.configs).map(([name, value]) => ({ name, value })),
    });
  } catch (error) {
    const ids = apiIds(error);
    if (ids.includes('TOPIC_ALREADY_EXISTS'))
      throw new AppError('CONFLICT', `topic "${topic.name}" already exists`, { cause: error });
    const refused = ids.find((id) => refusals[id]);
    if (refused)
      throw new AppError(
        'BAD_REQUEST',
        `the broker refused to create topic "${topic.name}": ${refusals[refused]} (${refused})`,
        { cause: error },
      );
    throw toAppError(error, `creating topic "${topic.name}"`);
  }
  await waitForPartitionLeaders(cluster, topic.name, topic.partitions, timeoutMs);
}

/**
 * Waits until the metadata names a leader for each of the topic's partitions. CreateTopics answers
 * once the controller has recorded the topic; the brokers learn it a moment later, and until then
 * a produce, a ListOffsets or a metadata request can find no topic or no leader.
 */
export async function waitForPartitionLeaders(
  cluster: ClusterConfig,
  name: string,
  partitionCount: number,
  timeoutMs = 15_000,
): Promise<void> {
  const admin = adminFor(cluster);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const metadata = await admin.metadata({ topics: [name], forceUpdate: true });
      const partitions = metadata.topics.get(name)?.partitions ?? [];
      if (partitions.length === partitionCount && partitions.every((p) => p && p.leader >= 0)) return;
    } catch {
      // not visible yet
    }
    if (Date.now() > deadline)
      throw new AppError(
        'TIMEOUT',
        `topic "${name}" was created but its partitions had no leader after ${timeoutMs} ms`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
