'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EditRedriveBody, EditRedriveResult } from '@/lib/schemas/dlq';
import { clusterApi, fetchJson, postJson } from '../fetch-json';
import { dlqKeys } from './keys';

/** Resends one dead letter with an edited value (a write: confirmed, reasoned, audited). */
export const editRedrive = (cluster: string, topic: string, body: EditRedriveBody) =>
  fetchJson<EditRedriveResult>(clusterApi(cluster, 'dlq', topic, 'edit-redrive'), postJson(body));

export function useEditRedrive(cluster: string, topic: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EditRedriveBody) => editRedrive(cluster, topic, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: dlqKeys.allJobs(cluster) });
    },
  });
}
