'use client';
import { useQuery } from '@tanstack/react-query';
import type { VerifySnapshotResponse } from '@/lib/schemas/timetravel';
import { clusterApi, fetchJson, withQuery } from '../fetch-json';
import { timetravelKeys } from './keys';

/** Replays an aggregate from its first event and compares the result with a snapshot. */
export const fetchVerifySnapshot = (cluster: string, stream: string, id: string, snapshotOffset?: string) =>
  fetchJson<VerifySnapshotResponse>(
    withQuery(clusterApi(cluster, 'timetravel', 'verify-snapshot'), { stream, id, snapshotOffset }),
  );

/** Runs only when `enabled` (the "verify snapshot" button): a full replay is not free. */
export function useVerifySnapshot(
  cluster: string,
  stream: string,
  id: string,
  snapshotOffset: string | undefined,
  enabled: boolean,
) {
  return useQuery({
    queryKey: timetravelKeys.verify(cluster, stream, id, snapshotOffset),
    queryFn: () => fetchVerifySnapshot(cluster, stream, id, snapshotOffset),
    enabled,
    staleTime: 30_000,
    retry: false,
  });
}
