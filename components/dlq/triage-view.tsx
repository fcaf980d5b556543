'use client';
import Link from 'next/link';
import { useState } from 'react';
import { Card } from '@/components/ui/card';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Skeleton } from '@/components/ui/skeleton';
import { Stat, StatList } from '@/components/ui/stat';
import { formatCount, formatTimestamp, MISSING } from '@/lib/format';
import { errorCode } from '@/lib/queries/api-error';
import { useTriage } from '@/lib/queries/dlq/triage-query';
import { useUrlState } from '@/lib/queries/use-url-state';
import type { DeadLetterSelection, RedriveJob } from '@/lib/schemas/dlq';
import { ArrivalsChart } from './arrivals-chart';
import { FilterSelect } from './filter-select';
import { timeTravelHref } from './links';
import { RedriveJobs } from './redrive-jobs';
import { SelectionPanel } from './selection-panel';
import { BlockedKeyTable, CauseTable, KeyTable, OriginTable } from './triage-tables';

const VIEWS = [
  { id: 'causes', label: 'By cause' },
  { id: 'origins', label: 'By origin' },
  { id: 'keys', label: 'By key' },
  { id: 'blocked', label: 'Blocked keys' },
] as const;
type View = (typeof VIEWS)[number]['id'];

const num = (v: string | null) => (v !== null && /^\d+$/.test(v) ? Number(v) : undefined);

/** The selection in the URL: `cause`, `origin`, `key`, `from`, `to`, `expr`. */
function selectionFrom(get: (k: string) => string | null): DeadLetterSelection | null {
  const s: DeadLetterSelection = {};
  if (get('cause') !== null) s.cause = get('cause')!;
  if (get('origin') !== null) s.originTopic = get('origin')!;
  if (get('key') !== null) s.key = get('key')!;
  if (num(get('from')) !== undefined) s.from = num(get('from'));
  if (num(get('to')) !== undefined) s.to = num(get('to'));
  if (get('expr')) s.expr = get('expr')!;
  return Object.keys(s).length ? s : null;
}

function describeSelection(s: DeadLetterSelection): string {
  const parts: string[] = [];
  if (s.cause) parts.push(`cause ${s.cause.length > 90 ? `${s.cause.slice(0, 90)}…` : s.cause}`);
  if (s.originTopic) parts.push(`from ${s.originTopic}`);
  if (s.key) parts.push(`key ${s.key}`);
  if (s.expr) parts.push(`where ${s.expr}`);
  if (s.from !== undefined || s.to !== undefined)
    parts.push(
      `dead-lettered ${s.from !== undefined ? `from ${formatTimestamp(s.from, 's')}` : ''} ${s.to !== undefined ? `to ${formatTimestamp(s.to, 's')}` : ''} UTC`.replace(
        /\s+/g,
        ' ',
      ),
    );
  return parts.join(', ');
}

