'use client';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { PREDICATE_OPERATORS, type PredicateOperator, type ValuePredicate } from '@/lib/messages/compile-filter';
import { FilterSyntaxError, parseFilterExpression } from '@/lib/messages/filter-expression';
import type { MessageQueryParams } from '@/lib/queries/messages/message-params';
import type { PartitionRange } from '@/lib/schemas/messages';
import { fromDateTimeInput, toDateTimeInput } from '@/lib/format';

export type ParamChanges = Partial<Record<keyof MessageQueryParams | 'tail' | 'open', string | undefined>>;

const input =
  'h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-sm focus:border-sky-500 focus:outline-none focus:ring-1 focus:ring-sky-500 disabled:bg-slate-100 disabled:text-slate-400';
const label = 'mb-1 block text-[11px] font-medium uppercase tracking-wide text-slate-500';

function Field({ title, children, className = '' }: { title: string; children: ReactNode; className?: string }) {
  return (
    <label className={`block ${className}`}>
      <span className={label}>{title}</span>
      {children}
    </label>
  );
}

export function parsePredicates(text: string | undefined): ValuePredicate[] {
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? (parsed as ValuePredicate[]) : [];
  } catch {
    return [];
  }
}

/** Validates an expression in the browser with the server's own parser, for instant feedback. */
function expressionProblem(text: string): { reason: string; position: number } | null {
  if (text.trim() === '') return null;
  try {
    parseFilterExpression(text);
    return null;
  } catch (error) {
    if (error instanceof FilterSyntaxError) return { reason: error.reason, position: error.position };
    return { reason: String(error), position: 0 };
  }
}

const OP_LABELS: Record<PredicateOperator, string> = {
  '=': '=',
  '!=': '≠',
  '>': '>',
  '>=': '≥',
  '<': '<',
  '<=': '≤',
  contains: 'contains',
  startsWith: 'starts with',
  exists: 'exists',
  in: 'in (a, b, …)',
};

/**
 * Where to read and what to keep. Position controls (start, partition, page size) apply at
 * once; the filters apply on "Search" (or Enter), so typing does not restart a scan per key.
 */
