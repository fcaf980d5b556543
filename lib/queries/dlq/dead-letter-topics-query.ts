'use client';
import { useQuery } from '@tanstack/react-query';
import type { DeadLetterTopicList } from '@/lib/schemas/dlq';
import { clusterApi, fetchJson } from '../fetch-json';
import { dlqKeys } from './keys';

/** The dead-letter topics of a cluster: by name, by configuration and by headers. */
export const fetchDeadLetterTopics = (cluster: string) =>
  fetchJson<DeadLetterTopicList>(clusterApi(cluster, 'dlq'));

export function useDeadLetterTopics(cluster: string) {
  return useQuery({
    queryKey: dlqKeys.topics(cluster),
    queryFn: () => fetchDeadLetterTopics(cluster),
    refetchInterval: 30_000,
  });
}
