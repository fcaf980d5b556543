'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RedriveBody, RedriveJob } from '@/lib/schemas/dlq';
import { clusterApi, fetchJson, postJson } from '../fetch-json';
import { dlqKeys } from './keys';

/** Starts a redrive job (a write: confirmed in the UI, refused on read-only clusters, audited). */
export const startRedrive = (cluster: string, topic: string, body: RedriveBody) =>
  fetchJson<RedriveJob>(clusterApi(cluster, 'dlq', topic, 'redrive'), postJson(body));

export function useStartRedrive(cluster: string, topic: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RedriveBody) => startRedrive(cluster, topic, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: dlqKeys.jobs(cluster, topic) });
    },
  });
}
