'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SubjectDiff } from '@/lib/schemas/subjects';
import { clusterApi, fetchJson, withQuery } from '../fetch-json';
import { schemaKeys } from './keys';

/** The diff of two versions (default: latest against the one before) with both verdicts and the registry's. */
export const fetchSubjectDiff = (
  cluster: string,
  subject: string,
  from: number | undefined,
  to: number | undefined,
) =>
  fetchJson<SubjectDiff>(
    withQuery(clusterApi(cluster, 'schemas', 'subjects', subject, 'diff'), { from, to }),
  );

export function useSubjectDiff(
  cluster: string,
  subject: string,
  from: number | undefined,
  to: number | undefined,
) {
  return useQuery({
    queryKey: schemaKeys.diff(cluster, subject, from, to),
    queryFn: () => fetchSubjectDiff(cluster, subject, from, to),
    placeholderData: keepPreviousData,
  });
}
