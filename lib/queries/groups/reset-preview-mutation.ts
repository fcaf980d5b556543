'use client';
import { useMutation } from '@tanstack/react-query';
import type { ResetPreview, ResetPreviewBody } from '@/lib/schemas/groups';
import { clusterApi, fetchJson, postJson } from '../fetch-json';

/** Where an offset reset would move each partition. Reads only: nothing is committed. */
export const previewReset = (cluster: string, group: string, body: ResetPreviewBody) =>
  fetchJson<ResetPreview>(clusterApi(cluster, 'groups', group, 'reset-offsets', 'preview'), postJson(body));

export function usePreviewReset(cluster: string, group: string) {
  return useMutation({ mutationFn: (body: ResetPreviewBody) => previewReset(cluster, group, body) });
}
