'use client';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { formatCount, formatDay } from '@/lib/format';
import { useEventStreams } from '@/lib/queries/timetravel/event-streams-query';
import { useReplay, type ReplayParams } from '@/lib/queries/timetravel/replay-stream';
import { stateIn, useReplayPage } from '@/lib/queries/timetravel/replay-steps-query';
import { useUrlState } from '@/lib/queries/use-url-state';
import { stepAtTime } from '@/lib/timetravel/locate-step';
import { describeChanges, type State } from '@/lib/timetravel/state-diff';
import { pageOf } from '@/lib/timetravel/timeline';
import { ActivityChart } from './activity-chart';
import { AggregateForm } from './aggregate-form';
import { CompareCard } from './compare-card';
import { JsonView } from './json-view';
import { positionFromParam, positionParam } from './position-param';
import { PartitionerNotice, ReplayPlanBar, ReplayProgress } from './replay-status';
import { Scrubber } from './scrubber';
import { SnapshotPanel } from './snapshot-panel';
import { StepDetail } from './step-detail';
import { Timeline } from './timeline';

/**
 * Aggregate time travel: the form, the replay's progress and plan, and once it is done the
 * activity chart, the scrubber, the timeline, the step and the comparison. Everything that
 * defines the view (aggregate, position, pinned point, snapshot) is in the URL.
 *
 * The replay's answer is the timeline of every event and the page of steps at the position in
 * the URL; the states and diffs of other positions come a page at a time as the user moves
 * (replay-steps-query.ts), the neighbouring pages fetched ahead.
 */
