'use client';
import { useQuery } from '@tanstack/react-query';
import type { SubjectDetail } from '@/lib/schemas/subjects';
import { clusterApi, fetchJson } from '../fetch-json';
import { schemaKeys } from './keys';

/** One subject with every version, pretty and canonical. */
export const fetchSubject = (cluster: string, subject: string) =>
  fetchJson<SubjectDetail>(clusterApi(cluster, 'schemas', 'subjects', subject));

export function useSubject(cluster: string, subject: string) {
  return useQuery({
    queryKey: schemaKeys.detail(cluster, subject),
    queryFn: () => fetchSubject(cluster, subject),
  });
}