/** Triage of one dead-letter topic: figures, arrivals, groups; a group opens its messages and a dry run. */
export function TriageView({ clusterId, topic }: { clusterId: string; topic: string }) {
  const triage = useTriage(clusterId, topic);
  const url = useUrlState();
  const view: View = (VIEWS.find((v) => v.id === url.get('view'))?.id ?? 'causes') as View;
  const selection = selectionFrom(url.get);
  const select = (changes: Record<string, string | null>) =>
    url.set(
      { cause: null, origin: null, key: null, from: null, to: null, expr: null, ...changes },
      { push: true },
    );
  const t = triage.data;
  const [started, setStarted] = useState<RedriveJob | null>(null);

  return (
    <div className="mx-auto max-w-7xl space-y-5 p-8">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <div className="text-xs font-medium uppercase tracking-wide text-slate-500">
            <Link href={`/clusters/${clusterId}/dlq`} className="hover:underline">
              Dead letters
            </Link>{' '}
            · cluster {clusterId}
          </div>
          <h1 className="break-all font-mono text-2xl font-semibold tracking-tight" data-testid="dlq-title">
            {topic}
          </h1>
        </div>
        <Link
          href={`/clusters/${clusterId}/topics/${encodeURIComponent(topic)}/messages`}
          className="text-sm text-sky-700 hover:underline"
        >
          Browse its records
        </Link>
      </header>

      {triage.error ? (
        <ErrorPanel
          title="This dead-letter topic could not be read"
          message={triage.error.message}
          code={errorCode(triage.error)}
          testId="triage-error"
        />
      ) : !t ? (
        <Skeleton className="h-64 w-full" />
      ) : (
        <>
          <StatList>
            <Stat
              label="Dead letters"
              value={formatCount(t.total)}
              testId="triage-total"
              hint={t.truncated ? 'The topic holds more; the figures cover the oldest read' : undefined}
            />
            <Stat
              label="Causes"
              value={formatCount(t.causes.length)}
              testId="triage-causes"
              hint="Root-cause class and message, ids and numbers masked"
            />
            <Stat label="Keys" value={formatCount(t.keyCount)} testId="triage-keys" />
            <Stat
              label="Dead-lettered"
              hint="The oldest and the newest dead letter, UTC"
              value={
                // Two times in a card of one figure: smaller, and each time whole on its own line when they wrap.
                <span className="block text-sm leading-snug xl:text-base">
                  {t.oldest === null || t.newest === null ? (
                    MISSING
                  ) : (
                    <>
                      <span className="whitespace-nowrap">{formatTimestamp(t.oldest, 's').slice(0, 16)}</span>{' '}
                      <span className="whitespace-nowrap">
                        → {formatTimestamp(t.newest, 's').slice(0, 16)}
                      </span>
                    </>
                  )}
                </span>
              }
              testId="triage-span"
            />
          </StatList>
          {t.truncated ? (
            <p className="text-sm text-amber-700">
              This topic holds more dead letters than the console reads at once; the figures cover the oldest{' '}
              {formatCount(t.total)}.
            </p>
          ) : null}
          {t.total > 0 && t.withHeaders < t.total ? (
            <p className="text-sm text-amber-700">
              {formatCount(t.total - t.withHeaders)} records carry no dead-letter headers the console knows;
              configure a header mapping for them.
            </p>
          ) : null}

          <FilterSelect
            current={selection?.expr ?? ''}
            onApply={(expr) => url.set({ expr: expr || null }, { push: true })}
          />

          <Card title="Arrivals">
            <ArrivalsChart
              arrivals={t.arrivals}
              onPickRange={(from, to) => select({ from: String(from), to: String(to) })}
            />
          </Card>

          {selection ? (
            <SelectionPanel
              key={JSON.stringify(selection)}
              clusterId={clusterId}
              topic={topic}
              selection={selection}
              describe={describeSelection(selection)}
              onClear={() => select({})}
              onRedriveStarted={setStarted}
              parkingTopic={t.parkingTopic}
            />
          ) : null}

          <RedriveJobs clusterId={clusterId} topic={topic} started={started} />

          <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
            <nav className="flex gap-1 border-b border-slate-100 px-3 pt-2" aria-label="Group dead letters">
              {VIEWS.map((v) => (
                <button
                  key={v.id}
                  type="button"
                  onClick={() => url.set({ view: v.id === 'causes' ? null : v.id })}
                  className={`-mb-px border-b-2 px-3 py-2 text-sm ${view === v.id ? 'border-sky-600 font-medium text-slate-900' : 'border-transparent text-slate-500 hover:text-slate-800'}`}
                  data-testid={`triage-tab-${v.id}`}
                >
                  {v.label}
                </button>
              ))}
            </nav>
            <div className="p-4">
              {view === 'causes' ? (
                <CauseTable
                  causes={t.causes}
                  selected={selection?.cause ?? null}
                  onOpen={(cause) => select({ cause })}
                />
              ) : null}
              {view === 'origins' ? (
                <OriginTable origins={t.origins} onOpen={(origin) => select({ origin })} />
              ) : null}
              {view === 'keys' ? (
                <KeyTable keys={t.keys} keyCount={t.keyCount} onOpen={(key) => select({ key })} />
              ) : null}
              {view === 'blocked' ? (
                <BlockedKeyTable
                  clusterId={clusterId}
                  topic={topic}
                  onOpen={(key) => select({ key })}
                  timeTravelHref={(origin, key) => timeTravelHref(clusterId, origin, key)}
                />
              ) : null}
            </div>
          </section>
        </>
      )}
    </div>
  );
}
