import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import type { TopicDetail } from '@/lib/schemas/topics';
import { readTopicFacts } from './topic-facts';

/** One topic with every partition: leader, replicas, ISR, watermarks, message count and size. */
export async function getTopic(cluster: ClusterConfig, topic: string): Promise<TopicDetail> {
  const facts = await readTopicFacts(cluster, { names: [topic] });
  const found = facts.topics.find((t) => t.layout.name === topic);
  if (!found) throw new AppError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
  return {
    ...found.summary,
    topicId: found.layout.topicId,
    partitions: found.partitions,
    problems: facts.problems,
  };
}
