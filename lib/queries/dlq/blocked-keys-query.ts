'use client';
import { useQuery } from '@tanstack/react-query';
import type { BlockedKeys } from '@/lib/schemas/dlq';
import { clusterApi, fetchJson } from '../fetch-json';
import { dlqKeys } from './keys';

/** Keys with later events after a failure; reads the origin partitions, so only when asked. */
export const fetchBlockedKeys = (cluster: string, topic: string) =>
  fetchJson<BlockedKeys>(clusterApi(cluster, 'dlq', topic, 'blocked-keys'));

export function useBlockedKeys(cluster: string, topic: string, enabled: boolean) {
  return useQuery({
    queryKey: dlqKeys.blockedKeys(cluster, topic),
    queryFn: () => fetchBlockedKeys(cluster, topic),
    enabled,
  });
}
