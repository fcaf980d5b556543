'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatedTopic, CreateTopicInput } from '@/lib/schemas/topics';
import { clusterApi, fetchJson, postJson } from '../fetch-json';
import { topicKeys } from './keys';

/** Creates a topic (refused on read-only clusters; audited on the server). */
export const createTopic = (cluster: string, body: CreateTopicInput) =>
  fetchJson<CreatedTopic>(clusterApi(cluster, 'topics'), postJson(body));

export function useCreateTopic(cluster: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTopicInput) => createTopic(cluster, body),
    onSuccess: () => client.invalidateQueries({ queryKey: topicKeys.all(cluster) }),
  });
}
