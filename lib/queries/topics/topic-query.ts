'use client';
import { useQuery } from '@tanstack/react-query';
import type { TopicDetail } from '@/lib/schemas/topics';
import { clusterApi, fetchJson } from '../fetch-json';
import { topicKeys } from './keys';

/** One topic: figures, partitions with leaders, replicas and watermarks. */
export const fetchTopic = (cluster: string, topic: string) =>
  fetchJson<TopicDetail>(clusterApi(cluster, 'topics', topic));

export function useTopic(cluster: string, topic: string) {
  return useQuery({
    queryKey: topicKeys.detail(cluster, topic),
    queryFn: () => fetchTopic(cluster, topic),
    refetchInterval: 15_000,
  });
}
