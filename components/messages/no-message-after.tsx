'use client';
import { Button } from '@/components/ui/button';
import { useMessagePage } from '@/lib/queries/messages/message-page-query';
import { formatElapsed, formatTimestamp } from '@/lib/format';
import type { ParamChanges } from './message-controls';

/**
 * An empty page after a seek by time: every message is older. Says when the newest (and the
 * oldest) message of the topic (or the chosen partition) is, since a quiet topic's last event
 * may be months before the time typed, and offers to go there.
 */
export function NoMessageAfter({
  clusterId,
  topic,
  partition,
  timestamp,
  apply,
}: {
  clusterId: string;
  topic: string;
  partition: string | undefined;
  timestamp: number;
  apply: (changes: ParamChanges) => void;
}) {
  const newest = useMessagePage(clusterId, topic, { partition, start: 'latest', limit: '1' }, true);
  const oldest = useMessagePage(clusterId, topic, { partition, start: 'earliest', limit: '1' }, true);
  const last = newest.data?.messages.at(-1);
  const first = oldest.data?.messages[0];
  const go = (start: 'latest' | 'earliest') => apply({ start, timestamp: undefined, offset: undefined });
  return (
    <div className="space-y-2" data-testid="seek-empty">
      <div>No message at or after {formatTimestamp(timestamp)} UTC: every message is older.</div>
      {newest.isPending || oldest.isPending ? (
        <div className="text-slate-500">finding the newest and oldest message…</div>
      ) : last ? (
        <div className="text-slate-600">
          The newest is from{' '}
          <b className="font-medium text-slate-900" data-testid="seek-newest-time">
            {formatTimestamp(last.timestamp)} UTC
          </b>{' '}
          ({formatElapsed(timestamp - last.timestamp)} before that time)
          {first ? (
            <>
              , the oldest from{' '}
              <span data-testid="seek-oldest-time">{formatTimestamp(first.timestamp)} UTC</span>
            </>
          ) : null}
          .
        </div>
      ) : (
        <div className="text-slate-600">
          The topic holds no messages{partition ? ' in this partition' : ''}.
        </div>
      )}
      {last ? (
        <div className="flex justify-center gap-2">
          <Button size="sm" variant="primary" onClick={() => go('latest')} testId="jump-newest">
            Show the newest
          </Button>
          <Button size="sm" onClick={() => go('earliest')} testId="jump-oldest">
            Show the oldest
          </Button>
        </div>
      ) : null}
    </div>
  );
}
