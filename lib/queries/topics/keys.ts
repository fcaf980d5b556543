/** Query keys of topics: `['clusters', cluster, 'topics', …]`; one topic's are under `topic(cluster, name)`. */
export interface TopicFilters {
  internal: boolean;
}

export const topicKeys = {
  all: (cluster: string) => ['clusters', cluster, 'topics'] as const,
  list: (cluster: string, filters: TopicFilters) => [...topicKeys.all(cluster), 'list', filters] as const,
  topic: (cluster: string, topic: string) => [...topicKeys.all(cluster), 'topic', topic] as const,
  detail: (cluster: string, topic: string) => [...topicKeys.topic(cluster, topic), 'detail'] as const,
  config: (cluster: string, topic: string) => [...topicKeys.topic(cluster, topic), 'config'] as const,
  consumers: (cluster: string, topic: string) => [...topicKeys.topic(cluster, topic), 'consumers'] as const,
  produceOptions: (
    cluster: string,
    topic: string,
    subject: string | undefined,
    version: string | undefined,
  ) => [...topicKeys.topic(cluster, topic), 'produce-options', { subject, version }] as const,
};
