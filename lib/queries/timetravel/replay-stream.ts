'use client';
import type { ReplayEvent, ReplayStep, SnapshotInfo } from '@/lib/schemas/timetravel';
import { clusterApi, withQuery } from '../fetch-json';
import { useEventStream } from '../use-event-stream';

/** The replay of one aggregate, streamed: its plan, the steps so far, progress and the end. */

export interface ReplayParams {
  stream?: string;
  topic?: string;
  id: string;
  partitioner?: string;
  fromSnapshot?: boolean;
  target?: string;
}

export interface ReplayData {
  phase: string | null;
  plan: Extract<ReplayEvent, { type: 'plan' }> | null;
  snapshot: SnapshotInfo | null;
  progress: { scanned: number; total: number; matched: number } | null;
  steps: ReplayStep[];
  done: Extract<ReplayEvent, { type: 'done' }> | null;
}

const initial: ReplayData = {
  phase: null,
  plan: null,
  snapshot: null,
  progress: null,
  steps: [],
  done: null,
};

function reduce(data: ReplayData, events: ReplayEvent[]): ReplayData {
  let next = data;
  const steps: ReplayStep[] = [];
  for (const e of events) {
    if (e.type === 'steps') steps.push(...e.steps);
    else if (e.type === 'plan') next = { ...next, plan: e, snapshot: e.snapshot };
    else if (e.type === 'progress')
      next = { ...next, progress: { scanned: e.scanned, total: e.total, matched: e.matched } };
    else if (e.type === 'phase') next = { ...next, phase: e.message };
    else if (e.type === 'done') next = { ...next, done: e };
  }
  return steps.length ? { ...next, steps: next.steps.concat(steps) } : next;
}

export function replayUrl(cluster: string, p: ReplayParams): string {
  return withQuery(clusterApi(cluster, 'timetravel', 'replay'), {
    id: p.id,
    stream: p.stream,
    topic: p.topic,
    partitioner: p.partitioner,
    fromSnapshot: p.fromSnapshot,
    target: p.target,
  });
}

/** Streams a replay while `params` is set; new parameters restart it, `cancel` stops it. */
export function useReplay(cluster: string, params: ReplayParams | null) {
  const stream = useEventStream<ReplayEvent, ReplayData>(params ? replayUrl(cluster, params) : null, {
    initial,
    reduce,
  });
  return { ...stream.data, status: stream.status, error: stream.error, cancel: stream.cancel };
}
