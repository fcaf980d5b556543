'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DraftInput, Registered } from '@/lib/schemas/subjects';
import { clusterApi, fetchJson, postJson } from '../fetch-json';
import { schemaKeys } from './keys';

/** Registers a schema as the subject's next version (confirmed in the UI, refused on read-only clusters, audited). */
export const registerSchema = (cluster: string, subject: string, body: DraftInput & { confirm: string }) =>
  fetchJson<Registered>(clusterApi(cluster, 'schemas', 'subjects', subject, 'versions'), postJson(body));

export function useRegisterSchema(cluster: string, subject: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DraftInput & { confirm: string }) => registerSchema(cluster, subject, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: schemaKeys.all(cluster) });
    },
  });
}
