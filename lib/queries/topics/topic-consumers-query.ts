'use client';
import { useQuery } from '@tanstack/react-query';
import type { TopicConsumers } from '@/lib/schemas/topics';
import { clusterApi, fetchJson } from '../fetch-json';
import { topicKeys } from './keys';

/** The groups that committed offsets on a topic, with their lag. */
export const fetchTopicConsumers = (cluster: string, topic: string) =>
  fetchJson<TopicConsumers>(clusterApi(cluster, 'topics', topic, 'consumers'));

/** Lag moves: polled while the tab is open. */
export function useTopicConsumers(cluster: string, topic: string) {
  return useQuery({
    queryKey: topicKeys.consumers(cluster, topic),
    queryFn: () => fetchTopicConsumers(cluster, topic),
    refetchInterval: 10_000,
  });
}
