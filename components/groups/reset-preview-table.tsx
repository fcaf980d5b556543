'use client';
import { Badge } from '@/components/ui/badge';
import { Table, type Column } from '@/components/ui/table';
import { formatCount } from '@/lib/format';
import type { ResetPreview } from '@/lib/schemas/groups';
import { formatDelta } from './format';

type PreviewRow = ResetPreview['partitions'][number];

const columns: Column<PreviewRow>[] = [
  { id: 'topic', header: 'Topic', mono: true, className: 'text-xs', cell: (p) => p.topic },
  { id: 'partition', header: 'Partition', numeric: true, mono: true, cell: (p) => p.partition },
  { id: 'current', header: 'Current', numeric: true, mono: true, cell: (p) => formatCount(p.current) },
  {
    id: 'target',
    header: 'New',
    numeric: true,
    mono: true,
    className: 'font-semibold',
    cell: (p) => formatCount(p.target),
    testId: 'reset-preview-target',
  },
  { id: 'delta', header: 'Delta', numeric: true, mono: true, cell: (p) => formatDelta(p.current, p.target) },
  {
    id: 'lagAfter',
    header: 'Lag after',
    numeric: true,
    mono: true,
    cell: (p) => formatCount(p.lagAfter),
    testId: 'reset-preview-lag-after',
  },
  {
    id: 'clamped',
    header: '',
    className: 'text-xs',
    cell: (p) =>
      p.clamped ? (
        <span title={`Kept within the log, ${formatCount(p.low)}–${formatCount(p.high)}`}>
          <Badge tone="warn">clamped</Badge>
        </span>
      ) : null,
  },
];

/** Events a reset moves the group past without processing them: forward moves of committed offsets. */
export function skippedEvents(preview: ResetPreview): bigint {
  return preview.partitions.reduce(
    (sum, p) =>
      p.current !== null && BigInt(p.target) > BigInt(p.current)
        ? sum + BigInt(p.target) - BigInt(p.current)
        : sum,
    0n,
  );
}

/** What a reset would do, partition by partition; partitions it leaves alone are greyed. */
export function ResetPreviewTable({ preview }: { preview: ResetPreview }) {
  const { totals } = preview;
  const skipped = skippedEvents(preview);
  return (
    <div className="space-y-2" data-testid="reset-preview">
      <p className="text-sm text-slate-700" data-testid="reset-preview-summary">
        {formatCount(totals.changed)} of {formatCount(totals.partitions)}{' '}
        {totals.partitions === 1 ? 'partition changes' : 'partitions change'}; lag{' '}
        {totals.lagBefore === null ? 'none committed' : formatCount(totals.lagBefore)} →{' '}
        <span className="font-semibold">{formatCount(totals.lagAfter)}</span>
        {preview.exists ? null : (
          <span className="ml-2">
            <Badge tone="info">creates the group</Badge>
          </span>
        )}
      </p>
      {skipped > 0n ? (
        <p
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
          role="alert"
          data-testid="reset-preview-skips"
        >
          This moves the group forward: it skips {formatCount(skipped.toString())} unprocessed{' '}
          {skipped === 1n ? 'event' : 'events'}, which its read model will never see.
        </p>
      ) : null}
      <Table
        columns={columns}
        rows={preview.partitions}
        rowKey={(p) => `${p.topic}-${p.partition}`}
        frame={false}
        stickyHeader
        scroll="max-h-96"
        rowTestId="reset-preview-row"
        rowData={(p) => ({ 'data-changed': p.changed })}
        rowClassName={(p) => (p.changed ? '' : 'text-slate-400')}
      />
    </div>
  );
}
