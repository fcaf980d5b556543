'use client';
import type { MessageStreamData } from '@/lib/queries/messages/message-stream';
import type { KeyLookupPage } from '@/lib/schemas/keyindex';
import type { StreamStatus } from '@/lib/queries/use-event-stream';
import { formatCount, formatElapsed, formatRate } from '@/lib/format';

export function ProgressBar({
  scanned,
  total,
  running,
}: {
  scanned: number;
  total: number;
  running: boolean;
}) {
  const pct = total > 0 ? Math.min(100, (scanned / total) * 100) : running ? 0 : 100;
  return (
    <div
      className="h-1.5 w-40 shrink-0 overflow-hidden rounded-full bg-slate-200"
      role="progressbar"
      aria-valuenow={Math.round(pct)}
      aria-valuemin={0}
      aria-valuemax={100}
      data-testid="scan-progress"
    >
      <div
        className={`h-full rounded-full ${running ? 'bg-sky-600' : 'bg-slate-400'} transition-[width] duration-200`}
        style={{ width: `${pct}%` }}
      />
    </div>
  );
}

type Scan = MessageStreamData & { status: StreamStatus; error: { message: string } | null };

const percent = (scanned: number, total: number) =>
  total > 0 ? Math.min(100, Math.round((scanned / total) * 100)) : 0;

/**
 * The status line of a filtered search (and, below, of a live tail and a key-index lookup). While the page fills: matches and scan progress. Once
 * the page is full, the rest of the range is counted (`count`, a second stream from the page's
 * cursor on), so the line says the true total: "100 shown, 1,234+ matches so far" while it
 * counts, "100 shown of 9,014 matches" when the count reached the end.
 */
export function SearchStatus({ scan: s, count: c }: { scan: Scan; count: Scan | null }) {
  const running = s.status === 'running';
  const pageFull = s.done?.reason === 'limit' && s.done.limitedBy === 'matches';
  if (!pageFull || !c) {
    return (
      <span className="flex min-w-0 items-center gap-3" data-testid="scan-status">
        <ProgressBar scanned={s.scanned} total={s.total} running={running} />
        <span className="whitespace-nowrap tabular-nums">
          <b className="font-semibold text-slate-900" data-testid="scan-matched">
            {formatCount(s.matched)}
          </b>{' '}
          {s.matched === 1 ? 'match' : 'matches'} · scanned{' '}
          <span data-testid="scan-scanned">{formatCount(s.scanned)}</span> / {formatCount(s.total)} (
          {percent(s.scanned, s.total)}%) · {formatRate(s.ratePerSec)}
          {s.status === 'done' && s.done ? ` · ${formatElapsed(s.done.elapsedMs)}` : ''}
        </span>
        <span className="truncate text-slate-500" data-testid="scan-state">
          {running
            ? s.phase
            : s.status === 'cancelled'
              ? 'cancelled'
              : s.done?.reason === 'end'
                ? 'reached the end'
                : s.done?.limitedBy === 'scan'
                  ? 'stopped at the scan limit'
                  : ''}
        </span>
      </span>
    );
  }
  // The count covers what lies after the page; the page's own matches come first.
  const shown = s.matched;
  const counted = shown + c.matched;
  const exact = c.status === 'done' && c.done?.reason === 'end';
  // The page's range holds the count's (from the cursor on): what lies before the cursor is done.
  const total = s.total;
  const scanned = c.total > 0 ? Math.max(0, s.total - c.total) + c.scanned : s.scanned;
  const counting = c.status === 'running';
  return (
    <span className="flex min-w-0 items-center gap-3" data-testid="scan-status">
      <ProgressBar scanned={scanned} total={total} running={counting} />
      <span className="whitespace-nowrap tabular-nums">
        <b className="font-semibold text-slate-900" data-testid="scan-shown">
          {formatCount(shown)}
        </b>{' '}
        shown{exact ? ' of ' : ', '}
        <b className="font-semibold text-slate-900" data-testid="scan-matched">
          {formatCount(counted)}
          {exact ? '' : '+'}
        </b>{' '}
        {counted === 1 ? 'match' : 'matches'}
        {exact ? '' : ' so far'} · scanned <span data-testid="scan-scanned">{formatCount(scanned)}</span> /{' '}
        {formatCount(total)} ({percent(scanned, total)}%)
        {counting ? ` · ${formatRate(c.ratePerSec)}` : ''}
      </span>
      <span className="truncate text-slate-500" data-testid="scan-state">
        {counting
          ? 'page full; counting the matches after it…'
          : c.status === 'cancelled'
            ? 'page full; counting stopped'
            : c.status === 'error'
              ? `page full; the count failed: ${c.error?.message ?? 'unknown error'}`
              : c.done?.limitedBy === 'scan'
                ? 'page full; counted up to the scan limit (Next reads on)'
                : 'page full: Next reads on'}
      </span>
    </span>
  );
}

/** Live tail: what arrived since it started, and whether it has taken the end of every partition yet. */
export function TailStatus({ tail: s }: { tail: Scan }) {
  const running = s.status === 'running';
  return (
    <span className="flex items-center gap-2" data-testid="scan-status">
      <span
        className={`inline-block h-2 w-2 rounded-full ${running ? 'animate-pulse bg-emerald-500' : 'bg-slate-400'}`}
      />
      <span className="tabular-nums">
        Live · <span data-testid="tail-count">{formatCount(s.messages.length)}</span> new message
        {s.messages.length === 1 ? '' : 's'} · {formatCount(Math.max(s.scanned, s.messages.length))} scanned
      </span>
      <span className="text-slate-500" data-testid="tail-state">
        {/* The tail says it is waiting only once it has taken the end of every partition: what is produced from then on shows. */}
        {running
          ? s.phase
            ? `${s.phase}; newest at the bottom`
            : 'finding the end of each partition…'
          : s.status}
      </span>
    </span>
  );
}

/** An exact key answered by the key index: every message of the key, a page of 50 at a time. */
export function IndexLookupStatus({
  lookup: d,
  first,
  fetching,
}: {
  lookup: KeyLookupPage;
  /** How many messages the pages before this one held. */
  first: number;
  fetching: boolean;
}) {
  return (
    <span data-testid="scan-status">
      <b className="font-semibold text-slate-900" data-testid="index-lookup-total">
        {formatCount(d.total)}
      </b>{' '}
      message{d.total === 1 ? '' : 's'} of this key through the key index
      {d.total > 0 ? ` · ${formatCount(first + 1)}–${formatCount(first + d.messages.length)}` : ''} ·{' '}
      {formatElapsed(d.elapsedMs)}
      {d.notIndexed > 0 ? (
        <span className="text-slate-500"> · {formatCount(d.notIndexed)} newest records not indexed yet</span>
      ) : null}
      {fetching ? ' · loading…' : ''}
    </span>
  );
}
