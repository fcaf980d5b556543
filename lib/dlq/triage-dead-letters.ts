import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import type { DeadLetterTriage } from '@/lib/schemas/dlq';
import { readDeadLetterTopic } from './read-dead-letter-topic';
import { summarizeDeadLetters } from './summarize-dead-letters';

/** Totals, arrivals over time and groups by cause, origin and key of one dead-letter topic. */
export async function triageDeadLetters(
  cluster: ClusterConfig,
  topic: string,
  signal?: AbortSignal,
): Promise<DeadLetterTriage> {
  const { letters, truncated } = await readDeadLetterTopic(cluster, topic, { signal });
  return {
    ...summarizeDeadLetters(topic, letters, truncated),
    parkingTopic: cluster.deadLetters?.parkingTopic ?? null,
  };
}
