'use client';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ReplayPage, ReplayStep } from '@/lib/schemas/timetravel';
import { applyStateChanges, type State } from '@/lib/timetravel/state-diff';
import { REPLAY_PAGE_SIZE } from '@/lib/timetravel/timeline';
import { clusterApi, fetchJson, withQuery } from '../fetch-json';
import { timetravelKeys } from './keys';
import { replayQueryParams, type ReplayParams } from './replay-stream';

/**
 * Pages of a replay's steps (decoded event, upcast, changes) and the states they lead to, fetched
 * as the user moves through the history. A page of a replay never changes (it is named by the end
 * offsets the replay read to), so pages are kept for the session and the neighbours of the page
 * in view are fetched ahead, so stepping and scrubbing find them there.
 */

export const fetchReplayPage = (cluster: string, params: ReplayParams, ends: string, page: number) =>
  fetchJson<ReplayPage>(
    withQuery(clusterApi(cluster, 'timetravel', 'steps'), {
      ...replayQueryParams(params),
      snapshot: params.snapshotOffset,
      ends,
      from: page * REPLAY_PAGE_SIZE,
      count: REPLAY_PAGE_SIZE,
    }),
  );

/** A page with the state after each of its steps, rebuilt from the changes (as they are applied forward). */
export interface LoadedPage {
  from: number;
  before: State;
  steps: ReplayStep[];
  states: State[];
}

function loaded(page: ReplayPage): LoadedPage {
  const before = (page.before ?? {}) as State;
  const states: State[] = [];
  let state = before;
  for (const step of page.steps) states.push((state = applyStateChanges(state, step.changes)));
  return { from: page.from, before, steps: page.steps, states };
}

/** The state after step `position` (-1: before the first) if the page holds it. */
export function stateIn(page: LoadedPage | undefined, position: number): State | undefined {
  if (!page) return undefined;
  if (position === page.from - 1) return page.before;
  return page.states[position - page.from];
}

function replayKeyOf(params: ReplayParams): string {
  return JSON.stringify({ ...replayQueryParams(params), snapshot: params.snapshotOffset });
}

/**
 * The page `page` of the replay that read to `ends`, while both are known; `first` is the page the
 * replay's stream carried, taken as it is. Keeps the last page on screen while the next
 * loads, and fetches the pages either side once this one is there.
 */
export function useReplayPage(
  cluster: string,
  params: ReplayParams | null,
  ends: string | null,
  page: number | null,
  lastPage: number,
  first: ReplayPage | null,
) {
  const client = useQueryClient();
  const replay = params ? replayKeyOf(params) : '';
  const query = useQuery({
    queryKey: timetravelKeys.steps(cluster, replay, ends ?? '', page ?? -1),
    queryFn: () => fetchReplayPage(cluster, params!, ends!, page!),
    enabled: params !== null && ends !== null && page !== null,
    staleTime: Infinity,
    gcTime: 10 * 60_000,
    placeholderData: keepPreviousData,
    // The page the stream carried is this query's data from the start: no request for it.
    initialData: first && page !== null && first.from === page * REPLAY_PAGE_SIZE ? first : undefined,
    select: loaded,
  });
  const ready = query.data !== undefined && !query.isPlaceholderData;
  useEffect(() => {
    if (!ready || params === null || ends === null || page === null) return;
    for (const p of [page + 1, page - 1])
      if (p >= 0 && p <= lastPage)
        void client.prefetchQuery({
          queryKey: timetravelKeys.steps(cluster, replay, ends, p),
          queryFn: () => fetchReplayPage(cluster, params, ends, p),
          staleTime: Infinity,
        });
  }, [ready, client, cluster, replay, ends, page, lastPage, params]);
  return query;
}
