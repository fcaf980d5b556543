'use client';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { ApiError, errorFromResponse, networkError } from './api-error';

/**
 * The browser's one reader of server-sent-event streams (message search and live tail,
 * aggregate replay; redrive and usage scans to come).
 *
 * Use:
 * ```ts
 * const search = useEventStream<SearchEvent, SearchData>(url, { initial, reduce });
 * search.status; search.data; search.error; search.cancel(); search.restart();
 * ```
 * - The stream runs while `url` is set; a new url restarts it, null stops it. It is read with
 *   fetch, not EventSource, so that it can be aborted: closing the stream is what stops the scan
 *   on the server and releases its Kafka resources.
 * - `reduce(data, events)` folds a batch of events into the domain's data. Events are batched per
 *   animation frame, so a fast scan re-renders once per frame, not once per match.
 * - The common events are understood here: `{ type: 'error', error: { code, message } }` ends the
 *   stream as failed, and the end of the body ends it as done (unless `reduce` is told it was
 *   cancelled, which a domain can show from its own data).
 * - A failed request before the stream starts is read with the one error-body parser.
 */

export type StreamStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface EventStream<D> {
  status: StreamStatus;
  data: D;
  error: ApiError | null;
  cancel: () => void;
  restart: () => void;
}

/** Splits a `text/event-stream` body into the JSON of its `data:` lines. */
export function parseEventBlocks(buffer: string): { events: unknown[]; rest: string } {
  const events: unknown[] = [];
  let rest = buffer;
  let cut = rest.indexOf('\n\n');
  while (cut >= 0) {
    const block = rest.slice(0, cut);
    rest = rest.slice(cut + 2);
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5))
      .join('\n');
    if (data) events.push(JSON.parse(data));
    cut = rest.indexOf('\n\n');
  }
  return { events, rest };
}

/** Reads a stream at `url` until it ends or `signal` aborts, handing each event to `onEvent`. */
export async function readEventStream(
  url: string,
  signal: AbortSignal,
  onEvent: (event: unknown) => void,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'text/event-stream' } });
  } catch (error) {
    if (signal.aborted) return;
    throw networkError((error as Error).message);
  }
  if (!response.ok || !response.body) throw await errorFromResponse(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const parsed = parseEventBlocks(buffer + value);
      buffer = parsed.rest;
      for (const event of parsed.events) onEvent(event);
    }
  } catch (error) {
    if (signal.aborted) return;
    throw error instanceof ApiError ? error : new ApiError('NETWORK', 'the stream broke off', 0);
  } finally {
    reader.releaseLock();
  }
}

interface State<D> {
  url: string | null;
  status: StreamStatus;
  data: D;
  error: ApiError | null;
}

type Action<E> =
  | { type: 'start'; url: string }
  | { type: 'events'; url: string; events: E[] }
  | { type: 'end'; url: string }
  | { type: 'failed'; url: string; error: ApiError }
  | { type: 'cancelled' };

/** The common failure event of every stream: `{ type: 'error', error: { code, message } }`. */
function failureOf(events: unknown[]): { code: string; message: string } | undefined {
  for (const event of events) {
    const e = event as { type?: unknown; error?: { code: string; message: string } } | null;
    if (e?.type === 'error' && e.error) return e.error;
  }
  return undefined;
}

export function useEventStream<E, D>(
  url: string | null,
  options: { initial: D; reduce: (data: D, events: E[]) => D },
): EventStream<D> {
  // The reducer is rebuilt from the latest options; the stream's own effect only restarts on a new url.
  const { initial, reduce } = options;
  const reducer = useCallback(
    (state: State<D>, action: Action<E>): State<D> => {
      if (action.type === 'start') return { url: action.url, status: 'running', data: initial, error: null };
      if (action.type === 'cancelled')
        return state.status === 'running' ? { ...state, status: 'cancelled' } : state;
      // A late event of a stream that was replaced does not touch the new one.
      if (action.url !== state.url) return state;
      if (action.type === 'failed') return { ...state, status: 'error', error: action.error };
      if (action.type === 'end') return state.status === 'running' ? { ...state, status: 'done' } : state;
      const failure = failureOf(action.events);
      const data = reduce(state.data, action.events);
      if (failure)
        return {
          ...state,
          data,
          status: 'error',
          error: new ApiError(failure.code as ApiError['code'], failure.message, 500),
        };
      return { ...state, data };
    },
    [initial, reduce],
  );
  const [state, dispatch] = useReducer(reducer, { url: null, status: 'idle', data: initial, error: null });
  const controller = useRef<AbortController | null>(null);
  const [runId, setRunId] = useState(0);

  useEffect(() => {
    if (!url) return;
    const abort = new AbortController();
    controller.current = abort;
    dispatch({ type: 'start', url });
    let queue: E[] = [];
    let frame: number | null = null;
    const flush = () => {
      frame = null;
      const events = queue;
      queue = [];
      if (events.length) dispatch({ type: 'events', url, events });
    };
    const settle = () => {
      if (frame !== null) cancelAnimationFrame(frame);
      flush();
    };
    readEventStream(url, abort.signal, (event) => {
      queue.push(event as E);
      frame ??= requestAnimationFrame(flush);
    })
      .then(() => {
        settle();
        if (!abort.signal.aborted) dispatch({ type: 'end', url });
      })
      .catch((error: unknown) => {
        settle();
        dispatch({
          type: 'failed',
          url,
          error: error instanceof ApiError ? error : new ApiError('INTERNAL', String(error), 0),
        });
      });
    return () => {
      abort.abort();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [url, runId]);

  const cancel = useCallback(() => {
    controller.current?.abort();
    dispatch({ type: 'cancelled' });
  }, []);
  const restart = useCallback(() => setRunId((n) => n + 1), []);

  // Until the effect has started the stream of a new url, say "running" with empty data rather
  // than show the previous stream's results for one frame.
  if (!url) return { status: 'idle', data: initial, error: null, cancel, restart };
  if (state.url !== url) return { status: 'running', data: initial, error: null, cancel, restart };
  return { status: state.status, data: state.data, error: state.error, cancel, restart };
}
