'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GroupDetail, GroupList, ResetApplyBody, ResetApplyResult, ResetPreview, ResetPreviewBody } from '@/lib/schemas/groups';
import { fetchJson } from './fetch-json';

export const groupKeys = {
  all: (cluster: string) => ['clusters', cluster, 'groups'] as const,
  list: (cluster: string, filters: { q: string; system: boolean }) => [...groupKeys.all(cluster), 'list', filters] as const,
  detail: (cluster: string, group: string) => [...groupKeys.all(cluster), 'detail', group] as const,
};

const base = (cluster: string) => `/api/clusters/${encodeURIComponent(cluster)}/groups`;
const groupUrl = (cluster: string, group: string) => `${base(cluster)}/${encodeURIComponent(group)}`;
const postJson = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const fetchGroups = (cluster: string, filters: { q: string; system: boolean }) => {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.system) params.set('system', 'true');
  const qs = params.toString();
  return fetchJson<GroupList>(`${base(cluster)}${qs ? `?${qs}` : ''}`);
};
export const fetchGroupDetail = (cluster: string, group: string) => fetchJson<GroupDetail>(groupUrl(cluster, group));
export const previewReset = (cluster: string, group: string, body: ResetPreviewBody) => fetchJson<ResetPreview>(`${groupUrl(cluster, group)}/reset-offsets/preview`, postJson(body));
export const applyReset = (cluster: string, group: string, body: ResetApplyBody) => fetchJson<ResetApplyResult>(`${groupUrl(cluster, group)}/reset-offsets`, postJson(body));
export const deleteGroup = (cluster: string, group: string) => fetchJson<{ group: string; deleted: true }>(groupUrl(cluster, group), { method: 'DELETE' });

export function useGroups(cluster: string, filters: { q: string; system: boolean }) {
  return useQuery({ queryKey: groupKeys.list(cluster, filters), queryFn: () => fetchGroups(cluster, filters), refetchInterval: 10_000, placeholderData: keepPreviousData });
}

/** Polled while the page is open: every answer is one point of the lag chart. */
export function useGroupDetail(cluster: string, group: string, refetchInterval = 5_000) {
  return useQuery({ queryKey: groupKeys.detail(cluster, group), queryFn: () => fetchGroupDetail(cluster, group), refetchInterval });
}

export function usePreviewReset(cluster: string, group: string) {
  return useMutation({ mutationFn: (body: ResetPreviewBody) => previewReset(cluster, group, body) });
}

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
