'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { clusterApi, fetchJson, postJson } from '../fetch-json';
import { keyIndexKeys } from './keys';
import type { KeyIndexStatus } from './status-query';

export type KeyIndexAction = 'rebuild' | 'pause' | 'resume';

/** Rebuild, pause or resume the index (an admin write, audited on the server). */
export const runKeyIndexAction = (cluster: string, action: KeyIndexAction, topic?: string) =>
  fetchJson<KeyIndexStatus>(clusterApi(cluster, 'key-index', action), postJson(topic ? { topic } : {}));

export function useKeyIndexAction(cluster: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, topic }: { action: KeyIndexAction; topic?: string }) =>
      runKeyIndexAction(cluster, action, topic),
    onSuccess: (status) => client.setQueryData(keyIndexKeys.status(cluster), status),
  });
}
