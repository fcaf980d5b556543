'use client';
import type { RedriveEvent, RedriveJob } from '@/lib/schemas/dlq';
import { clusterApi } from '../fetch-json';
import { useEventStream } from '../use-event-stream';

/** Live state of one redrive job until it ends; null url (no job) stops the stream. */
function reduce(job: RedriveJob | null, events: RedriveEvent[]): RedriveJob | null {
  let next = job;
  for (const e of events) if (e.type === 'job') next = e.job;
  return next;
}

export function useRedriveJobStream(cluster: string, topic: string, jobId: string | null) {
  const url = jobId ? clusterApi(cluster, 'dlq', topic, 'jobs', jobId, 'events') : null;
  return useEventStream<RedriveEvent, RedriveJob | null>(url, { initial: null, reduce });
}
