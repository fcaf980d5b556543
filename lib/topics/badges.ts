/**
 * What kind of topic a name and a cleanup policy suggest: the badges of the topics list. Pure.
 *
 * Dead-letter topics are recognised by the suffixes of the common conventions (Spring Kafka's
 * `.DLT` / `-dlt`, the generic `.DLQ` / `-dlq`, `.dead-letter`) and SmallRye's default prefix
 * `dead-letter-topic-`, case-insensitively, plus any names configured for a cluster.
 */

export type TopicBadge = 'dead-letter' | 'snapshot' | 'compacted';

const DEAD_LETTER_NAME = /(?:\.dlq|-dlq|\.dlt|-dlt|\.dead-letter)$|^dead-letter-topic-/i;
const SNAPSHOT_NAME = /[.-]snapshots$/i;

export function isDeadLetterTopicName(name: string, configured: readonly string[] = []): boolean {
  return DEAD_LETTER_NAME.test(name) || configured.includes(name);
}

export function isSnapshotTopicName(name: string): boolean {
  return SNAPSHOT_NAME.test(name);
}

/** `cleanup.policy` is a list: "compact", "delete" or "compact,delete". */
export function isCompacted(cleanupPolicy: string | null | undefined): boolean {
  return (cleanupPolicy ?? '')
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .includes('compact');
}

export function topicBadges(
  topic: { name: string; cleanupPolicy: string | null | undefined },
  deadLetterTopics: readonly string[] = [],
): TopicBadge[] {
  const badges: TopicBadge[] = [];
  if (isDeadLetterTopicName(topic.name, deadLetterTopics)) badges.push('dead-letter');
  if (isSnapshotTopicName(topic.name)) badges.push('snapshot');
  if (isCompacted(topic.cleanupPolicy)) badges.push('compacted');
  return badges;
}
