import { clusterApi } from '../fetch-json';

/**
 * The query parameters the message API and the page URL share (see lib/schemas/messages.ts), and
 * the URLs of the message endpoints built from them.
 */
export const MESSAGE_QUERY_KEYS = [
  'partition',
  'start',
  'offset',
  'timestamp',
  'limit',
  'cursor',
  'key',
  'keyMatch',
  'headerName',
  'headerValue',
  'predicates',
  'expr',
  'maxScan',
] as const;
export type MessageQueryKey = (typeof MESSAGE_QUERY_KEYS)[number];
export type MessageQueryParams = Partial<Record<MessageQueryKey, string>>;

export function toQueryString(params: MessageQueryParams, overrides: MessageQueryParams = {}): string {
  const search = new URLSearchParams();
  const merged = { ...params, ...overrides };
  for (const key of MESSAGE_QUERY_KEYS) {
    const v = merged[key];
    if (v !== undefined && v !== '') search.set(key, v);
  }
  return search.toString();
}

export function messagesUrl(
  cluster: string,
  topic: string,
  kind: 'page' | 'search' | 'tail' | 'export' | 'count',
  params: MessageQueryParams,
  overrides?: MessageQueryParams,
): string {
  const base = clusterApi(cluster, 'topics', topic, 'messages');
  const path = kind === 'page' ? base : `${base}/${kind}`;
  const qs = toQueryString(params, overrides);
  return qs ? `${path}?${qs}` : path;
}
