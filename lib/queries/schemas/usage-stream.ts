'use client';
import type { SchemaUsageEvent } from '@/lib/schemas/subjects';
import { clusterApi, withQuery } from '../fetch-json';
import { useEventStream } from '../use-event-stream';

/** The usage scan of a topic, streamed: the tally so far, then the versions and replay safety. */

export interface UsageScanParams {
  topic: string;
  part: 'value' | 'key';
  subject?: string;
  sample?: number;
}

export interface UsageScanData {
  phase: string | null;
  progress: Extract<SchemaUsageEvent, { type: 'progress' }> | null;
  done: Extract<SchemaUsageEvent, { type: 'done' }> | null;
}

const initial: UsageScanData = { phase: null, progress: null, done: null };

function reduce(data: UsageScanData, events: SchemaUsageEvent[]): UsageScanData {
  let next = data;
  for (const e of events) {
    if (e.type === 'phase') next = { ...next, phase: e.message };
    else if (e.type === 'progress') next = { ...next, progress: e };
    else if (e.type === 'done') next = { ...next, done: e };
  }
  return next;
}

export function usageScanUrl(cluster: string, p: UsageScanParams): string {
  return withQuery(clusterApi(cluster, 'schemas', 'usage'), {
    topic: p.topic,
    part: p.part,
    subject: p.subject,
    sample: p.sample,
  });
}

/** Runs the scan while `params` is set; new parameters restart it, `cancel` stops it on the server too. */
export function useUsageScan(cluster: string, params: UsageScanParams | null) {
  const stream = useEventStream<SchemaUsageEvent, UsageScanData>(
    params ? usageScanUrl(cluster, params) : null,
    { initial, reduce },
  );
  return {
    ...stream.data,
    status: stream.status,
    error: stream.error,
    cancel: stream.cancel,
    restart: stream.restart,
  };
}
