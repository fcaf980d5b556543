'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DeadLetterMessages, DeadLetterSelection } from '@/lib/schemas/dlq';
import { clusterApi, fetchJson, withQuery } from '../fetch-json';
import { dlqKeys } from './keys';

/** The dead letters of a selection (cause, origin, key, time range, filter expression), decoded, oldest first. */
export const fetchDeadLetterMessages = (
  cluster: string,
  topic: string,
  selection: DeadLetterSelection,
  limit: number,
) =>
  fetchJson<DeadLetterMessages>(
    withQuery(clusterApi(cluster, 'dlq', topic, 'messages'), {
      cause: selection.cause,
      origin: selection.originTopic,
      key: selection.key,
      from: selection.from,
      to: selection.to,
      expr: selection.expr,
      limit,
    }),
  );

export function useDeadLetterMessages(
  cluster: string,
  topic: string,
  selection: DeadLetterSelection,
  limit: number,
) {
  return useQuery({
    queryKey: dlqKeys.messages(cluster, topic, selection, limit),
    queryFn: () => fetchDeadLetterMessages(cluster, topic, selection, limit),
    placeholderData: keepPreviousData,
  });
}
