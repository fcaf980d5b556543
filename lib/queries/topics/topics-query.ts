'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TopicList } from '@/lib/schemas/topics';
import { clusterApi, fetchJson, withQuery } from '../fetch-json';
import { topicKeys, type TopicFilters } from './keys';

/** The whole list (search is applied in the browser, instantly); internal topics on request. */
export const fetchTopics = (cluster: string, filters: TopicFilters) =>
  fetchJson<TopicList>(withQuery(clusterApi(cluster, 'topics'), { internal: filters.internal }));

export function useTopics(cluster: string, filters: TopicFilters) {
  return useQuery({
    queryKey: topicKeys.list(cluster, filters),
    queryFn: () => fetchTopics(cluster, filters),
    refetchInterval: 30_000,
    placeholderData: keepPreviousData,
  });
}
