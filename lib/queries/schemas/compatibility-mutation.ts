'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CompatibilityChanged } from '@/lib/schemas/subjects';
import { clusterApi, fetchJson } from '../fetch-json';
import { schemaKeys } from './keys';

type Level = CompatibilityChanged['after'];

const putJson = (body: unknown): RequestInit => ({
  method: 'PUT',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/**
 * Sets a subject's level (`null` removes it, so the global level applies) or, with `subject`
 * null, the global level. Confirmed in the UI, refused on read-only clusters, audited.
 */
export const setCompatibility = (cluster: string, subject: string | null, level: Level | null) =>
  fetchJson<CompatibilityChanged>(
    subject === null
      ? clusterApi(cluster, 'schemas', 'compatibility')
      : clusterApi(cluster, 'schemas', 'subjects', subject, 'compatibility'),
    putJson({ level }),
  );

export function useSetCompatibility(cluster: string, subject: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (level: Level | null) => setCompatibility(cluster, subject, level),
    // Every verdict "under the subject's level" may change with it.
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: schemaKeys.all(cluster) });
    },
  });
}
