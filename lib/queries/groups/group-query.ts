'use client';
import { useQuery } from '@tanstack/react-query';
import type { GroupDetail } from '@/lib/schemas/groups';
import { ApiError } from '../api-error';
import { clusterApi, fetchJson } from '../fetch-json';
import { groupKeys } from './keys';

/**
 * One group: state, members, committed offsets and lag per partition; `null` for a group that
 * does not exist yet. That is an answer, not a failure: a failed query without data goes back to
 * pending on every poll, which would unmount the reset form of a new read model every 5 seconds.
 */
export async function fetchGroupDetail(cluster: string, group: string): Promise<GroupDetail | null> {
  try {
    return await fetchJson<GroupDetail>(clusterApi(cluster, 'groups', group));
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNKNOWN_GROUP') return null;
    throw error;
  }
}

/** Polled while the page is open: every answer is one point of the lag chart. */
export function useGroupDetail(cluster: string, group: string, refetchInterval = 5_000) {
  return useQuery({
    queryKey: groupKeys.detail(cluster, group),
    queryFn: () => fetchGroupDetail(cluster, group),
    refetchInterval,
  });
}
