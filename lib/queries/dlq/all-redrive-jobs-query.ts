'use client';
import { useQuery } from '@tanstack/react-query';
import type { RedriveJobOverview } from '@/lib/schemas/dlq';
import { clusterApi, fetchJson } from '../fetch-json';
import { dlqKeys } from './keys';

/** Every redrive job of the cluster with its audit entries; polled while running jobs may move. */
export const fetchAllRedriveJobs = (cluster: string) =>
  fetchJson<RedriveJobOverview>(clusterApi(cluster, 'redrive-jobs'));

export function useAllRedriveJobs(cluster: string) {
  return useQuery({
    queryKey: dlqKeys.allJobs(cluster),
    queryFn: () => fetchAllRedriveJobs(cluster),
    refetchInterval: 5_000,
  });
}
