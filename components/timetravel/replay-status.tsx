'use client';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { formatCount, formatElapsed } from '@/lib/format';
import type { useReplay } from '@/lib/queries/timetravel/replay-stream';
import type { UrlChanges } from '@/lib/queries/use-url-state';

/** What a running, finished or partial replay says about itself, above the timeline. */

type Replay = ReturnType<typeof useReplay>;

/** A running replay: its phase, a progress bar, and Cancel. */
export function ReplayProgress({ replay, id }: { replay: Replay; id: string | undefined }) {
  const pct =
    replay.progress && replay.progress.total > 0
      ? Math.round((100 * replay.progress.scanned) / replay.progress.total)
      : 0;
  return (
    <div
      className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm"
      data-testid="replay-progress"
    >
      <div className="flex-1">
        <div className="mb-1 text-slate-600">{replay.phase ?? 'starting…'}</div>
        <div className="h-1.5 overflow-hidden rounded bg-slate-100">
          <div className="h-full bg-sky-500 transition-all" style={{ width: `${pct}%` }} />
        </div>
        {replay.progress ? (
          <div className="mt-1 text-xs tabular-nums text-slate-500">
            {formatCount(replay.progress.scanned)} of {formatCount(replay.progress.total)} records scanned ·{' '}
            {formatCount(replay.progress.matched)} events of {id}
          </div>
        ) : null}
      </div>
      <Button onClick={replay.cancel} testId="cancel-replay">
        Cancel
      </Button>
    </div>
  );
}

/**
 * The plan and the outcome: which partitions were read, the fold, the counts; and the switch
 * between a replay from the nearest snapshot and one from the first event.
 */
export function ReplayPlanBar({
  replay,
  snapshotTopic,
  fromSnapshot,
  currentOffset,
  setParams,
}: {
  replay: Replay;
  snapshotTopic: string | null | undefined;
  fromSnapshot: boolean;
  currentOffset: string | undefined;
  setParams: (changes: UrlChanges, options?: { push?: boolean }) => void;
}) {
  const plan = replay.plan;
  if (!plan) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600" data-testid="replay-plan">
      <Badge tone="info">{plan.topic}</Badge>
      <span data-testid="plan-partitions">
        {plan.partitions.length === 1
          ? `partition ${plan.partitions[0]} of ${formatCount(plan.partitionCount)} (${plan.partitioner})`
          : `all ${formatCount(plan.partitionCount)} partitions scanned`}
      </span>
      <span>· fold: {plan.fold}</span>
      {replay.done ? (
        <span data-testid="replay-summary">
          · {formatCount(replay.done.steps)} events, {formatCount(replay.done.failed)} failed,{' '}
          {formatCount(replay.done.scanned)} records scanned in {formatElapsed(replay.done.elapsedMs)}
        </span>
      ) : null}
      {snapshotTopic && !fromSnapshot && replay.status === 'done' ? (
        <Button
          size="xs"
          className="ml-auto"
          onClick={() => setParams({ snapshot: '1', target: currentOffset ?? null }, { push: true })}
          testId="start-from-snapshot"
        >
          Start from the nearest snapshot
        </Button>
      ) : null}
      {fromSnapshot ? (
        <Button
          size="xs"
          className="ml-auto"
          onClick={() => setParams({ snapshot: null, target: null }, { push: true })}
          testId="full-replay"
        >
          Replay from the first event
        </Button>
      ) : null}
    </div>
  );
}

/** The partitioner could not place the key: say so, and offer to read every partition. */
export function PartitionerNotice({
  notice,
  offerScanAll,
  setParams,
}: {
  notice: string;
  offerScanAll: boolean;
  setParams: (changes: UrlChanges, options?: { push?: boolean }) => void;
}) {
  return (
    <Notice testId="partitioner-notice">
      <div className="flex flex-wrap items-center gap-3">
        <span className="flex-1">{notice}</span>
        {offerScanAll ? (
          <Button
            size="xs"
            onClick={() => setParams({ partitioner: 'scan-all' }, { push: true })}
            testId="scan-all"
          >
            Scan all partitions
          </Button>
        ) : null}
      </div>
    </Notice>
  );
}
