'use client';
import { useQuery } from '@tanstack/react-query';
import type { TopicConfig } from '@/lib/schemas/topics';
import { clusterApi, fetchJson } from '../fetch-json';
import { topicKeys } from './keys';

/** A topic's configuration entries, with their sources (default, broker, topic override). */
export const fetchTopicConfig = (cluster: string, topic: string) =>
  fetchJson<TopicConfig>(clusterApi(cluster, 'topics', topic, 'config'));

export function useTopicConfig(cluster: string, topic: string) {
  return useQuery({
    queryKey: topicKeys.config(cluster, topic),
    queryFn: () => fetchTopicConfig(cluster, topic),
  });
}
