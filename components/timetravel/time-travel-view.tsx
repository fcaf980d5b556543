'use client';
import { useMemo, useState, type FormEvent } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Skeleton } from '@/components/ui/skeleton';
import { formatCount, formatDay, formatElapsed, formatTimestamp } from '@/lib/format';
import { useEventStreams } from '@/lib/queries/timetravel/event-streams-query';
import { useReplay, type ReplayParams } from '@/lib/queries/timetravel/replay-stream';
import { useUrlState } from '@/lib/queries/use-url-state';
import type { ReplayStep } from '@/lib/schemas/timetravel';
import { stepAtOffset, stepAtTime } from '@/lib/timetravel/locate-step';
import { applyStateChanges, describeChanges, type State } from '@/lib/timetravel/state-diff';
import { ActivityChart } from './activity-chart';
import { ChangeList } from './change-list';
import { JsonView } from './json-view';
import { SnapshotPanel } from './snapshot-panel';
import { StepDetail } from './step-detail';
import { Timeline } from './timeline';

const OTHER = '__topic';

/** The position of the scrubber in the URL: the offset of the step, or "start" for the state before the first. */
function positionFromParam(param: string | null, steps: readonly ReplayStep[]): number {
  if (param === 'start') return -1;
  if (param && /^\d+$/.test(param)) return stepAtOffset(steps, BigInt(param));
  return steps.length - 1;
}

function positionParam(position: number, steps: readonly ReplayStep[]): string {
  return position < 0 ? 'start' : (steps[position]?.offset ?? 'start');
}

function AggregateForm({ cluster }: { cluster: string }) {
  const { params: search, set } = useUrlState();
  const streams = useEventStreams(cluster);
  const [stream, setStream] = useState(search.get('stream') ?? (search.get('topic') ? OTHER : ''));
  const [topic, setTopic] = useState(search.get('topic') ?? '');
  const [partitioner, setPartitioner] = useState(search.get('partitioner') ?? 'murmur2');
  const [id, setId] = useState(search.get('id') ?? '');
  const chosen = stream || streams.data?.streams[0]?.id || OTHER;
  // Until the configured streams are known, the default choice is not either.
  const loading = streams.isPending && !stream;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!id.trim()) return;
    const other = chosen === OTHER;
    // A new aggregate is a new view: the position and comparison of the last one do not apply.
    set({ topic: other ? topic.trim() : null, partitioner: other ? partitioner : null, stream: other ? null : chosen, id: id.trim() }, { push: true, reset: true });
  };

  const summary = streams.data?.streams.find((s) => s.id === chosen);
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" data-testid="aggregate-form">
      <label className="text-xs font-medium text-slate-600">
        Event stream
        <select
          className="mt-1 block w-48 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          value={chosen}
          disabled={loading}
          onChange={(e) => setStream(e.target.value)}
          data-testid="stream-select"
        >
          {streams.data?.streams.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.topic})
            </option>
          ))}
          <option value={OTHER}>Another topic…</option>
        </select>
      </label>
      {chosen === OTHER ? (
        <>
          <label className="text-xs font-medium text-slate-600">
            Topic
            <input className="mt-1 block w-44 rounded-md border border-slate-300 px-2 py-1.5 text-sm" value={topic} onChange={(e) => setTopic(e.target.value)} data-testid="topic-input" required />
          </label>
          <label className="text-xs font-medium text-slate-600">
            Producer partitioner
            <select className="mt-1 block w-44 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm" value={partitioner} onChange={(e) => setPartitioner(e.target.value)} data-testid="partitioner-select">
              <option value="murmur2">murmur2 (Java client)</option>
              <option value="crc32">CRC32 (librdkafka)</option>
              <option value="scan-all">unknown: scan all</option>
            </select>
          </label>
        </>
      ) : null}
      <label className="text-xs font-medium text-slate-600">
        Aggregate id
        <input
          className="mt-1 block w-56 rounded-md border border-slate-300 px-2 py-1.5 font-mono text-sm"
          value={id}
          onChange={(e) => setId(e.target.value)}
          placeholder="order-000023"
          data-testid="aggregate-id-input"
          required
        />
      </label>
      <button
        type="submit"
        disabled={loading}
        className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50"
        data-testid="rebuild-button"
      >
        Rebuild
      </button>
      {summary ? (
        <p className="basis-full text-xs text-slate-500" data-testid="stream-summary">
          Key = aggregate id ({summary.aggregateIdFrom}) · type from {summary.eventTypeFrom} · partitioner {summary.partitioner} · fold: {summary.fold.description}
          {summary.snapshotTopic ? <> · snapshots in {summary.snapshotTopic}</> : null}
        </p>
      ) : null}
    </form>
  );
}

