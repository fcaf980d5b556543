'use client';
import { useMemo, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { formatCount, fromDateTimeInput, toDateTimeInput } from '@/lib/format';
import type { ValuePredicate } from '@/lib/messages/compile-filter';
import type { MessageQueryParams } from '@/lib/queries/messages/message-params';
import type { PartitionRange } from '@/lib/schemas/messages';
import { ExpressionField, expressionProblem } from './expression-field';
import { summarizeFilters } from './filter-summary';
import { PredicateList } from './predicate-list';

export type ParamChanges = Partial<Record<keyof MessageQueryParams | 'tail' | 'open', string | undefined>>;

export function parsePredicates(text: string | undefined): ValuePredicate[] {
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? (parsed as ValuePredicate[]) : [];
  } catch {
    return [];
  }
}

/**
 * Where to read and what to keep. Position controls (start, partition, page size) apply at
 * once; the filters apply on "Search" (or Enter), so typing does not restart a scan per key.
 */
export function MessageControls({
  params,
  partitions,
  tail,
  apply,
  run,
  firstShown,
}: {
  params: MessageQueryParams;
  partitions: PartitionRange[];
  tail: boolean;
  apply: (changes: ParamChanges) => void;
  /** Search: applies the criteria, or runs the search again when they are unchanged. */
  run: (changes: ParamChanges) => void;
  /** Timestamp of the first row shown: where "Timestamp" starts when no time is typed yet. */
  firstShown?: number;
}) {
  const start = params.start ?? (params.offset ? 'offset' : params.timestamp ? 'timestamp' : 'latest');
  const [offset, setOffset] = useState(params.offset ?? '');
  const [time, setTime] = useState(toDateTimeInput(params.timestamp));
  const [key, setKey] = useState(params.key ?? '');
  const [keyMatch, setKeyMatch] = useState(params.keyMatch ?? 'exact');
  const [headerName, setHeaderName] = useState(params.headerName ?? '');
  const [headerValue, setHeaderValue] = useState(params.headerValue ?? '');
  const [predicates, setPredicates] = useState<ValuePredicate[]>(() => parsePredicates(params.predicates));
  const [expr, setExpr] = useState(params.expr ?? '');
  const problem = useMemo(() => expressionProblem(expr), [expr]);
  // The filters beyond the key start open only when the link carries some.
  const [expanded, setExpanded] = useState(
    () => !!(params.headerName || parsePredicates(params.predicates).length || params.expr),
  );

  // When the URL changes from outside the form (a link, Back, Clear), take its values; drafts
  // survive changes of the other controls (start, partition, page size).
  const urlDraft = JSON.stringify([
    params.offset,
    params.timestamp,
    params.key,
    params.keyMatch,
    params.headerName,
    params.headerValue,
    params.predicates,
    params.expr,
  ]);
  const [seenUrlDraft, setSeenUrlDraft] = useState(urlDraft);
  if (urlDraft !== seenUrlDraft) {
    setSeenUrlDraft(urlDraft);
    setOffset(params.offset ?? '');
    setTime(toDateTimeInput(params.timestamp));
    setKey(params.key ?? '');
    setKeyMatch(params.keyMatch ?? 'exact');
    setHeaderName(params.headerName ?? '');
    setHeaderValue(params.headerValue ?? '');
    setPredicates(parsePredicates(params.predicates));
    setExpr(params.expr ?? '');
  }
  const partitionCount = partitions.length;

  const filterChanges = (): ParamChanges => {
    const kept = predicates.filter((p) => p.path.trim() !== '' || p.op === 'exists');
    return {
      key: key || undefined,
      keyMatch: key && keyMatch !== 'exact' ? keyMatch : undefined,
      headerName: headerName || undefined,
      headerValue: headerName ? headerValue : undefined,
      predicates: kept.length ? JSON.stringify(kept) : undefined,
      expr: expr.trim() ? expr : undefined,
    };
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (problem) return;
    const changes: ParamChanges = { ...filterChanges() };
    if (start === 'offset') changes.offset = offset || '0';
    if (start === 'timestamp') changes.timestamp = fromDateTimeInput(time);
    run(changes);
  };

  const clearFilters = () => {
    setKey('');
    setHeaderName('');
    setHeaderValue('');
    setPredicates([]);
    setExpr('');
    apply({
      key: undefined,
      keyMatch: undefined,
      headerName: undefined,
      headerValue: undefined,
      predicates: undefined,
      expr: undefined,
    });
  };

  const advanced = summarizeFilters({
    headerName: params.headerName,
    headerValue: params.headerValue,
    predicates: parsePredicates(params.predicates),
    expr: params.expr,
  });
  // What the results are filtered by now (the URL's filters, not the drafts in the fields).
  const applied = [
    ...(params.key ? [`key ${params.keyMatch === 'prefix' ? 'starts with' : '='} ${params.key}`] : []),
    ...advanced,
  ];

  return (
    <form
      onSubmit={submit}
      className="rounded-lg border border-slate-200 bg-white shadow-sm"
      data-testid="message-controls"
    >
      {/* One row for where to read and the key, the search most people make; the other filters
          fold away (open when the link carries them) so the first rows show on a laptop screen. */}
      <div className="flex flex-wrap items-end gap-x-3 gap-y-2 px-4 py-2.5">
        <Field label="Start at">
          <Select
            controlSize="sm"
            value={start}
            disabled={tail}
            testId="start-mode"
            onChange={(e) => {
              const mode = e.target.value;
              const changes: ParamChanges = { start: mode, offset: undefined, timestamp: undefined };
              if (mode === 'offset') changes.offset = offset || '0';
              // Without a typed time, start at the first row on screen, not at "an hour ago" (a topic may be quiet for months).
              if (mode === 'timestamp')
                changes.timestamp =
                  fromDateTimeInput(time) ?? new Date(firstShown ?? Date.now() - 3600_000).toISOString();
              apply(changes);
            }}
          >
            <option value="latest">Latest (last page)</option>
            <option value="earliest">Earliest</option>
            <option value="offset">Offset</option>
            <option value="timestamp">Timestamp</option>
          </Select>
        </Field>
        {start === 'offset' ? (
          <Field label="Offset">
            <Input
              controlSize="sm"
              mono
              className="w-28"
              inputMode="numeric"
              value={offset}
              disabled={tail}
              onChange={(e) => setOffset(e.target.value.replace(/\D/g, ''))}
              testId="start-offset"
            />
          </Field>
        ) : null}
        {start === 'timestamp' ? (
          <Field label="Time (UTC)">
            <Input
              controlSize="sm"
              mono
              className="w-56"
              value={time}
              disabled={tail}
              onChange={(e) => setTime(e.target.value)}
              placeholder="2025-02-15 19:14:24"
              title="UTC unless the text names a zone; ISO text can be pasted"
              invalid={time.trim() !== '' && fromDateTimeInput(time) === undefined}
              testId="start-timestamp"
            />
          </Field>
        ) : null}
        {start === 'offset' || start === 'timestamp' ? (
          <Button type="submit" size="sm" disabled={tail} testId="seek">
            Seek
          </Button>
        ) : null}
        <Field label="Partition">
          <Select
            controlSize="sm"
            className="max-w-[9rem]"
            value={params.partition ?? 'all'}
            onChange={(e) => apply({ partition: e.target.value === 'all' ? undefined : e.target.value })}
            testId="partition-select"
          >
            <option value="all">All{partitionCount ? ` (${formatCount(partitionCount)})` : ''}</option>
            {partitions.map((p) => (
              <option key={p.partition} value={String(p.partition)}>
                {p.partition} · {formatCount(p.low)}–{formatCount(p.high)}
              </option>
            ))}
            {params.partition &&
            params.partition !== 'all' &&
            !partitions.some((p) => String(p.partition) === params.partition) ? (
              <option value={params.partition}>{params.partition}</option>
            ) : null}
          </Select>
        </Field>
        <Field label="Page size">
          <Select
            controlSize="sm"
            value={params.limit ?? '100'}
            disabled={tail}
            onChange={(e) => apply({ limit: e.target.value === '100' ? undefined : e.target.value })}
            testId="page-size"
          >
            {['20', '50', '100', '250', '500', '1000'].map((n) => (
              <option key={n} value={n}>
                {formatCount(Number(n))}
              </option>
            ))}
          </Select>
        </Field>
        <div className="flex min-w-[14rem] flex-1 items-end gap-1.5">
          <Field label="Key" className="min-w-0 flex-1">
            <Input
              controlSize="sm"
              mono
              className="w-full"
              value={key}
              placeholder="order-000042"
              onChange={(e) => setKey(e.target.value)}
              testId="filter-key"
            />
          </Field>
          <Select
            controlSize="sm"
            aria-label="Key match"
            value={keyMatch}
            onChange={(e) => setKeyMatch(e.target.value as 'exact' | 'prefix')}
            testId="filter-key-match"
          >
            <option value="exact">exact</option>
            <option value="prefix">prefix</option>
          </Select>
        </div>
        <div className="flex items-end gap-1.5">
          <Button
            size="sm"
            variant="quiet"
            aria-expanded={expanded}
            aria-controls="message-filters-more"
            onClick={() => setExpanded(!expanded)}
            testId="filters-toggle"
          >
            {expanded
              ? 'Fewer filters ▴'
              : `More filters${advanced.length ? ` (${formatCount(advanced.length)})` : ''} ▾`}
          </Button>
          <Button
            type="submit"
            variant="primary"
            size="sm"
            className="px-4"
            disabled={!!problem}
            testId="apply-filters"
          >
            Search
          </Button>
        </div>
      </div>

      {expanded ? (
        <div
          id="message-filters-more"
          className="grid gap-3 border-t border-slate-100 px-4 py-3 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]"
          data-testid="filters-more"
        >
          <div className="space-y-3">
            <div className="flex gap-2">
              <Field label="Header" className="flex-1">
                <Input
                  controlSize="sm"
                  mono
                  className="w-full"
                  value={headerName}
                  placeholder="event-type"
                  onChange={(e) => setHeaderName(e.target.value)}
                  testId="filter-header-name"
                />
              </Field>
              <span className="self-end pb-1.5 text-sm text-slate-400">=</span>
              <Field label="Header value" className="flex-1">
                <Input
                  controlSize="sm"
                  mono
                  className="w-full"
                  value={headerValue}
                  placeholder="OrderPaid"
                  onChange={(e) => setHeaderValue(e.target.value)}
                  testId="filter-header-value"
                />
              </Field>
            </div>
            <PredicateList predicates={predicates} onChange={setPredicates} />
          </div>
          <div className="flex flex-col">
            <ExpressionField value={expr} onChange={setExpr} problem={problem} onSubmit={submit} />
            <div className="mt-auto flex justify-end gap-2 pt-3">
              <Button variant="quiet" size="sm" onClick={clearFilters} testId="clear-filters">
                Clear filters
              </Button>
            </div>
          </div>
        </div>
      ) : applied.length ? (
        <div
          className="flex items-center gap-2 border-t border-slate-100 px-4 py-1.5 text-xs text-slate-600"
          data-testid="filter-summary"
        >
          <span className="shrink-0 font-medium uppercase tracking-wide text-slate-500">Filtered by</span>
          <span className="min-w-0 flex-1 truncate font-mono" title={applied.join('\n')}>
            {applied.join(' · ')}
          </span>
          <Button variant="ghost" size="xs" onClick={() => setExpanded(true)} testId="filters-edit">
            Edit
          </Button>
          <Button variant="quiet" size="xs" onClick={clearFilters} testId="clear-filters">
            Clear filters
          </Button>
        </div>
      ) : null}
    </form>
  );
}
