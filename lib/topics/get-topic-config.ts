import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { describeTopicConfigs } from '@/lib/kafka/describe-topic-configs';
import type { TopicConfig } from '@/lib/schemas/topics';

/** Every configuration entry of the topic, with where its value comes from; secrets masked. */
export async function getTopicConfig(cluster: ClusterConfig, topic: string): Promise<TopicConfig> {
  const configs = await describeTopicConfigs(cluster, [topic], { documentation: true });
  const entries = configs.get(topic);
  if (!entries) throw new AppError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
  return { configs: entries };
}
