import 'server-only';
import { getCluster } from '@/lib/config';
import type { EventStreamSummary } from '@/lib/schemas/timetravel';
import { configuredStreams, summarizeStream } from './stream-spec';

/** The event streams configured for a cluster, as the browser may see them. */
export function listEventStreams(clusterId: string): { streams: EventStreamSummary[] } {
  return { streams: configuredStreams(getCluster(clusterId)).map(summarizeStream) };
}
