'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProduceInput, Produced } from '@/lib/schemas/produce';
import { clusterApi, fetchJson, postJson } from '../fetch-json';
import { messageKeys } from '../messages/keys';
import { topicKeys } from './keys';

/** Sends one message (confirmed in the UI, refused on read-only clusters, audited on the server). */
export const produce = (cluster: string, topic: string, body: ProduceInput) =>
  fetchJson<Produced>(clusterApi(cluster, 'topics', topic, 'produce'), postJson(body));

export function useProduce(cluster: string, topic: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ProduceInput) => produce(cluster, topic, body),
    // The topic's figures and its message pages now have one more record.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: topicKeys.topic(cluster, topic) }),
        client.invalidateQueries({ queryKey: messageKeys.topic(cluster, topic) }),
      ]),
  });
}
