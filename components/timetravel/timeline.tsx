'use client';
import { useEffect, useMemo, useRef } from 'react';
import { Badge } from '@/components/ui/badge';
import { Table, type Column } from '@/components/ui/table';
import { formatTimestamp } from '@/lib/format';
import type { TimelineRow } from '@/lib/timetravel/timeline';

function timelineColumns(base: number): Column<TimelineRow>[] {
  return [
    { id: 'number', header: '#', className: 'tabular-nums text-slate-500', cell: (s) => base + s.index + 1 },
    { id: 'offset', header: 'Offset', mono: true, cell: (s) => `${s.partition}:${s.offset}` },
    {
      id: 'time',
      header: 'Time (UTC)',
      className: 'tabular-nums text-slate-600',
      cell: (s) => formatTimestamp(s.timestamp, 's').slice(5),
    },
    {
      id: 'type',
      header: 'Type',
      cell: (s) => (
        <>
          <span className="font-medium text-slate-800">{s.eventType ?? '—'}</span>
          {s.failed ? (
            <span className="ml-1">
              <Badge tone="bad">failed</Badge>
            </span>
          ) : null}
        </>
      ),
    },
    {
      id: 'schema',
      header: 'Schema',
      className: 'text-slate-500',
      title: (s) => (s.schemaId !== null ? `schema id ${s.schemaId}` : undefined),
      cell: (s) => (
        <>
          {s.schemaId !== null ? `v${s.schemaVersion ?? '?'}` : '—'}
          {s.upcast === 'resolved' ? (
            <span className="text-sky-600"> → v{s.readerVersion ?? '?'}</span>
          ) : null}
          {s.upcast === 'failed' ? <span className="text-rose-600"> ✕</span> : null}
        </>
      ),
    },
  ];
}

/** Every event of the aggregate, one row each; the current position is highlighted and kept in view. */
export function Timeline({
  steps,
  position,
  compareAt,
  onSelect,
  base = 0,
}: {
  steps: readonly TimelineRow[];
  position: number;
  compareAt: number | null;
  onSelect: (index: number) => void;
  /** Events before the first step (covered by a snapshot), so numbers are aggregate versions. */
  base?: number;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    scroller.current?.querySelector('[data-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [position]);
  const columns = useMemo(() => timelineColumns(base), [base]);
  return (
    <div className="overflow-hidden rounded-md ring-1 ring-inset ring-slate-200" data-testid="timeline">
      <Table
        columns={columns}
        rows={steps}
        rowKey={(s) => String(s.index)}
        density="compact"
        stickyHeader
        scroll="max-h-[32rem]"
        scrollRef={scroller}
        selectedKey={String(position)}
        onRowClick={(s) => onSelect(s.index)}
        rowTestId="timeline-row"
        rowData={(s) => ({
          'data-offset': s.offset,
          'data-selected': s.index === position ? 'true' : undefined,
        })}
        // The scroll margin keeps a row scrolled into view clear of the sticky header.
        rowClassName={(s) =>
          `scroll-mt-9 ${s.index === compareAt && s.index !== position ? 'bg-violet-50' : ''}`
        }
      />
    </div>
  );
}
