'use client';
import { useQuery } from '@tanstack/react-query';
import type { RedriveJobList } from '@/lib/schemas/dlq';
import { clusterApi, fetchJson } from '../fetch-json';
import { dlqKeys } from './keys';

/** Redrive jobs of a dead-letter topic, newest first; polled, since other instances may run some. */
export const fetchRedriveJobs = (cluster: string, topic: string) =>
  fetchJson<RedriveJobList>(clusterApi(cluster, 'dlq', topic, 'jobs'));

export function useRedriveJobs(cluster: string, topic: string) {
  return useQuery({
    queryKey: dlqKeys.jobs(cluster, topic),
    queryFn: () => fetchRedriveJobs(cluster, topic),
    refetchInterval: 5_000,
  });
}
