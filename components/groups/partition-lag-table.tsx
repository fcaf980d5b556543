'use client';
import { Table, type Column } from '@/components/ui/table';
import { formatCount, formatElapsed } from '@/lib/format';
import type { GroupDetail } from '@/lib/schemas/groups';
import { LagFigure } from './group-cells';

type Partition = GroupDetail['partitions'][number];

/** A partition of the group, or the total of a topic under its partitions. */
type Row =
  | { kind: 'partition'; p: Partition; first: boolean; width: number }
  | { kind: 'total'; topic: GroupDetail['topics'][number] };

function rowsOf(detail: GroupDetail): Row[] {
  const max = detail.partitions.reduce(
    (m, p) => (p.lag !== null && BigInt(p.lag) > m ? BigInt(p.lag) : m),
    0n,
  );
  const rows: Row[] = [];
  for (const topic of detail.topics) {
    const partitions = detail.partitions.filter((p) => p.topic === topic.topic);
    partitions.forEach((p, i) =>
      rows.push({
        kind: 'partition',
        p,
        first: i === 0,
        width: p.lag === null || max === 0n ? 0 : Number((BigInt(p.lag) * 1000n) / max) / 10,
      }),
    );
    if (partitions.length > 1) rows.push({ kind: 'total', topic });
  }
  return rows;
}

const figure = (r: Row, f: (p: Partition) => string | null) =>
  r.kind === 'partition' ? formatCount(f(r.p)) : null;

const columns: Column<Row>[] = [
  {
    id: 'topic',
    header: 'Topic',
    className: (r) => (r.kind === 'total' ? 'text-xs' : 'font-mono text-xs'),
    cell: (r) => (r.kind === 'total' ? `${r.topic.topic} total` : r.first ? r.p.topic : ''),
  },
  {
    id: 'partition',
    header: 'Partition',
    numeric: true,
    mono: true,
    cell: (r) => (r.kind === 'partition' ? r.p.partition : null),
  },
  {
    id: 'committed',
    header: 'Committed',
    numeric: true,
    mono: true,
    testId: (r) => (r.kind === 'partition' ? 'partition-committed' : undefined),
    cell: (r) =>
      r.kind === 'partition' && r.p.committed === null ? (
        <span className="text-slate-400" title="Never committed on this partition">
          —
        </span>
      ) : (
        figure(r, (p) => p.committed)
      ),
  },
  {
    id: 'low',
    header: 'Log start',
    numeric: true,
    mono: true,
    className: 'text-slate-500',
    cell: (r) => figure(r, (p) => p.low),
  },
  {
    id: 'high',
    header: 'Log end',
    numeric: true,
    mono: true,
    className: 'text-slate-500',
    cell: (r) => figure(r, (p) => p.high),
  },
  {
    id: 'lag',
    header: 'Lag',
    numeric: true,
    testId: (r) => (r.kind === 'partition' ? 'partition-lag' : 'topic-lag'),
    cell: (r) =>
      r.kind === 'partition' ? (
        <LagFigure lag={r.p.lag} quietWhenCaughtUp />
      ) : (
        <span className="font-mono">{formatCount(r.topic.lag)}</span>
      ),
  },
  {
    id: 'lagTime',
    header: 'Behind by',
    headerTitle: 'Timestamp of the newest record minus that of the first record the group has not processed',
    numeric: true,
    className: 'whitespace-nowrap text-slate-600',
    testId: 'partition-lag-time',
    cell: (r) => (r.kind === 'partition' && r.p.lagMs !== null ? formatElapsed(r.p.lagMs) : ''),
  },
  {
    id: 'bar',
    header: <span className="sr-only">Lag bar</span>,
    width: 'w-40',
    cell: (r) =>
      r.kind === 'partition' ? (
        <div className="h-2 rounded bg-slate-100">
          <div className="h-2 rounded bg-amber-400" style={{ width: `${r.width}%` }} />
        </div>
      ) : null,
  },
];

/** Lag per partition, grouped by topic with a total per topic, and a bar relative to the largest lag. */
export function PartitionLagTable({ detail }: { detail: GroupDetail }) {
  if (detail.partitions.length === 0) {
    return (
      <p className="text-sm text-slate-500">
        No committed offsets: this group has not consumed any topic yet.
      </p>
    );
  }
  return (
    <Table
      columns={columns}
      rows={rowsOf(detail)}
      rowKey={(r) => (r.kind === 'partition' ? `${r.p.topic}-${r.p.partition}` : `${r.topic.topic}-total`)}
      frame={false}
      testId="partition-lag-table"
      rowData={(r) =>
        r.kind === 'partition'
          ? { 'data-testid': 'partition-lag-row', 'data-topic': r.p.topic, 'data-partition': r.p.partition }
          : {}
      }
      rowClassName={(r) => (r.kind === 'total' ? 'text-xs text-slate-500' : '')}
    />
  );
}
