'use client';
import { useQuery } from '@tanstack/react-query';
import type { EventStreamSummary } from '@/lib/schemas/timetravel';
import { clusterApi, fetchJson } from '../fetch-json';
import { timetravelKeys } from './keys';

/** The event streams configured for a cluster (the time-travel form's choices). */
export const fetchEventStreams = (cluster: string) =>
  fetchJson<{ streams: EventStreamSummary[] }>(clusterApi(cluster, 'timetravel', 'streams'));

export function useEventStreams(cluster: string) {
  return useQuery({
    queryKey: timetravelKeys.streams(cluster),
    queryFn: () => fetchEventStreams(cluster),
    staleTime: 60_000,
  });
}
