import 'server-only';
import { ConfigResourceTypes, IncrementalAlterConfigOperationTypes } from '@platformatic/kafka';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { adminFor } from './admin';
import { waitForPartitionLeaders } from './create-topic';
import { toAppError } from './errors';

export interface TopicSpec {
  name: string;
  partitions: number;
  /** Default: as many replicas as there are brokers, at most 3. */
  replicationFactor?: number;
  configs?: Record<string, string>;
}

export interface EnsuredTopic {
  name: string;
  created: boolean;
  partitions: number;
}

function hasApiError(error: unknown, apiId: string): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown): boolean => {
    if (!e || typeof e !== 'object' || seen.has(e)) return false;
    seen.add(e);
    const x = e as { apiId?: string; errors?: unknown[]; cause?: unknown };
    return x.apiId === apiId || (Array.isArray(x.errors) && x.errors.some(visit)) || visit(x.cause);
  };
  return visit(error);
}

async function partitionCount(cluster: ClusterConfig, name: string): Promise<number | undefined> {
  const admin = adminFor(cluster);
  const names = await admin.listTopics({ includeInternals: true });
  if (!names.includes(name)) return undefined;
  const metadata = await admin.metadata({ topics: [name], forceUpdate: true });
  return metadata.topics.get(name)?.partitionsCount;
}

/**
 * Creates the topic unless it exists. An existing topic is left as it is, but a different
 * partition count is an error: keys would map to other partitions than the caller expects.
 */
export async function createTopicIfMissing(cluster: ClusterConfig, spec: TopicSpec): Promise<EnsuredTopic> {
  const admin = adminFor(cluster);
  try {
    // "Already exists" with no topic listed means it is still being deleted: wait and retry.
    for (let attempt = 0; attempt < 50; attempt++) {
      const partitions = await partitionCount(cluster, spec.name);
      if (partitions !== undefined) {
        if (partitions !== spec.partitions) {
          throw new AppError(
            'CONFLICT',
            `topic ${spec.name} exists with ${partitions} partitions, not ${spec.partitions}`,
          );
        }
        return { name: spec.name, created: false, partitions };
      }
      const brokers = (await admin.metadata({ topics: [] })).brokers.size;
      try {
        await admin.createTopics({
          topics: [spec.name],
          partitions: spec.partitions,
          replicas: spec.replicationFactor ?? Math.max(1, Math.min(3, brokers)),
          configs: Object.entries(spec.configs ?? {}).map(([name, value]) => ({ name, value })),
        });
      } catch (error) {
        if (!hasApiError(error, 'TOPIC_ALREADY_EXISTS')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      // Callers write to and read the topic straight away.
      await waitForPartitionLeaders(cluster, spec.name, spec.partitions);
      return { name: spec.name, created: true, partitions: spec.partitions };
    }
    throw new AppError('CONFLICT', `topic ${spec.name} is reported as existing but cannot be described`);
  } catch (error) {
    throw toAppError(error, `creating topic ${spec.name}`);
  }
}

/**
 * Deletes those of the topics that exist and waits until the cluster no longer lists them
 * (deletion is asynchronous; a topic of the same name cannot be created before). Returns the
 * names deleted.
 */
export async function deleteTopicsIfPresent(
  cluster: ClusterConfig,
  names: readonly string[],
  timeoutMs = 30_000,
): Promise<string[]> {
  const admin = adminFor(cluster);
  try {
    const existing = new Set(await admin.listTopics({ includeInternals: true }));
    const present = names.filter((n) => existing.has(n));
    if (present.length === 0) return [];
    await admin.deleteTopics({ topics: present });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = new Set(await admin.listTopics({ includeInternals: true }));
      if (!present.some((n) => left.has(n))) return present;
      if (Date.now() > deadline)
        throw new AppError(
          'TIMEOUT',
          `topics ${present.join(', ')} were still listed ${timeoutMs} ms after their deletion`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    throw toAppError(error, `deleting topics ${names.join(', ')}`);
  }
}

/**
 * The high watermark (offset after the last record) of every partition, or undefined when the
 * topic does not exist.
 */
export async function topicHighWatermarks(
  cluster: ClusterConfig,
  name: string,
): Promise<number[] | undefined> {
  try {
    const partitions = await partitionCount(cluster, name);
    if (partitions === undefined) return undefined;
    const [topic] = await adminFor(cluster).listOffsets({
      topics: [
        {
          name,
          partitions: Array.from({ length: partitions }, (_, partitionIndex) => ({
            partitionIndex,
            timestamp: -1n,
          })),
        },
      ],
    });
    const hw = new Array<number>(partitions).fill(0);
    for (const p of topic?.partitions ?? []) hw[p.partitionIndex] = Number(p.offset);
    return hw;
  } catch (error) {
    throw toAppError(error, `reading the offsets of topic ${name}`);
  }
}

/** Current values of the topic's configuration entries (defaults included). */
export async function describeTopicConfig(
  cluster: ClusterConfig,
  name: string,
): Promise<Record<string, string | null>> {
  try {
    const [description] = await adminFor(cluster).describeConfigs({
      resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: name }],
    });
    return Object.fromEntries((description?.configs ?? []).map((c) => [c.name, c.value ?? null]));
  } catch (error) {
    throw toAppError(error, `describing the configuration of topic ${name}`);
  }
}

/**
 * Sets (string) or removes (null) configuration entries of a topic and waits until the broker
 * reports the new values, since brokers apply topic configuration changes asynchronously.
 */
export async function alterTopicConfig(
  cluster: ClusterConfig,
  name: string,
  changes: Record<string, string | null>,
  timeoutMs = 10_000,
): Promise<void> {
  try {
    await adminFor(cluster).incrementalAlterConfigs({
      resources: [
        {
          resourceType: ConfigResourceTypes.TOPIC,
          resourceName: name,
          configs: Object.entries(changes).map(([key, value]) =>
            value === null
              ? { name: key, configOperation: IncrementalAlterConfigOperationTypes.DELETE }
              : { name: key, configOperation: IncrementalAlterConfigOperationTypes.SET, value },
          ),
        },
      ],
    });
  } catch (error) {
    throw toAppError(error, `changing the configuration of topic ${name}`);
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await describeTopicConfig(cluster, name);
    const applied = Object.entries(changes).every(([key, value]) =>
      value === null ? true : current[key] === value,
    );
    if (applied) return;
    if (Date.now() > deadline)
      throw new AppError(
        'TIMEOUT',
        `topic ${name} did not take its new configuration within ${timeoutMs} ms`,
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