export function MessageControls({
  params,
  partitions,
  tail,
  apply,
}: {
  params: MessageQueryParams;
  partitions: PartitionRange[];
  tail: boolean;
  apply: (changes: ParamChanges) => void;
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

  // When the URL changes from outside the form (a link, Back, Clear), take its values; drafts
  // survive changes of the other controls (start, partition, page size).
  const urlDraft = JSON.stringify([params.offset, params.timestamp, params.key, params.keyMatch, params.headerName, params.headerValue, params.predicates, params.expr]);
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
    apply(changes);
  };

  const clearFilters = () => {
    setKey('');
    setHeaderName('');
    setHeaderValue('');
    setPredicates([]);
    setExpr('');
    apply({ key: undefined, keyMatch: undefined, headerName: undefined, headerValue: undefined, predicates: undefined, expr: undefined });
  };

  const setPredicate = (i: number, change: Partial<ValuePredicate>) => setPredicates((ps) => ps.map((p, j) => (j === i ? { ...p, ...change } : p)));

  return (
    <form onSubmit={submit} className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="message-controls">
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-100 px-4 py-3">
        <Field title="Start at">
          <select
            className={input}
            value={start}
            disabled={tail}
            data-testid="start-mode"
            onChange={(e) => {
              const mode = e.target.value;
              const changes: ParamChanges = { start: mode, offset: undefined, timestamp: undefined };
              if (mode === 'offset') changes.offset = offset || '0';
              if (mode === 'timestamp') changes.timestamp = fromDateTimeInput(time) ?? new Date(Date.now() - 3600_000).toISOString();
              apply(changes);
            }}
          >
            <option value="latest">Latest (last page)</option>
            <option value="earliest">Earliest</option>
            <option value="offset">Offset</option>
            <option value="timestamp">Timestamp</option>
          </select>
        </Field>
        {start === 'offset' ? (
          <Field title="Offset">
            <input className={`${input} w-32 font-mono`} inputMode="numeric" value={offset} disabled={tail} onChange={(e) => setOffset(e.target.value.replace(/\D/g, ''))} data-testid="start-offset" />
          </Field>
        ) : null}
        {start === 'timestamp' ? (
          <Field title="Time (UTC)">
            <input type="datetime-local" step="0.001" className={`${input} w-60 font-mono`} value={time} disabled={tail} onChange={(e) => setTime(e.target.value)} data-testid="start-timestamp" />
          </Field>
        ) : null}
        {start === 'offset' || start === 'timestamp' ? (
          <button type="submit" className="h-8 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50" disabled={tail} data-testid="seek">
            Seek
          </button>
        ) : null}
        <Field title="Partition">
          <select className={input} value={params.partition ?? 'all'} onChange={(e) => apply({ partition: e.target.value === 'all' ? undefined : e.target.value })} data-testid="partition-select">
            <option value="all">All{partitionCount ? ` (${partitionCount})` : ''}</option>
            {partitions.map((p) => (
              <option key={p.partition} value={String(p.partition)}>
                {p.partition} · {p.low}–{p.high}
              </option>
            ))}
            {params.partition && params.partition !== 'all' && !partitions.some((p) => String(p.partition) === params.partition) ? <option value={params.partition}>{params.partition}</option> : null}
          </select>
        </Field>
        <Field title="Page size">
          <select className={input} value={params.limit ?? '100'} disabled={tail} onChange={(e) => apply({ limit: e.target.value === '100' ? undefined : e.target.value })} data-testid="page-size">
            {['20', '50', '100', '250', '500', '1000'].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
      </div>

      <div className="grid gap-3 px-4 py-3 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <div className="space-y-3">
          <div className="flex gap-2">
            <Field title="Key" className="flex-1">
              <input className={`${input} w-full font-mono`} value={key} placeholder="order-000042" onChange={(e) => setKey(e.target.value)} data-testid="filter-key" />
            </Field>
            <Field title="Match">
              <select className={input} value={keyMatch} onChange={(e) => setKeyMatch(e.target.value as 'exact' | 'prefix')} data-testid="filter-key-match">
                <option value="exact">exact</option>
                <option value="prefix">prefix</option>
              </select>
            </Field>
          </div>
          <div className="flex gap-2">
            <Field title="Header" className="flex-1">
              <input className={`${input} w-full font-mono`} value={headerName} placeholder="event-type" onChange={(e) => setHeaderName(e.target.value)} data-testid="filter-header-name" />
            </Field>
            <span className="pb-1.5 text-sm text-slate-400 self-end">=</span>
            <Field title="Header value" className="flex-1">
              <input className={`${input} w-full font-mono`} value={headerValue} placeholder="OrderPaid" onChange={(e) => setHeaderValue(e.target.value)} data-testid="filter-header-value" />
            </Field>
          </div>
          <div>
            <span className={label}>Value conditions</span>
            <div className="space-y-1.5" data-testid="predicates">
              {predicates.map((p, i) => (
                <div key={i} className="flex gap-1.5" data-testid="predicate-row">
                  <input
                    className={`${input} min-w-0 flex-1 font-mono`}
                    value={p.path}
                    placeholder="payload.amountCents"
                    aria-label="Value path"
                    onChange={(e) => setPredicate(i, { path: e.target.value })}
                    data-testid="predicate-path"
                  />
                  <select className={input} value={p.op} aria-label="Operator" onChange={(e) => setPredicate(i, { op: e.target.value as PredicateOperator })} data-testid="predicate-op">
                    {PREDICATE_OPERATORS.map((op) => (
                      <option key={op} value={op}>
                        {OP_LABELS[op]}
                      </option>
                    ))}
                  </select>
                  <input
                    className={`${input} min-w-0 flex-1 font-mono`}
                    value={p.value ?? ''}
                    disabled={p.op === 'exists'}
                    placeholder={p.op === 'in' ? 'CARD, PAYPAL' : '10000'}
                    aria-label="Operand"
                    onChange={(e) => setPredicate(i, { value: e.target.value })}
                    data-testid="predicate-value"
                  />
                  <button type="button" className="h-8 rounded-md px-2 text-slate-400 hover:bg-slate-100 hover:text-slate-700" aria-label="Remove condition" onClick={() => setPredicates((ps) => ps.filter((_, j) => j !== i))}>
                    ×
                  </button>
                </div>
              ))}
              <button type="button" className="text-xs font-medium text-sky-700 hover:underline" onClick={() => setPredicates((ps) => [...ps, { path: '', op: '=', value: '' }])} data-testid="add-predicate">
                + Add a condition on the decoded value
              </button>
            </div>
          </div>
        </div>
        <div className="flex flex-col">
          <Field title="Expression">
            <textarea
              className={`${input} h-[104px] w-full resize-y py-1.5 font-mono text-[13px] leading-5 ${problem ? 'border-rose-400 focus:border-rose-500 focus:ring-rose-500' : ''}`}
              value={expr}
              spellCheck={false}
              placeholder={'value.type == "OrderPaid" and value.payload.amountCents >= 10000\nor headers.source startsWith "legacy"'}
              onChange={(e) => setExpr(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) submit(e);
              }}
              data-testid="filter-expression"
            />
          </Field>
          {problem ? (
            <div className="mt-1 text-xs text-rose-700" data-testid="expression-error">
              <span className="font-medium">Position {problem.position}:</span> {problem.reason}
              <pre className="mt-0.5 overflow-x-auto font-mono text-[11px] leading-4 text-rose-800">
                {expr.split('\n').join(' ')}
                {'\n'}
                {' '.repeat(problem.position)}^
              </pre>
            </div>
          ) : (
            <div className="mt-1 text-[11px] leading-4 text-slate-500">
              <code>key</code>, <code>value.path</code>, <code>headers.name</code>, <code>partition</code>, <code>offset</code>, <code>timestamp</code>; <code>== != &gt; &lt; contains startsWith in</code>;{' '}
              <code>and or not ( )</code>; <code>lower() upper() exists() length()</code>. Ctrl+Enter searches.
            </div>
          )}
          <div className="mt-auto flex justify-end gap-2 pt-3">
            <button type="button" className="h-8 rounded-md px-3 text-sm text-slate-600 hover:bg-slate-100" onClick={clearFilters} data-testid="clear-filters">
              Clear filters
            </button>
            <button type="submit" disabled={!!problem} className="h-8 rounded-md bg-sky-700 px-4 text-sm font-medium text-white shadow-sm hover:bg-sky-800 disabled:bg-slate-300" data-testid="apply-filters">
              Search
            </button>
          </div>
        </div>
      </div>
    </form>
  );
}
