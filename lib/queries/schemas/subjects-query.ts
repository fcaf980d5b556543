'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SubjectList } from '@/lib/schemas/subjects';
import { clusterApi, fetchJson } from '../fetch-json';
import { schemaKeys } from './keys';

/** Every subject (search and type are applied in the browser, instantly). */
export const fetchSubjects = (cluster: string) =>
  fetchJson<SubjectList>(clusterApi(cluster, 'schemas', 'subjects'));

export function useSubjects(cluster: string) {
  return useQuery({
    queryKey: schemaKeys.list(cluster),
    queryFn: () => fetchSubjects(cluster),
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
}
