import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import type { EventStreamSummary } from '@/lib/schemas/timetravel';
import { configuredStreams, summarizeStream } from './stream-spec';

/** The event streams configured for a cluster, as the browser may see them. */
export function listEventStreams(cluster: ClusterConfig): { streams: EventStreamSummary[] } {
  return { streams: configuredStreams(cluster).map(summarizeStream) };
}
