'use client';
import { useQuery } from '@tanstack/react-query';
import type { DeadLetterTriage } from '@/lib/schemas/dlq';
import { clusterApi, fetchJson } from '../fetch-json';
import { dlqKeys } from './keys';

/** Totals, arrivals and groups of one dead-letter topic. */
export const fetchTriage = (cluster: string, topic: string) =>
  fetchJson<DeadLetterTriage>(clusterApi(cluster, 'dlq', topic));

export function useTriage(cluster: string, topic: string) {
  return useQuery({ queryKey: dlqKeys.triage(cluster, topic), queryFn: () => fetchTriage(cluster, topic) });
}
