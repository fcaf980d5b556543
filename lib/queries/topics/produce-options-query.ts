'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ProduceOptions } from '@/lib/schemas/produce';
import { clusterApi, fetchJson, withQuery } from '../fetch-json';
import { topicKeys } from './keys';

/** What the produce form offers for a topic: partitions, subjects, a template for the chosen version. */
export const fetchProduceOptions = (cluster: string, topic: string, subject?: string, version?: string) =>
  fetchJson<ProduceOptions>(
    withQuery(clusterApi(cluster, 'topics', topic, 'produce', 'options'), { subject, version }),
  );

export function useProduceOptions(cluster: string, topic: string, subject?: string, version?: string) {
  return useQuery({
    queryKey: topicKeys.produceOptions(cluster, topic, subject, version),
    queryFn: () => fetchProduceOptions(cluster, topic, subject, version),
    placeholderData: keepPreviousData,
  });
}
