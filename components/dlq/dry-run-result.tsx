'use client';
import { Badge } from '@/components/ui/badge';
import { Table, type Column } from '@/components/ui/table';
import { formatCount, MISSING } from '@/lib/format';
import type { DryRun, DryRunItem } from '@/lib/schemas/dlq';

/** What a redrive would send where, and which messages would fail, and why. */
export function DryRunResult({ run }: { run: DryRun }) {
  const columns: Column<DryRunItem>[] = [
    { id: 'at', header: 'Dead letter', mono: true, cell: (i) => `${i.partition}@${i.offset}` },
    { id: 'key', header: 'Key', mono: true, cell: (i) => i.key ?? 'null' },
    { id: 'to', header: 'Would go to', mono: true, cell: (i) => i.destination ?? MISSING },
    {
      id: 'verdict',
      header: '',
      cell: (i) => (i.ok ? <Badge tone="good">would send</Badge> : <Badge tone="bad">would fail</Badge>),
      testId: 'dry-run-verdict',
    },
    {
      id: 'why',
      header: 'Check',
      cell: (i) => (
        <span className="text-xs text-slate-600">
          {i.reason ?? (i.schema ? `read by ${i.schema.readerSubject} v${i.schema.readerVersion}` : '')}
        </span>
      ),
    },
    {
      id: 'headers',
      header: 'Headers',
      cell: (i) => (
        <span
          className="text-xs text-slate-600"
          title={i.headersDropped.length ? `Left out: ${i.headersDropped.join(', ')}` : undefined}
        >
          {formatCount(i.headersKept)} kept, {formatCount(i.headersDropped.length)} dropped
        </span>
      ),
    },
  ];
  return (
    <div className="space-y-3" data-testid="dry-run-result">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span data-testid="dry-run-summary">
          Of {formatCount(run.selected)} selected,{' '}
          <strong className="text-emerald-700">{formatCount(run.ok)} would be sent</strong>
          {run.failed ? (
            <>
              {' '}
              and <strong className="text-rose-700">{formatCount(run.failed)} would fail</strong>
            </>
          ) : null}
          .
        </span>
        {run.destinations.map((d) => (
          <Badge key={d.topic ?? ''} tone={d.failed ? 'warn' : 'info'}>
            {`${formatCount(d.count)} → ${d.topic ?? 'no origin'}`}
          </Badge>
        ))}
        <span className="text-xs text-slate-500">Nothing was written: this was a dry run.</span>
      </div>
      <Table
        columns={columns}
        rows={run.items}
        rowKey={(i) => `${i.partition}@${i.offset}`}
        rowTestId="dry-run-row"
        frame={false}
        density="compact"
        scroll="max-h-80"
      />
      {run.items.length < run.selected ? (
        <p className="text-xs text-slate-500">The first {formatCount(run.items.length)} are listed.</p>
      ) : null}
    </div>
  );
}
