import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { toErrorBody, type ErrorBody } from '@/lib/errors/app-error';
import { SYSTEM_TOPIC } from '@/lib/kafka/cluster';
import { describeReplicaSizes, type ReplicaSizes } from '@/lib/kafka/describe-log-dirs';
import { describeTopicConfigs } from '@/lib/kafka/describe-topic-configs';
import { describeTopicPartitions, type TopicLayout } from '@/lib/kafka/topic-partitions';
import type { TopicSummary } from '@/lib/schemas/topics';
import { partitionFigures, topicFigures, type PartitionFigures } from './partition-figures';
import { topicBadges } from './badges';

/**
 * The facts behind the topics list and the topic page, read in a fixed number of requests
 * whatever the number of topics: Metadata, ListOffsets (earliest and latest, one per leader),
 * DescribeLogDirs (one per broker) and DescribeConfigs (cleanup.policy only). Sizes and configs
 * are secondary: when they cannot be read (an ACL, an old broker) the list is still shown and
 * says what is missing.
 */

/** What could not be read, in the API's error shape. */
export type Problem = ErrorBody['error'];

export interface TopicFacts {
  layout: TopicLayout;
  summary: TopicSummary;
  partitions: PartitionFigures[];
}

export interface TopicFactsResult {
  brokerCount: number;
  topics: TopicFacts[];
  problems: { sizes?: Problem; configs?: Problem };
}

export function isInternalTopic(layout: Pick<TopicLayout, 'name' | 'internal'>): boolean {
  return layout.internal || SYSTEM_TOPIC.test(layout.name);
}

async function settle<T>(
  work: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; problem: Problem }> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    return { ok: false, problem: toErrorBody(error).body.error };
  }
}

/** Facts of the named topics, or of every topic. An unknown name is UNKNOWN_TOPIC. */
export async function readTopicFacts(
  cluster: ClusterConfig,
  options: { names?: string[]; select?: (layout: TopicLayout) => boolean } = {},
): Promise<TopicFactsResult> {
  const description = await describeTopicPartitions(cluster, options.names);
  const layouts = description.topics.filter(options.select ?? (() => true));
  const names = layouts.map((t) => t.name);
  const [sizes, configs] = await Promise.all([
    settle(
      describeReplicaSizes(
        cluster,
        layouts.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => p.partition) })),
      ),
    ),
    settle(describeTopicConfigs(cluster, names, { keys: ['cleanup.policy'] })),
  ]);
  const replicaSizes: ReplicaSizes | undefined = sizes.ok ? sizes.value : undefined;
  const topics = layouts.map((layout) => {
    const watermarks = description.watermarks.get(layout.name);
    const partitions = layout.partitions.map((p) =>
      partitionFigures({
        ...p,
        low: watermarks?.get(p.partition)?.low ?? null,
        high: watermarks?.get(p.partition)?.high ?? null,
        // A partition with no data may be absent from a broker's answer: that is zero bytes.
        replicaSizes: replicaSizes
          ? (replicaSizes.get(layout.name)?.get(p.partition) ?? new Map(p.replicas.map((r) => [r, 0])))
          : undefined,
      }),
    );
    const cleanupPolicy = configs.ok
      ? (configs.value.get(layout.name)?.find((c) => c.name === 'cleanup.policy')?.value ?? null)
      : null;
    const figures = topicFigures(partitions);
    const summary: TopicSummary = {
      name: layout.name,
      internal: isInternalTopic(layout),
      partitionCount: figures.partitionCount,
      replicationFactor: figures.replicationFactor,
      messageCount: figures.messageCount,
      sizeBytes: figures.sizeBytes,
      replicatedSizeBytes: figures.replicatedSizeBytes,
      cleanupPolicy,
      badges: topicBadges({ name: layout.name, cleanupPolicy }, cluster.deadLetters?.topics),
      underReplicatedPartitions: figures.underReplicatedPartitions,
      offlinePartitions: figures.offlinePartitions,
    };
    return { layout, summary, partitions };
  });
  return {
    brokerCount: description.brokers.length,
    topics,
    problems: {
      ...(sizes.ok ? {} : { sizes: sizes.problem }),
      ...(configs.ok ? {} : { configs: configs.problem }),
    },
  };
}
