'use client';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorPanel } from '@/components/ui/error-panel';
import { formatCount, formatElapsed, formatTimestamp, plural } from '@/lib/format';
import { useVerifySnapshot } from '@/lib/queries/timetravel/verify-snapshot-query';
import type { SnapshotInfo } from '@/lib/schemas/timetravel';
import { describeChanges } from '@/lib/timetravel/state-diff';
import { ChangeList } from './change-list';

/** Says that the replay started from a snapshot, and verifies the snapshot against a full replay. */
export function SnapshotPanel({
  cluster,
  stream,
  id,
  snapshot,
  topic,
}: {
  cluster: string;
  stream: string;
  id: string;
  snapshot: SnapshotInfo;
  topic: string;
}) {
  const [verify, setVerify] = useState(false);
  const result = useVerifySnapshot(cluster, stream, id, snapshot.snapshotOffset, verify);
  return (
    <div
      className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950"
      data-testid="snapshot-banner"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          Started from the snapshot covering <span className="font-mono">{topic}</span> partition{' '}
          {snapshot.partition} up to offset{' '}
          <span className="font-mono font-semibold" data-testid="snapshot-covers">
            {snapshot.coversOffset}
          </span>
          {snapshot.version !== null ? <> (version {snapshot.version})</> : null}
          {snapshot.takenAt !== null ? <>, taken {formatTimestamp(snapshot.takenAt, 's')} UTC</> : null}.
          Earlier events were not read.
        </div>
        <Button
          variant="primary"
          size="xs"
          onClick={() => setVerify(true)}
          disabled={verify && result.isFetching}
          testId="verify-snapshot"
        >
          {verify && result.isFetching ? 'Verifying…' : 'Verify snapshot'}
        </Button>
      </div>
      {result.error ? (
        <div className="mt-2">
          <ErrorPanel title="The snapshot could not be verified" error={result.error} />
        </div>
      ) : null}
      {result.data ? (
        <div className="mt-3 space-y-2" data-testid="verify-result">
          {result.data.differences.length === 0 ? (
            <Badge tone="good" testId="verify-ok">
              Matches a full replay of {formatCount(result.data.replayedEvents)} events (
              {formatElapsed(result.data.elapsedMs)})
            </Badge>
          ) : (
            <>
              <Badge tone="bad" testId="verify-mismatch">
                {plural(result.data.differences.length, 'difference')} from a full replay of{' '}
                {formatCount(result.data.replayedEvents)} events
              </Badge>
              <p className="text-xs">Snapshot → replayed state:</p>
              <ChangeList
                changes={describeChanges(result.data.snapshot.state, result.data.replayedState)}
                empty=""
                testId="verify-diff"
              />
            </>
          )}
          {result.data.failedSteps > 0 ? (
            <p className="text-xs text-rose-700">
              {result.data.failedSteps} step(s) of the full replay failed.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