export function TimeTravelView({ clusterId }: { clusterId: string }) {
  const { params: search, set: setParams } = useUrlState();
  const stream = search.get('stream') ?? undefined;
  const topic = search.get('topic') ?? undefined;
  const id = search.get('id') ?? undefined;
  const fromSnapshot = search.get('snapshot') === '1';
  const target = search.get('target') ?? undefined;
  const partitioner = search.get('partitioner') ?? undefined;

  const params: ReplayParams | null = useMemo(
    () => (id && (stream || topic) ? { stream, topic, id, partitioner, fromSnapshot, target } : null),
    [stream, topic, id, partitioner, fromSnapshot, target],
  );
  // The position the replay opens at is read once per replay: moving later fetches pages, it
  // does not restart the replay.
  const replayKey = JSON.stringify(params);
  const atParam = search.get('at') ?? undefined;
  const [opened, setOpened] = useState({ key: replayKey, at: atParam });
  if (opened.key !== replayKey) setOpened({ key: replayKey, at: atParam });
  const replay = useReplay(clusterId, params, opened.key === replayKey ? opened.at : atParam);
  const streams = useEventStreams(clusterId);
  const streamSummary = streams.data?.streams.find((s) => s.id === stream);

  const steps = replay.timeline;
  const initial = useMemo(() => (replay.plan?.initialState ?? {}) as State, [replay.plan]);
  const position = positionFromParam(search.get('at'), steps);
  const compareParam = search.get('compare');
  // A pinned point before the snapshot is not among the steps read: say so rather than drop it.
  const firstOffset = steps[0]?.offset;
  const pinnedBeforeSnapshot =
    !!replay.snapshot &&
    compareParam !== null &&
    /^\d+$/.test(compareParam) &&
    firstOffset !== undefined &&
    BigInt(compareParam) < BigInt(firstOffset);
  const compareAt =
    compareParam === null || pinnedBeforeSnapshot ? null : positionFromParam(compareParam, steps);

  const ends = replay.done?.ends ?? null;
  const snapshotOffset = replay.snapshot?.snapshotOffset;
  const pageParams = useMemo(() => (params ? { ...params, snapshotOffset } : null), [params, snapshotOffset]);
  const lastPage = pageOf(steps.length - 1);
  const page = useReplayPage(
    clusterId,
    pageParams,
    ends,
    ends ? pageOf(position) : null,
    lastPage,
    replay.firstPage,
  );
  const comparePage = useReplayPage(
    clusterId,
    pageParams,
    ends,
    ends && compareAt !== null ? pageOf(compareAt) : null,
    lastPage,
    replay.firstPage,
  );
  /** The state after step p (-1: the initial one), when a page at hand holds it. */
  const stateAt = (p: number): State | undefined =>
    p < 0 ? initial : (stateIn(page.data, p) ?? stateIn(comparePage.data, p));

  const move = (p: number) => setParams({ at: positionParam(p, steps) });
  // From the position the URL holds at the click, not the last render's: on a long history a
  // second click can come before React has drawn the first, and must still move a second step.
  const step = (delta: -1 | 1) => {
    const live = positionFromParam(new URLSearchParams(window.location.search).get('at'), steps);
    move(Math.min(steps.length - 1, Math.max(-1, live + delta)));
  };

  const current = steps[position];
  const currentStep = page.data?.steps[position - page.data.from];
  const before = stateAt(position - 1);
  const after = stateAt(position);
  const base = replay.snapshot?.version ?? 0;
  const compareState = compareAt === null ? undefined : stateAt(compareAt);
  const compareChanges =
    compareAt === null || compareState === undefined || after === undefined
      ? null
      : describeChanges(compareState, after);

  return (
    <div className="space-y-5 p-6">
      <PageHeader
        title="Time travel"
        description="Rebuild an aggregate's state at any point of its history, event by event. Reads its partition only, with no consumer group."
      />
      <Card title="Aggregate">
        <AggregateForm key={`${stream}|${topic}|${id}`} cluster={clusterId} />
      </Card>

      {!params ? (
        <p className="text-sm text-slate-500" data-testid="timetravel-empty">
          Choose a stream and an aggregate id: the record key its events are written with.
          {streams.data?.streams.some((s) => s.id === 'orders') ? (
            <>
              {' '}
              In the demo, <span className="font-mono">order-000023</span> has 1,000 events and a snapshot
              every 100.
            </>
          ) : null}
        </p>
      ) : null}

      {replay.error ? (
        <ErrorPanel title="The replay failed" error={replay.error} testId="replay-error" />
      ) : null}

      {params && replay.status === 'running' ? <ReplayProgress replay={replay} id={id} /> : null}
      {replay.status === 'cancelled' ? (
        <p className="text-sm text-amber-700" data-testid="replay-cancelled">
          Replay cancelled; {formatCount(replay.progress?.matched ?? 0)} events were read.
        </p>
      ) : null}
      <ReplayPlanBar
        replay={replay}
        snapshotTopic={streamSummary?.snapshotTopic}
        fromSnapshot={fromSnapshot}
        currentOffset={current?.offset}
        setParams={setParams}
      />
      {replay.plan?.notice ? (
        <PartitionerNotice
          notice={replay.plan.notice}
          offerScanAll={steps.length === 0 && replay.status === 'done'}
          setParams={setParams}
        />
      ) : null}

      {fromSnapshot && replay.plan && !replay.snapshot && replay.status !== 'running' ? (
        <p className="text-sm text-amber-700" data-testid="no-snapshot">
          No snapshot at or before that point: the replay started from the first event.
        </p>
      ) : null}
      {pinnedBeforeSnapshot ? (
        <Notice
          tone="warn"
          title={`The pinned point (offset ${compareParam}) lies before the snapshot`}
          testId="pin-before-snapshot"
        >
          The replay starts after the snapshot, so that point is not compared.{' '}
          <Button size="xs" onClick={() => setParams({ snapshot: null })} testId="pin-replay-all">
            Replay from the first event
          </Button>{' '}
          <Button size="xs" variant="quiet" onClick={() => setParams({ compare: null })}>
            Unpin
          </Button>
        </Notice>
      ) : null}
      {replay.snapshot && stream && id && replay.plan ? (
        <SnapshotPanel
          cluster={clusterId}
          stream={stream}
          id={id}
          snapshot={replay.snapshot}
          topic={replay.plan.topic}
        />
      ) : null}

      {params && replay.status === 'done' && steps.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="no-events">
          No events of <span className="font-mono">{id}</span>{' '}
          {replay.snapshot ? 'after the snapshot' : `in ${replay.plan?.topic}`}.
        </p>
      ) : null}

      {steps.length > 0 && replay.status !== 'running' ? (
        <>
          <Card title="Activity (events per day, UTC)">
            <ActivityChart
              steps={steps}
              currentDay={current ? formatDay(current.timestamp) : null}
              onPickDay={(day) => move(stepAtTime(steps, Date.parse(`${day}T23:59:59.999Z`)))}
            />
          </Card>
          <Card title="Scrubber">
            <Scrubber
              steps={steps}
              position={position}
              onMove={move}
              onStep={step}
              canStart={!!replay.snapshot}
              base={base}
            />
          </Card>
          <div className="grid gap-5 xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
            <div className="space-y-5">
              <Card title={`Timeline (${formatCount(steps.length)} events)`}>
                <Timeline
                  steps={steps}
                  position={position}
                  compareAt={compareAt}
                  onSelect={move}
                  base={base}
                />
              </Card>
            </div>
            <div className="space-y-5">
              {current && currentStep?.index === position && before && after ? (
                <StepDetail step={currentStep} number={base + position + 1} before={before} after={after} />
              ) : current ? (
                <div data-testid="step-loading">
                  <Skeleton className="h-96" />
                </div>
              ) : (
                <Card title={replay.snapshot ? 'State of the snapshot' : 'Before the first event'}>
                  <JsonView value={initial} testId="state-after" />
                </Card>
              )}
              <CompareCard
                steps={steps}
                base={base}
                position={position}
                compareAt={compareAt}
                changes={compareChanges}
                onPin={() => setParams({ compare: positionParam(position, steps) })}
                onClear={() => setParams({ compare: null })}
              />
            </div>
          </div>
        </>
      ) : null}
      {params && replay.status === 'running' && !replay.plan ? <Skeleton className="h-40" /> : null}
    </div>
  );
}
