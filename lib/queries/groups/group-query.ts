'use client';
import { useQuery } from '@tanstack/react-query';
import type { GroupDetail } from '@/lib/schemas/groups';
import { clusterApi, fetchJson } from '../fetch-json';
import { groupKeys } from './keys';

/** One group: state, members, committed offsets and lag per partition. */
export const fetchGroupDetail = (cluster: string, group: string) => fetchJson<GroupDetail>(clusterApi(cluster, 'groups', group));

/** Polled while the page is open: every answer is one point of the lag chart. */
export function useGroupDetail(cluster: string, group: string, refetchInterval = 5_000) {
  return useQuery({ queryKey: groupKeys.detail(cluster, group), queryFn: () => fetchGroupDetail(cluster, group), refetchInterval });
}
