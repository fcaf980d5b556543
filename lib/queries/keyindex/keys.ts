/** Query keys of the key index: `['clusters', cluster, 'key-index', …]`. */
export const keyIndexKeys = {
  all: (cluster: string) => ['clusters', cluster, 'key-index'] as const,
  status: (cluster: string) => [...keyIndexKeys.all(cluster), 'status'] as const,
  lookup: (cluster: string, topic: string, key: string, after: string | null) =>
    [...keyIndexKeys.all(cluster), 'lookup', topic, key, after] as const,
};
