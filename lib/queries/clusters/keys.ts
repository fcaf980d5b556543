/**
 * Query keys of clusters. The list of clusters is `['clusters']` (no cluster is chosen yet);
 * everything of one cluster is `['clusters', cluster, '<domain>', …]`.
 */
export const clusterKeys = {
  list: () => ['clusters'] as const,
  overview: (cluster: string) => ['clusters', cluster, 'overview'] as const,
};
