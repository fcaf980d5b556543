/** Query keys of the message browser: `['clusters', cluster, 'messages', topic, …]`. */
export const messageKeys = {
  all: (cluster: string) => ['clusters', cluster, 'messages'] as const,
  topic: (cluster: string, topic: string) => [...messageKeys.all(cluster), topic] as const,
  page: (cluster: string, topic: string, query: string) =>
    [...messageKeys.topic(cluster, topic), 'page', query] as const,
};
