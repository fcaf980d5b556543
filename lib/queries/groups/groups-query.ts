'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { GroupList } from '@/lib/schemas/groups';
import { clusterApi, fetchJson, withQuery } from '../fetch-json';
import { groupKeys, type GroupFilters } from './keys';

/** The consumer groups of a cluster, searched on the server; system groups on request. */
export const fetchGroups = (cluster: string, filters: GroupFilters) =>
  fetchJson<GroupList>(withQuery(clusterApi(cluster, 'groups'), { q: filters.q, system: filters.system }));

/** Lag moves: polled while the list is open, keeping the last answer while a new search loads. */
export function useGroups(cluster: string, filters: GroupFilters) {
  return useQuery({
    queryKey: groupKeys.list(cluster, filters),
    queryFn: () => fetchGroups(cluster, filters),
    refetchInterval: 10_000,
    placeholderData: keepPreviousData,
  });
}
