'use client';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { partitionResponseSchema } from '@/lib/schemas/timetravel';
import { clusterApi, fetchJson, withQuery } from '../fetch-json';
import { timetravelKeys } from './keys';

type PartitionAnswer = z.infer<typeof partitionResponseSchema>;

/**
 * The producer partitioner of a topic as judged from a sample of its keyed records (the
 * partition endpoint). The endpoint wants an aggregate id; the judgement is the topic's, so the
 * topic name stands in for one.
 */
export const fetchPartitionerEvidence = (cluster: string, topic: string) =>
  fetchJson<PartitionAnswer>(withQuery(clusterApi(cluster, 'timetravel', 'partition'), { topic, id: topic }));

/** Asked once per topic while `topic` is set; a topic that does not exist simply has no judgement. */
export function usePartitionerEvidence(cluster: string, topic: string | null) {
  return useQuery({
    queryKey: timetravelKeys.partitioner(cluster, topic ?? ''),
    queryFn: () => fetchPartitionerEvidence(cluster, topic!),
    enabled: topic !== null && /^[A-Za-z0-9._-]{1,249}$/.test(topic),
    staleTime: 5 * 60_000,
    retry: false,
  });
}