function Scrubber({
  steps,
  position,
  onMove,
  canStart,
  base,
}: {
  steps: readonly ReplayStep[];
  position: number;
  onMove: (position: number) => void;
  canStart: boolean;
  /** Events before the first step (those a snapshot covers). */
  base: number;
}) {
  const [offset, setOffset] = useState('');
  const [time, setTime] = useState('');
  const min = -1;
  const max = steps.length - 1;
  const step = steps[position];
  const button = 'rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-50 disabled:opacity-40';
  return (
    <div className="space-y-3" data-testid="scrubber">
      <div className="flex items-center gap-2">
        <button type="button" className={button} onClick={() => onMove(min)} disabled={position <= min} title={canStart ? 'The snapshot state' : 'Before the first event'} data-testid="step-start">
          Start
        </button>
        <button type="button" className={button} onClick={() => onMove(Math.max(min, position - 1))} disabled={position <= min} data-testid="step-back">
          ◀ Back
        </button>
        <input
          type="range"
          min={min}
          max={max}
          value={position}
          onChange={(e) => onMove(Number(e.target.value))}
          className="flex-1 accent-sky-600"
          aria-label="Position in the aggregate's history"
          data-testid="scrubber-range"
        />
        <button type="button" className={button} onClick={() => onMove(Math.min(max, position + 1))} disabled={position >= max} data-testid="step-forward">
          Forward ▶
        </button>
        <button type="button" className={button} onClick={() => onMove(max)} disabled={position >= max} title="After the last event" data-testid="step-end">
          End
        </button>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <div data-testid="scrubber-position">
          {step ? (
            <>
              As of event <span className="font-semibold tabular-nums">{base + position + 1}</span>{' '}
              {base > 0 ? `(step ${position + 1} of ${steps.length} after the snapshot)` : `of ${steps.length}`} · offset <span className="font-mono">{step.offset}</span> · {formatTimestamp(step.timestamp, 's')} UTC
            </>
          ) : (
            <>{canStart ? 'As of the snapshot, before the events read' : 'Before the first event'}</>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <form
            className="flex items-center gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              if (/^\d+$/.test(offset)) onMove(stepAtOffset(steps, BigInt(offset)));
            }}
          >
            <input className="w-28 rounded-md border border-slate-300 px-2 py-1 font-mono text-xs" placeholder="offset" value={offset} onChange={(e) => setOffset(e.target.value)} data-testid="goto-offset" />
            <button type="submit" className={button}>
              Go
            </button>
          </form>
          <form
            className="flex items-center gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              const t = Date.parse(`${time}Z`);
              if (!Number.isNaN(t)) onMove(stepAtTime(steps, t));
            }}
          >
            <input type="datetime-local" step={1} className="rounded-md border border-slate-300 px-2 py-1 text-xs" value={time} onChange={(e) => setTime(e.target.value)} data-testid="goto-time" />
            <button type="submit" className={button}>
              Go (UTC)
            </button>
          </form>
        </div>
      </div>
    </div>
  );
}

