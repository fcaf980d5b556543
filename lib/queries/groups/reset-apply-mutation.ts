'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ResetApplyBody, ResetApplyResult } from '@/lib/schemas/groups';
import { clusterApi, fetchJson, postJson } from '../fetch-json';
import { groupKeys } from './keys';

/** Commits the previewed offsets of a group that is not running (audited on the server). */
export const applyReset = (cluster: string, group: string, body: ResetApplyBody) =>
  fetchJson<ResetApplyResult>(clusterApi(cluster, 'groups', group, 'reset-offsets'), postJson(body));

export function useApplyReset(cluster: string, group: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ResetApplyBody) => applyReset(cluster, group, body),
    // Not awaited: the caller's own onSuccess must run before the refetch re-renders the page
    // (a new group appearing replaces the form that asked).
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: groupKeys.all(cluster) });
    },
  });
}
