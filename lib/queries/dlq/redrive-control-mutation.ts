'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RedriveJob } from '@/lib/schemas/dlq';
import { clusterApi, fetchJson, postJson } from '../fetch-json';
import { dlqKeys } from './keys';

export type RedriveAction = 'pause' | 'resume' | 'cancel';

/** Pause, resume (also an interrupted job) or cancel a redrive job. */
export const controlRedrive = (cluster: string, topic: string, job: string, action: RedriveAction) =>
  fetchJson<RedriveJob>(clusterApi(cluster, 'dlq', topic, 'jobs', job, action), postJson({}));

export function useControlRedrive(cluster: string, topic: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ job, action }: { job: string; action: RedriveAction }) =>
      controlRedrive(cluster, topic, job, action),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: dlqKeys.jobs(cluster, topic) });
    },
  });
}
