'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { clusterApi, fetchJson } from '../fetch-json';
import { groupKeys } from './keys';

/** Deletes a group that has no members, with its committed offsets (audited on the server). */
export const deleteGroup = (cluster: string, group: string) =>
  fetchJson<{ group: string; deleted: true }>(clusterApi(cluster, 'groups', group), { method: 'DELETE' });

export function useDeleteGroup(cluster: string, group: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => deleteGroup(cluster, group),
    onSuccess: () => {
      client.removeQueries({ queryKey: groupKeys.detail(cluster, group) });
      return client.invalidateQueries({ queryKey: groupKeys.all(cluster) });
    },
  });
}
