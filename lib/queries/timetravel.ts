'use client';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorCode } from '@/lib/http/errors';
import type { EventStreamSummary, ReplayEvent, ReplayStep, SnapshotInfo, VerifySnapshotResponse } from '@/lib/schemas/timetravel';
import { ApiError, fetchJson } from './fetch-json';

export const timetravelKeys = {
  all: (cluster: string) => ['clusters', cluster, 'timetravel'] as const,
  streams: (cluster: string) => [...timetravelKeys.all(cluster), 'streams'] as const,
  verify: (cluster: string, stream: string, id: string, snapshotOffset?: string) =>
    [...timetravelKeys.all(cluster), 'verify', stream, id, snapshotOffset ?? 'latest'] as const,
};

const base = (cluster: string) => `/api/clusters/${encodeURIComponent(cluster)}/timetravel`;

export const fetchEventStreams = (cluster: string) => fetchJson<{ streams: EventStreamSummary[] }>(`${base(cluster)}/streams`);

export function useEventStreams(cluster: string) {
  return useQuery({ queryKey: timetravelKeys.streams(cluster), queryFn: () => fetchEventStreams(cluster), staleTime: 60_000 });
}

export const fetchVerifySnapshot = (cluster: string, stream: string, id: string, snapshotOffset?: string) => {
  const q = new URLSearchParams({ stream, id });
  if (snapshotOffset !== undefined) q.set('snapshotOffset', snapshotOffset);
  return fetchJson<VerifySnapshotResponse>(`${base(cluster)}/verify-snapshot?${q}`);
};

/** Runs only when `enabled` (the "verify snapshot" button). */
export function useVerifySnapshot(cluster: string, stream: string, id: string, snapshotOffset: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: timetravelKeys.verify(cluster, stream, id, snapshotOffset),
    queryFn: () => fetchVerifySnapshot(cluster, stream, id, snapshotOffset),
    enabled,
    staleTime: 30_000,
    retry: false,
  });
}

export interface ReplayParams {
  stream?: string;
  topic?: string;
  id: string;
  partitioner?: string;
  fromSnapshot?: boolean;
  target?: string;
}

export interface ReplayState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  phase: string | null;
  plan: Extract<ReplayEvent, { type: 'plan' }> | null;
  snapshot: SnapshotInfo | null;
  progress: { scanned: number; total: number; matched: number } | null;
  steps: ReplayStep[];
  done: Extract<ReplayEvent, { type: 'done' }> | null;
  error: ApiError | null;
}

const idle: ReplayState = { status: 'idle', phase: null, plan: null, snapshot: null, progress: null, steps: [], done: null, error: null };

function replayUrl(cluster: string, p: ReplayParams): string {
  const q = new URLSearchParams({ id: p.id });
  if (p.stream) q.set('stream', p.stream);
  if (p.topic) q.set('topic', p.topic);
  if (p.partitioner) q.set('partitioner', p.partitioner);
  if (p.fromSnapshot) q.set('fromSnapshot', 'true');
  if (p.target) q.set('target', p.target);
  return `${base(cluster)}/replay?${q}`;
}

/**
 * Streams a replay (server-sent events over fetch, so it can be cancelled with an AbortController)
 * and accumulates its steps. A change of parameters restarts it; `cancel` stops it.
 */
export function useReplay(cluster: string, params: ReplayParams | null) {
  const key = params ? replayUrl(cluster, params) : null;
  const [state, setState] = useState<ReplayState & { key: string | null }>({ ...idle, key: null });
  const controller = useRef<AbortController | null>(null);

  const cancel = useCallback(() => {
    if (controller.current) {
      controller.current.abort();
      controller.current = null;
      setState((s) => (s.status === 'running' ? { ...s, status: 'cancelled' } : s));
    }
  }, []);

  useEffect(() => {
    if (!key) return;
    const abort = new AbortController();
    controller.current = abort;
    // Every update is for this key; a state left from another key starts over.
    const update = (f: (s: ReplayState) => ReplayState) =>
      setState((prev) => ({ ...f(prev.key === key ? prev : { ...idle, status: 'running' }), key }));
    const fail = (error: ApiError) => update((s) => ({ ...s, status: 'error', error }));
    const steps: ReplayStep[] = [];
    (async () => {
      let response: Response;
      try {
        response = await fetch(key, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
      } catch {
        if (!abort.signal.aborted) fail(new ApiError('NETWORK', 'the console server could not be reached', 0));
        return;
      }
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => undefined)) as { error?: { code: ErrorCode; message: string } } | undefined;
        fail(new ApiError(body?.error?.code ?? 'INTERNAL', body?.error?.message ?? `the console answered ${response.status}`, response.status));
        return;
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const chunk = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const line = chunk.split('\n').find((l) => l.startsWith('data: '));
            if (!line) continue;
            const event = JSON.parse(line.slice(6)) as ReplayEvent;
            if (event.type === 'steps') {
              steps.push(...event.steps);
              const copy = steps.slice();
              update((s) => ({ ...s, steps: copy }));
            } else if (event.type === 'plan') update((s) => ({ ...s, plan: event, snapshot: event.snapshot }));
            else if (event.type === 'progress') update((s) => ({ ...s, progress: { scanned: event.scanned, total: event.total, matched: event.matched } }));
            else if (event.type === 'phase') update((s) => ({ ...s, phase: event.message }));
            else if (event.type === 'done') update((s) => ({ ...s, status: 'done', done: event }));
            else if (event.type === 'error') fail(new ApiError(event.error.code as ErrorCode, event.error.message, 500));
          }
        }
      } catch {
        if (!abort.signal.aborted) fail(new ApiError('NETWORK', 'the replay stream broke off', 0));
      }
    })();
    return () => abort.abort();
  }, [key]);

  const view: ReplayState = !key ? idle : state.key === key ? state : { ...idle, status: 'running' };
  return { ...view, cancel };
}
