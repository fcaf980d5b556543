import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { readPartitionRange } from '@/lib/kafka/reader';
import type { DeadLetterTopic, DeadLetterTopicList } from '@/lib/schemas/dlq';
import { isDeadLetterTopicName } from '@/lib/topics/badges';
import { isInternalTopic, readTopicFacts } from '@/lib/topics/topic-facts';
import { hasDeadLetterHeaders } from './read-dead-letter';

/** Topics looked into for dead-letter headers; past this the list relies on names only. */
const MAX_HEADER_CHECKS = 200;

/**
 * Dead-letter topics: by name (`.DLQ`, `-dlq`, `.DLT`, `-dlt`, `dead-letter`), by configuration,
 * and, for any other topic, by the headers of the latest record of its first non-empty partition
 * (one Fetch per topic; a topic whose newest records carry a dead-letter convention is one).
 */
export async function listDeadLetterTopics(cluster: ClusterConfig): Promise<DeadLetterTopicList> {
  const configured = cluster.deadLetters?.topics ?? [];
  const facts = await readTopicFacts(cluster, { select: (layout) => !isInternalTopic(layout) });
  const mapping = cluster.deadLetters?.headerMapping;
  const topics: DeadLetterTopic[] = [];
  const unnamed = [];
  for (const { summary, partitions } of facts.topics) {
    const base = {
      name: summary.name,
      partitionCount: summary.partitionCount,
      messageCount: summary.messageCount,
    };
    if (configured.includes(summary.name)) topics.push({ ...base, detectedBy: 'config' });
    else if (isDeadLetterTopicName(summary.name)) topics.push({ ...base, detectedBy: 'name' });
    else {
      const last = partitions.find(
        (p) => p.high !== null && p.low !== null && BigInt(p.high) > BigInt(p.low),
      );
      if (last) {
        // The last few offsets: the very last may be a transaction marker, which holds no record.
        const from = BigInt(last.high!) - 5n;
        unnamed.push({
          base,
          partition: last.partition,
          offset: from > BigInt(last.low!) ? from : BigInt(last.low!),
        });
      }
    }
  }
  const checks = unnamed.slice(0, MAX_HEADER_CHECKS);
  const found = await Promise.all(
    checks.map(async (c) => {
      try {
        const { records } = await readPartitionRange(cluster, {
          topic: c.base.name,
          partition: c.partition,
          fromOffset: c.offset,
          limit: 5,
          isolation: 'read_uncommitted',
          maxBytes: 262_144,
        });
        return records.some((r) => hasDeadLetterHeaders(r.headers, mapping)) ? c.base : null;
      } catch {
        // A topic deleted meanwhile or an unreadable partition is simply not a dead-letter topic we can show.
        return null;
      }
    }),
  );
  for (const base of found) if (base) topics.push({ ...base, detectedBy: 'headers' });
  return { topics: topics.sort((a, b) => a.name.localeCompare(b.name)), checkedByHeaders: checks.length };
}
