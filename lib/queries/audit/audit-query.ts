'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditPage } from '@/lib/schemas/audit';
import { clusterApi, fetchJson, withQuery } from '../fetch-json';
import { auditKeys } from './keys';

export const fetchAuditEntries = (
  cluster: string,
  filters: { actor?: string; action?: string; q?: string },
) => fetchJson<AuditPage>(withQuery(clusterApi(cluster, 'audit'), filters));

/** The newest audit entries, filtered; refreshed while the page is open. */
export function useAuditEntries(cluster: string, filters: { actor?: string; action?: string; q?: string }) {
  return useQuery({
    queryKey: auditKeys.list(cluster, filters),
    queryFn: () => fetchAuditEntries(cluster, filters),
    refetchInterval: 15_000,
    placeholderData: keepPreviousData,
  });
}
