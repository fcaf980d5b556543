'use client';
import { useQuery } from '@tanstack/react-query';
import type { ClusterSummary } from '@/lib/schemas/clusters';
import { fetchJson } from '../fetch-json';
import { clusterKeys } from './keys';

/** The configured clusters (no secrets: names, read-only flags, registry presence). */
export const fetchClusters = () => fetchJson<{ clusters: ClusterSummary[] }>('/api/clusters');

export function useClusters() {
  return useQuery({ queryKey: clusterKeys.list(), queryFn: fetchClusters, staleTime: 60_000 });
}
