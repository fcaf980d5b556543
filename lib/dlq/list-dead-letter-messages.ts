import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import type { DeadLetterMessages, DeadLetterSelection } from '@/lib/schemas/dlq';
import { createMessageDecoder } from '@/lib/serde/decode-message';
import { readDeadLetterTopic } from './read-dead-letter-topic';
import { selectDeadLetters } from './select-dead-letters';

/** The dead letters of a selection (a cause group, an origin, a key, a time range), decoded, oldest first. */
export async function listDeadLetterMessages(
  cluster: ClusterConfig,
  topic: string,
  selection: DeadLetterSelection,
  limit: number,
  signal?: AbortSignal,
): Promise<DeadLetterMessages> {
  const { letters } = await readDeadLetterTopic(cluster, topic, { signal });
  const selected = (await selectDeadLetters(cluster, topic, letters, selection)).sort(
    (a, b) => a.timestamp - b.timestamp || a.partition - b.partition || Number(a.offset - b.offset),
  );
  const decoder = createMessageDecoder(cluster);
  const messages = await Promise.all(
    selected.slice(0, limit).map(async (l) => {
      const decoded = await decoder.decode(topic, l.record);
      return {
        partition: l.partition,
        offset: l.offset.toString(),
        timestamp: l.timestamp,
        key: l.key,
        info: l.info,
        value: decoded.value,
        headers: decoded.headers,
      };
    }),
  );
  return { matched: selected.length, messages };
}
