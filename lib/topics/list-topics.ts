import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import type { TopicList } from '@/lib/schemas/topics';
import { isInternalTopic, readTopicFacts } from './topic-facts';

export interface ListTopicsOptions {
  /** Case-insensitive "name contains". */
  q?: string;
  /** Also Kafka's, the registry's and the console's own topics. */
  internal?: boolean;
}

/** The topics list, sorted by name. Internal topics are counted but left out unless asked. */
export async function listTopics(
  cluster: ClusterConfig,
  options: ListTopicsOptions = {},
): Promise<TopicList> {
  const needle = options.q?.trim().toLowerCase() ?? '';
  const matches = (name: string) => needle === '' || name.toLowerCase().includes(needle);
  let hiddenInternalTopics = 0;
  const facts = await readTopicFacts(cluster, {
    select: (layout) => {
      if (!matches(layout.name)) return false;
      if (!options.internal && isInternalTopic(layout)) {
        hiddenInternalTopics++;
        return false;
      }
      return true;
    },
  });
  return {
    topics: facts.topics.map((t) => t.summary).sort((a, b) => a.name.localeCompare(b.name)),
    hiddenInternalTopics,
    brokerCount: facts.brokerCount,
    problems: facts.problems,
  };
}
