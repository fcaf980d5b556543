'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { ErrorCode } from '@/lib/http/errors';
import type { MessagePage, PartitionRange, SearchDoneEvent, SearchEvent } from '@/lib/schemas/messages';
import type { DecodedMessage } from '@/lib/serde/types';
import { ApiError, fetchJson } from './fetch-json';

/**
 * The message browser's data: one page as JSON (plain browsing), a filtered search and a live
 * tail as server-sent events read with fetch (so they can be aborted: closing the stream stops
 * the scan on the server), and the export link.
 */

/** The query parameters the API and the page URL share (see lib/schemas/messages.ts). */
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

export const messageKeys = {
  all: (cluster: string, topic: string) => ['clusters', cluster, 'topics', topic, 'messages'] as const,
  page: (cluster: string, topic: string, query: string) => [...messageKeys.all(cluster, topic), 'page', query] as const,
};

function base(cluster: string, topic: string): string {
  return `/api/clusters/${encodeURIComponent(cluster)}/topics/${encodeURIComponent(topic)}/messages`;
}

export function toQueryString(params: MessageQueryParams, overrides: MessageQueryParams = {}): string {
  const search = new URLSearchParams();
  const merged = { ...params, ...overrides };
  for (const key of MESSAGE_QUERY_KEYS) {
    const v = merged[key];
    if (v !== undefined && v !== '') search.set(key, v);
  }
  return search.toString();
}

export function messagesUrl(cluster: string, topic: string, kind: 'page' | 'search' | 'tail' | 'export', params: MessageQueryParams, overrides?: MessageQueryParams): string {
  const path = kind === 'page' ? base(cluster, topic) : `${base(cluster, topic)}/${kind}`;
  const qs = toQueryString(params, overrides);
  return qs ? `${path}?${qs}` : path;
}

export function useMessagePage(cluster: string, topic: string, params: MessageQueryParams, enabled: boolean) {
  const qs = toQueryString(params);
  return useQuery({
    queryKey: messageKeys.page(cluster, topic, qs),
    queryFn: ({ signal }) => fetchJson<MessagePage>(messagesUrl(cluster, topic, 'page', params), { signal }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
    retry: false,
  });
}

/** Reads a `text/event-stream` body and calls `onEvent` for each `data:` line. */
export async function readEventStream(url: string, signal: AbortSignal, onEvent: (event: SearchEvent) => void): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'text/event-stream' } });
  } catch (error) {
    if (signal.aborted) return;
    throw new ApiError('NETWORK', `the console server could not be reached (${(error as Error).message})`, 0);
  }
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => undefined)) as { error?: { code: ErrorCode; message: string } } | undefined;
    throw new ApiError(body?.error?.code ?? 'INTERNAL', body?.error?.message ?? `the console answered ${response.status}`, response.status);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let cut = buffer.indexOf('\n\n');
      while (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        for (const line of block.split('\n')) {
          if (line.startsWith('data: ')) onEvent(JSON.parse(line.slice(6)) as SearchEvent);
        }
        cut = buffer.indexOf('\n\n');
      }
    }
  } catch (error) {
    if (signal.aborted) return;
    throw error;
  } finally {
    reader.releaseLock();
  }
}

export interface StreamState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  phase: string | null;
  direction: 'forward' | 'backward';
  messages: DecodedMessage[];
  partitions: PartitionRange[];
  total: number;
  scanned: number;
  matched: number;
  ratePerSec: number;
  done: SearchDoneEvent | null;
  error: { code: string; message: string } | null;
}

const initialStream: StreamState = {
  status: 'idle',
  phase: null,
  direction: 'forward',
  messages: [],
  partitions: [],
  total: 0,
  scanned: 0,
  matched: 0,
  ratePerSec: 0,
  done: null,
  error: null,
};

type StreamAction = { type: 'start' } | { type: 'events'; events: SearchEvent[]; keep: number } | { type: 'cancelled' } | { type: 'failed'; error: { code: string; message: string } };

function reduceStream(state: StreamState, action: StreamAction): StreamState {
  switch (action.type) {
    case 'start':
      return { ...initialStream, status: 'running' };
    case 'cancelled':
      return state.status === 'running' ? { ...state, status: 'cancelled' } : state;
    case 'failed':
      return { ...state, status: 'error', error: action.error };
    case 'events': {
      let next = state;
      const added: DecodedMessage[] = [];
      for (const e of action.events) {
        if (e.type === 'message') added.push(e.message);
        else if (e.type === 'phase') next = { ...next, phase: e.message, direction: e.direction ?? next.direction, total: e.total ?? next.total, partitions: e.partitions ?? next.partitions };
        else if (e.type === 'progress') next = { ...next, scanned: e.scanned, total: e.total, matched: e.matched, ratePerSec: e.ratePerSec };
        else if (e.type === 'done')
          next = { ...next, status: e.reason === 'cancelled' ? 'cancelled' : 'done', done: e, scanned: e.scanned, total: e.total, matched: e.matched, ratePerSec: e.ratePerSec };
        else if (e.type === 'error') next = { ...next, status: 'error', error: e.error };
      }
      if (added.length) {
        const all = next.messages.concat(added);
        next = { ...next, messages: all.length > action.keep ? all.slice(all.length - action.keep) : all, matched: Math.max(next.matched, next.messages.length + added.length) };
      }
      return next;
    }
  }
}

/**
 * Runs a search or tail stream while `url` is set; a new url restarts it, null stops it.
 * Events are applied in batches per animation frame, so a fast scan does not re-render per match.
 */
export function useEventStream(url: string | null, keep = 10_000) {
  const [state, dispatch] = useReducer(reduceStream, initialStream);
  const controller = useRef<AbortController | null>(null);
  const [runId, setRunId] = useState(0);

  useEffect(() => {
    if (!url) return;
    const abort = new AbortController();
    controller.current = abort;
    dispatch({ type: 'start' });
    let queue: SearchEvent[] = [];
    let frame: number | null = null;
    const flush = () => {
      frame = null;
      const events = queue;
      queue = [];
      if (events.length) dispatch({ type: 'events', events, keep });
    };
    readEventStream(url, abort.signal, (event) => {
      queue.push(event);
      frame ??= requestAnimationFrame(flush);
    })
      .then(() => {
        if (frame !== null) cancelAnimationFrame(frame);
        flush();
      })
      .catch((error: unknown) => {
        if (frame !== null) cancelAnimationFrame(frame);
        flush();
        const e = error as { code?: string; message?: string };
        dispatch({ type: 'failed', error: { code: e.code ?? 'INTERNAL', message: e.message ?? String(error) } });
      });
    return () => {
      abort.abort();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [url, keep, runId]);

  const cancel = useCallback(() => {
    controller.current?.abort();
    dispatch({ type: 'cancelled' });
  }, []);
  const restart = useCallback(() => setRunId((n) => n + 1), []);
  return { state, cancel, restart };
}
