'use client';
import type { ReplayEvent, ReplayPage, SnapshotInfo } from '@/lib/schemas/timetravel';
import { expandTimeline, type TimelineRow } from '@/lib/timetravel/timeline';
import { clusterApi, withQuery } from '../fetch-json';
import { useEventStream } from '../use-event-stream';

/**
 * The replay of one aggregate, streamed: its plan, progress, the timeline of every event, the
 * page of steps that holds the position asked for, and the end. Other pages come from
 * replay-steps-query.ts as the user moves.
 */

export interface ReplayParams {
  stream?: string;
  topic?: string;
  id: string;
  partitioner?: string;
  fromSnapshot?: boolean;
  target?: string;
  /** For pages: the snapshot the replay started from (the plan says), so pages start from it too. */
  snapshotOffset?: string;
}

export interface ReplayData {
  phase: string | null;
  plan: Extract<ReplayEvent, { type: 'plan' }> | null;
  snapshot: SnapshotInfo | null;
  progress: { scanned: number; total: number; matched: number } | null;
  timeline: TimelineRow[];
  /** The page of steps that held the position the replay was opened at. */
  firstPage: ReplayPage | null;
  done: Extract<ReplayEvent, { type: 'done' }> | null;
}

const initial: ReplayData = {
  phase: null,
  plan: null,
  snapshot: null,
  progress: null,
  timeline: [],
  firstPage: null,
  done: null,
};

function reduce(data: ReplayData, events: ReplayEvent[]): ReplayData {
  let next = data;
  for (const e of events) {
    if (e.type === 'timeline') next = { ...next, timeline: expandTimeline(e.timeline) };
    else if (e.type === 'page') next = { ...next, firstPage: e.page };
    else if (e.type === 'plan') next = { ...next, plan: e, snapshot: e.snapshot };
    else if (e.type === 'progress')
      next = { ...next, progress: { scanned: e.scanned, total: e.total, matched: e.matched } };
    else if (e.type === 'phase') next = { ...next, phase: e.message };
    else if (e.type === 'done') next = { ...next, done: e };
  }
  return next;
}

/** The request's parameters (all but the position), as the steps endpoint and query keys take them. */
export function replayQueryParams(p: ReplayParams) {
  return {
    id: p.id,
    stream: p.stream,
    topic: p.topic,
    partitioner: p.partitioner,
    fromSnapshot: p.fromSnapshot,
    target: p.target,
  };
}

export function replayUrl(cluster: string, p: ReplayParams, at?: string): string {
  return withQuery(clusterApi(cluster, 'timetravel', 'replay'), { ...replayQueryParams(p), at });
}

/**
 * Streams a replay while `params` is set; new parameters restart it, `cancel` stops it. `at` is
 * the position to carry in the first answer; it is read when the replay starts, so moving later
 * fetches pages instead of restarting the replay.
 */
export function useReplay(cluster: string, params: ReplayParams | null, at: string | undefined) {
  const stream = useEventStream<ReplayEvent, ReplayData>(params ? replayUrl(cluster, params, at) : null, {
    initial,
    reduce,
  });
  return { ...stream.data, status: stream.status, error: stream.error, cancel: stream.cancel };
}
