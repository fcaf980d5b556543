'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MessagePage } from '@/lib/schemas/messages';
import { fetchJson } from '../fetch-json';
import { messageKeys } from './keys';
import { messagesUrl, toQueryString, type MessageQueryParams } from './message-params';

/** One page of messages as JSON: plain browsing without filters, and a single message by offset. */
export const fetchMessagePage = (
  cluster: string,
  topic: string,
  params: MessageQueryParams,
  signal?: AbortSignal,
) => fetchJson<MessagePage>(messagesUrl(cluster, topic, 'page', params), { signal });

export function useMessagePage(cluster: string, topic: string, params: MessageQueryParams, enabled: boolean) {
  return useQuery({
    queryKey: messageKeys.page(cluster, topic, toQueryString(params)),
    queryFn: ({ signal }) => fetchMessagePage(cluster, topic, params, signal),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
    retry: false,
  });
}
