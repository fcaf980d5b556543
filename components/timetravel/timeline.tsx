'use client';
import { useEffect, useRef } from 'react';
import { Badge } from '@/components/ui/badge';
import { formatTimestamp } from '@/lib/format';
import type { ReplayStep } from '@/lib/schemas/timetravel';

/** Every event of the aggregate, one row each; the current position is highlighted and kept in view. */
export function Timeline({
  steps,
  position,
  compareAt,
  onSelect,
  base = 0,
}: {
  steps: readonly ReplayStep[];
  position: number;
  compareAt: number | null;
  onSelect: (index: number) => void;
  /** Events before the first step (covered by a snapshot), so numbers are aggregate versions. */
  base?: number;
}) {
  const current = useRef<HTMLTableRowElement | null>(null);
  useEffect(() => {
    current.current?.scrollIntoView({ block: 'nearest' });
  }, [position]);
  return (
    <div className="max-h-[32rem] overflow-auto rounded-md ring-1 ring-inset ring-slate-200" data-testid="timeline">
      <table className="w-full text-xs">
        <thead className="sticky top-0 bg-slate-50 text-left uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-2 py-1.5 font-medium">#</th>
            <th className="px-2 py-1.5 font-medium">Offset</th>
            <th className="px-2 py-1.5 font-medium">Time (UTC)</th>
            <th className="px-2 py-1.5 font-medium">Type</th>
            <th className="px-2 py-1.5 font-medium">Schema</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => {
            const selected = s.index === position;
            return (
              <tr
                key={s.index}
                ref={selected ? current : undefined}
                onClick={() => onSelect(s.index)}
                className={`cursor-pointer border-t border-slate-100 ${selected ? 'bg-sky-100' : s.index === compareAt ? 'bg-violet-50' : 'hover:bg-slate-50'}`}
                data-testid="timeline-row"
                data-offset={s.offset}
                data-selected={selected ? 'true' : undefined}
              >
                <td className="px-2 py-1 tabular-nums text-slate-500">{base + s.index + 1}</td>
                <td className="px-2 py-1 font-mono">
                  {s.partition}:{s.offset}
                </td>
                <td className="whitespace-nowrap px-2 py-1 tabular-nums text-slate-600">{formatTimestamp(s.timestamp, 's').slice(5)}</td>
                <td className="px-2 py-1">
                  <span className="font-medium text-slate-800">{s.eventType ?? '—'}</span>
                  {s.error ? (
                    <span className="ml-1">
                      <Badge tone="bad">failed</Badge>
                    </span>
                  ) : null}
                </td>
                <td className="whitespace-nowrap px-2 py-1 text-slate-500" title={s.schema ? `${s.schema.subject ?? ''} schema id ${s.schema.id}` : undefined}>
                  {s.schema ? `v${s.schema.version ?? '?'}` : '—'}
                  {s.upcast.status === 'resolved' ? <span className="text-sky-600"> → v{s.upcast.reader.version ?? '?'}</span> : null}
                  {s.upcast.status === 'failed' ? <span className="text-rose-600"> ✕</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
