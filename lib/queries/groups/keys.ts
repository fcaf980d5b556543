/** Query keys of consumer groups: `['clusters', cluster, 'groups', …]`. */
export interface GroupFilters {
  q: string;
  system: boolean;
}

export const groupKeys = {
  all: (cluster: string) => ['clusters', cluster, 'groups'] as const,
  list: (cluster: string, filters: GroupFilters) => [...groupKeys.all(cluster), 'list', filters] as const,
  detail: (cluster: string, group: string) => [...groupKeys.all(cluster), 'detail', group] as const,
};
