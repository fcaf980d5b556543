'use client';
import { useQuery } from '@tanstack/react-query';
import type { ClusterOverview } from '@/lib/schemas/clusters';
import { clusterApi, fetchJson } from '../fetch-json';
import { clusterKeys } from './keys';

/** Brokers, counts and the registry's health of one cluster; polled while the page is open. */
export const fetchClusterOverview = (cluster: string) =>
  fetchJson<ClusterOverview>(clusterApi(cluster, 'overview'));

export function useClusterOverview(cluster: string) {
  return useQuery({
    queryKey: clusterKeys.overview(cluster),
    queryFn: () => fetchClusterOverview(cluster),
    refetchInterval: 10_000,
  });
}
