'use client';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { keyIndexStatusSchema } from '@/lib/schemas/keyindex';
import { clusterApi, fetchJson } from '../fetch-json';
import { keyIndexKeys } from './keys';

export type KeyIndexStatus = z.infer<typeof keyIndexStatusSchema>;

export const fetchKeyIndexStatus = (cluster: string) =>
  fetchJson<KeyIndexStatus>(clusterApi(cluster, 'key-index'));

/** Polled every second while the page is open: the figures move while the index builds. */
export function useKeyIndexStatus(cluster: string) {
  return useQuery({
    queryKey: keyIndexKeys.status(cluster),
    queryFn: () => fetchKeyIndexStatus(cluster),
    refetchInterval: 1000,
  });
}
