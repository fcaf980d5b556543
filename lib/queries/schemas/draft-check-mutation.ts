'use client';
import { useMutation } from '@tanstack/react-query';
import type { DraftCheck, DraftInput } from '@/lib/schemas/subjects';
import { clusterApi, fetchJson, postJson } from '../fetch-json';

/** Checks a draft against a subject; writes nothing (a POST because a schema does not fit a URL). */
export const checkDraft = (cluster: string, subject: string, body: DraftInput) =>
  fetchJson<DraftCheck>(clusterApi(cluster, 'schemas', 'subjects', subject, 'check'), postJson(body));

export function useDraftCheck(cluster: string, subject: string) {
  return useMutation({ mutationFn: (body: DraftInput) => checkDraft(cluster, subject, body) });
}
