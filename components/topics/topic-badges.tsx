import { Badge } from '@/components/ui/badge';
import type { TopicSummary } from '@/lib/schemas/topics';
import { formatCount } from '@/lib/format';

const labels = {
  'dead-letter': {
    text: 'dead letter',
    tone: 'bad',
    hint: 'A dead-letter topic: events a consumer could not process',
  },
  snapshot: { text: 'snapshot', tone: 'info', hint: 'Aggregate snapshots: state and the offset it covers' },
  compacted: {
    text: 'compacted',
    tone: 'neutral',
    hint: 'cleanup.policy includes compact: the latest record per key is kept',
  },
} as const;

export function TopicBadges({
  topic,
}: {
  topic: Pick<TopicSummary, 'badges' | 'internal' | 'underReplicatedPartitions' | 'offlinePartitions'>;
}) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      {topic.badges.map((b) => (
        <span key={b} title={labels[b].hint}>
          <Badge tone={labels[b].tone} testId={`badge-${b}`}>
            {labels[b].text}
          </Badge>
        </span>
      ))}
      {topic.internal ? <Badge testId="badge-internal">internal</Badge> : null}
      {topic.offlinePartitions > 0 ? (
        <Badge tone="bad" testId="badge-offline">
          {formatCount(topic.offlinePartitions)} offline
        </Badge>
      ) : null}
      {topic.underReplicatedPartitions > 0 ? (
        <Badge tone="warn" testId="badge-under-replicated">
          {formatCount(topic.underReplicatedPartitions)} under-replicated
        </Badge>
      ) : null}
    </span>
  );
}
