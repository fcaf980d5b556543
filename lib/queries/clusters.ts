'use client';
import { useQuery } from '@tanstack/react-query';
import type { ClusterOverview, ClusterSummary } from '@/lib/schemas/clusters';
import { fetchJson } from './fetch-json';

export const clusterKeys = {
  all: ['clusters'] as const,
  list: () => [...clusterKeys.all, 'list'] as const,
  detail: (id: string) => [...clusterKeys.all, id] as const,
  overview: (id: string) => [...clusterKeys.detail(id), 'overview'] as const,
};

export const fetchClusters = () => fetchJson<{ clusters: ClusterSummary[] }>('/api/clusters');
export const fetchClusterOverview = (id: string) => fetchJson<ClusterOverview>(`/api/clusters/${encodeURIComponent(id)}/overview`);

export function useClusters() {
  return useQuery({ queryKey: clusterKeys.list(), queryFn: fetchClusters, staleTime: 60_000 });
}

export function useClusterOverview(id: string) {
  return useQuery({ queryKey: clusterKeys.overview(id), queryFn: () => fetchClusterOverview(id), refetchInterval: 10_000 });
}
