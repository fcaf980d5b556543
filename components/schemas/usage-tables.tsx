import { Table, type Column } from '@/components/ui/table';
import { formatCount, formatTimestamp } from '@/lib/format';
import type { SchemaIdUsage } from '@/lib/schemas/subjects';

/** How a schema id reads for people: `v2` of this subject, else another subject's version, else the id. */
export function writerLabel(u: SchemaIdUsage, subject: string): string {
  if (u.schemaId === null) return 'no schema id';
  const own = u.versions.find((v) => v.subject === subject);
  if (own) return `v${own.version}`;
  const other = u.versions[0];
  return other ? `${other.subject} v${other.version}` : `id ${u.schemaId}`;
}

export function UsageHistogram({
  usage,
  subject,
  total,
}: {
  usage: SchemaIdUsage[];
  subject: string;
  total: number;
}) {
  const max = Math.max(1, ...usage.map((u) => u.count));
  return (
    <ul className="space-y-2" data-testid="usage-histogram">
      {usage.map((u) => (
        <li
          key={String(u.schemaId)}
          className="grid grid-cols-[8rem_1fr_6rem] items-center gap-3 text-sm"
          data-testid="usage-bar"
          data-schema-id={u.schemaId ?? 'none'}
        >
          <span className="truncate">
            <span className="font-medium" data-testid="usage-label">
              {writerLabel(u, subject)}
            </span>
            {u.schemaId !== null ? (
              <span className="ml-1.5 font-mono text-xs text-slate-400">id {u.schemaId}</span>
            ) : null}
          </span>
          <span className="h-4 rounded bg-slate-100">
            <span
              className={`block h-full rounded ${u.schemaId === null ? 'bg-slate-400' : 'bg-sky-600'}`}
              style={{ width: `${(u.count / max) * 100}%` }}
            />
          </span>
          <span className="text-right tabular-nums" data-testid="usage-count">
            {formatCount(u.count)}
            <span className="ml-1 text-xs text-slate-400">
              {total ? `${Math.round((u.count / total) * 100)}%` : ''}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** One writer's figures in one partition. */
type Row = SchemaIdUsage['partitions'][number] & { key: string; label: string };

export function UsageTable({ usage, subject }: { usage: SchemaIdUsage[]; subject: string }) {
  const rows: Row[] = usage.flatMap((u) =>
    u.partitions.map((p) => ({ key: `${u.schemaId}-${p.partition}`, label: writerLabel(u, subject), ...p })),
  );
  const columns: Column<Row>[] = [
    { id: 'writer', header: 'Writer', cell: (r) => r.label },
    { id: 'partition', header: 'Partition', numeric: true, cell: (r) => r.partition },
    { id: 'count', header: 'Records', numeric: true, cell: (r) => formatCount(r.count) },
    { id: 'offsets', header: 'Offsets', mono: true, cell: (r) => `${r.firstOffset} – ${r.lastOffset}` },
    {
      id: 'time',
      header: 'First / last (UTC)',
      cell: (r) => (
        <span className="block text-[11px] leading-4">
          {formatTimestamp(r.firstTimestamp, 's')}
          <br />
          {formatTimestamp(r.lastTimestamp, 's')}
        </span>
      ),
    },
  ];
  return (
    <Table
      columns={columns}
      rows={rows}
      rowKey={(r) => r.key}
      frame={false}
      density="compact"
      rowTestId="usage-row"
    />
  );
}
