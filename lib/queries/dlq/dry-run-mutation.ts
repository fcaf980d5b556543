'use client';
import { useMutation } from '@tanstack/react-query';
import type { DryRun, DryRunBody } from '@/lib/schemas/dlq';
import { clusterApi, fetchJson, postJson } from '../fetch-json';

/** What a redrive of a selection would send where, and which would fail. Reads only. */
export const dryRunRedrive = (cluster: string, topic: string, body: DryRunBody) =>
  fetchJson<DryRun>(clusterApi(cluster, 'dlq', topic, 'dry-run'), postJson(body));

export function useDryRun(cluster: string, topic: string) {
  return useMutation({ mutationFn: (body: DryRunBody) => dryRunRedrive(cluster, topic, body) });
}
