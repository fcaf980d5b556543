'use client';
import { useQuery } from '@tanstack/react-query';
import type { KeyLookupPage } from '@/lib/schemas/keyindex';
import { clusterApi, fetchJson, withQuery } from '../fetch-json';
import { keyIndexKeys } from './keys';

export const fetchKeyLookup = (cluster: string, topic: string, key: string, after: string | null) =>
  fetchJson<KeyLookupPage>(
    withQuery(clusterApi(cluster, 'key-index', 'lookup'), { topic, key, after, limit: 50 }),
  );

/** One page of a key's messages through the index; nothing is asked without a key. */
export function useKeyLookup(cluster: string, topic: string, key: string, after: string | null) {
  return useQuery({
    queryKey: keyIndexKeys.lookup(cluster, topic, key, after),
    queryFn: () => fetchKeyLookup(cluster, topic, key, after),
    enabled: key !== '' && topic !== '',
  });
}