export function TimeTravelView({ clusterId }: { clusterId: string }) {
  const { params: search, set: setParams } = useUrlState();
  const stream = search.get('stream') ?? undefined;
  const topic = search.get('topic') ?? undefined;
  const id = search.get('id') ?? undefined;
  const fromSnapshot = search.get('snapshot') === '1';
  const target = search.get('target') ?? undefined;
  const partitioner = search.get('partitioner') ?? undefined;

  const params: ReplayParams | null = id && (stream || topic) ? { stream, topic, id, partitioner, fromSnapshot, target } : null;
  const replay = useReplay(clusterId, params);
  const streams = useEventStreams(clusterId);
  const streamSummary = streams.data?.streams.find((s) => s.id === stream);

  const plan = replay.plan;
  const initial = useMemo(() => (plan?.initialState ?? {}) as State, [plan]);
  const states = useMemo(() => {
    const out: State[] = [];
    let state = initial;
    for (const step of replay.steps) out.push((state = applyStateChanges(state, step.changes)));
    return out;
  }, [initial, replay.steps]);

  const steps = replay.steps;
  const position = positionFromParam(search.get('at'), steps);
  const compareParam = search.get('compare');
  const compareAt = compareParam === null ? null : positionFromParam(compareParam, steps);
  const stateAt = (p: number) => (p < 0 ? initial : (states[p] ?? initial));

  const move = (p: number) => setParams({ at: positionParam(p, steps) });

  const current = steps[position];
  const base = replay.snapshot?.version ?? 0;
  const compareChanges = compareAt === null ? [] : describeChanges(stateAt(compareAt), stateAt(position));

  return (
    <div className="space-y-5 p-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Time travel</h1>
        <p className="text-sm text-slate-500">Rebuild an aggregate&apos;s state at any point of its history, event by event. Reads its partition only, with no consumer group.</p>
      </div>
      <Card title="Aggregate">
        <AggregateForm key={`${stream}|${topic}|${id}`} cluster={clusterId} />
      </Card>

      {!params ? (
        <p className="text-sm text-slate-500" data-testid="timetravel-empty">
          Choose a stream and an aggregate id: the record key its events are written with.
          {streams.data?.streams.some((s) => s.id === 'orders') ? (
            <>
              {' '}
              In the demo, <span className="font-mono">order-000023</span> has 1,000 events and a snapshot every 100.
            </>
          ) : null}
        </p>
      ) : null}

      {replay.error ? <ErrorPanel title="The replay failed" message={replay.error.message} code={replay.error.code} testId="replay-error" /> : null}

      {params && replay.status === 'running' ? (
        <div className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm" data-testid="replay-progress">
          <div className="flex-1">
            <div className="mb-1 text-slate-600">{replay.phase ?? 'starting…'}</div>
            <div className="h-1.5 overflow-hidden rounded bg-slate-100">
              <div className="h-full bg-sky-500 transition-all" style={{ width: `${replay.progress && replay.progress.total > 0 ? Math.round((100 * replay.progress.scanned) / replay.progress.total) : 0}%` }} />
            </div>
            {replay.progress ? (
              <div className="mt-1 text-xs tabular-nums text-slate-500">
                {formatCount(replay.progress.scanned)} of {formatCount(replay.progress.total)} records scanned · {formatCount(replay.progress.matched)} events of {id}
              </div>
            ) : null}
          </div>
          <button type="button" onClick={replay.cancel} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50" data-testid="cancel-replay">
            Cancel
          </button>
        </div>
      ) : null}
      {replay.status === 'cancelled' ? <p className="text-sm text-amber-700" data-testid="replay-cancelled">Replay cancelled; {steps.length} events were folded.</p> : null}

      {replay.plan ? (
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600" data-testid="replay-plan">
          <Badge tone="info">{replay.plan.topic}</Badge>
          <span data-testid="plan-partitions">
            {replay.plan.partitions.length === 1
              ? `partition ${replay.plan.partitions[0]} of ${replay.plan.partitionCount} (${replay.plan.partitioner})`
              : `all ${replay.plan.partitionCount} partitions scanned`}
          </span>
          <span>· fold: {replay.plan.fold}</span>
          {replay.done ? (
            <span data-testid="replay-summary">
              · {formatCount(replay.done.steps)} events, {formatCount(replay.done.failed)} failed, {formatCount(replay.done.scanned)} records scanned in {formatElapsed(replay.done.elapsedMs)}
            </span>
          ) : null}
          {streamSummary?.snapshotTopic && !fromSnapshot && replay.status === 'done' ? (
            <button
              type="button"
              onClick={() => setParams({ snapshot: '1', target: current?.offset ?? null }, { push: true })}
              className="ml-auto rounded-md border border-sky-300 bg-white px-3 py-1 text-xs font-medium text-sky-800 hover:bg-sky-50"
              data-testid="start-from-snapshot"
            >
              Start from the nearest snapshot
            </button>
          ) : null}
          {fromSnapshot ? (
            <button
              type="button"
              onClick={() => setParams({ snapshot: null, target: null }, { push: true })}
              className="ml-auto rounded-md border border-slate-300 bg-white px-3 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
              data-testid="full-replay"
            >
              Replay from the first event
            </button>
          ) : null}
        </div>
      ) : null}

      {replay.plan?.notice ? (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900" data-testid="partitioner-notice">
          <span className="flex-1">{replay.plan.notice}</span>
          {steps.length === 0 && replay.status === 'done' ? (
            <button
              type="button"
              onClick={() => setParams({ partitioner: 'scan-all' }, { push: true })}
              className="rounded-md border border-amber-300 bg-white px-3 py-1 text-xs font-medium hover:bg-amber-100"
              data-testid="scan-all"
            >
              Scan all partitions
            </button>
          ) : null}
        </div>
      ) : null}

      {fromSnapshot && replay.plan && !replay.snapshot && replay.status !== 'running' ? (
        <p className="text-sm text-amber-700" data-testid="no-snapshot">No snapshot at or before that point: the replay started from the first event.</p>
      ) : null}
      {replay.snapshot && stream && id && replay.plan ? <SnapshotPanel cluster={clusterId} stream={stream} id={id} snapshot={replay.snapshot} topic={replay.plan.topic} /> : null}

      {params && replay.status === 'done' && steps.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="no-events">
          No events of <span className="font-mono">{id}</span> {replay.snapshot ? 'after the snapshot' : `in ${replay.plan?.topic}`}.
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
            <Scrubber steps={steps} position={position} onMove={move} canStart={!!replay.snapshot} base={base} />
          </Card>
          <div className="grid gap-5 xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
            <div className="space-y-5">
              <Card title={`Timeline (${steps.length} events)`}>
                <Timeline steps={steps} position={position} compareAt={compareAt} onSelect={move} base={base} />
              </Card>
            </div>
            <div className="space-y-5">
              {current ? (
                <StepDetail step={current} number={base + position + 1} before={stateAt(position - 1)} after={stateAt(position)} />
              ) : (
                <Card title={replay.snapshot ? 'State of the snapshot' : 'Before the first event'}>
                  <JsonView value={initial} testId="state-after" />
                </Card>
              )}
              <Card
                title="Compare two points"
                aside={
                  <div className="flex gap-2">
                    <button
                      type="button"
                      className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
                      onClick={() => setParams({ compare: positionParam(position, steps) })}
                      data-testid="compare-pin"
                    >
                      Pin this point
                    </button>
                    {compareAt !== null ? (
                      <button type="button" className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50" onClick={() => setParams({ compare: null })}>
                        Clear
                      </button>
                    ) : null}
                  </div>
                }
                testId="compare-card"
              >
                {compareAt === null ? (
                  <p className="text-sm text-slate-500">Pin a point, then move the scrubber: the difference between the two states shows here.</p>
                ) : (
                  <div className="space-y-2">
                    <p className="text-sm text-slate-600" data-testid="compare-points">
                      From {compareAt < 0 ? 'the start' : `event ${base + compareAt + 1} (offset ${steps[compareAt]?.offset})`} to{' '}
                      {position < 0 ? 'the start' : `event ${base + position + 1} (offset ${current?.offset})`}:
                    </p>
                    <ChangeList changes={compareChanges} empty="The two states are the same." testId="compare-diff" />
                  </div>
                )}
              </Card>
            </div>
          </div>
        </>
      ) : null}
      {params && replay.status === 'running' && !replay.plan ? <Skeleton className="h-40" /> : null}
    </div>
  );
}
