'use client';
import { useMemo } from 'react';
import { GroupLink, isBehind, LagFigure } from '@/components/groups/group-cells';
import { Badge } from '@/components/ui/badge';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Table, type Column } from '@/components/ui/table';
import { formatCount } from '@/lib/format';
import { useTopicConsumers } from '@/lib/queries/topics/topic-consumers-query';
import type { TopicConsumer } from '@/lib/schemas/topics';

function stateTone(state: string): 'good' | 'warn' | 'neutral' | 'bad' {
  const s = state.toLowerCase();
  if (s === 'stable') return 'good';
  if (s === 'empty') return 'neutral';
  if (s === 'dead') return 'bad';
  return 'warn';
}

function PartitionLags({ group }: { group: TopicConsumer }) {
  return (
    <span className="flex flex-wrap gap-1">
      {group.partitions.map((p) => {
        const behind = isBehind(p.lag);
        return (
          <span
            key={p.partition}
            className={`rounded px-1.5 py-0.5 font-mono text-[11px] tabular-nums ${p.lag === null ? 'bg-slate-50 text-slate-400' : behind ? 'bg-amber-100 text-amber-900' : 'bg-emerald-50 text-emerald-800'}`}
            title={
              p.committed === null
                ? `partition ${p.partition}: nothing committed`
                : `partition ${p.partition}: committed ${p.committed}, high watermark ${p.high}`
            }
            data-testid="consumer-partition-lag"
            data-partition={p.partition}
          >
            p{p.partition} {p.lag === null ? '—' : formatCount(p.lag)}
          </span>
        );
      })}
    </span>
  );
}

function consumerColumns(clusterId: string): Column<TopicConsumer>[] {
  return [
    {
      id: 'group',
      header: 'Group',
      cell: (g) => <GroupLink clusterId={clusterId} group={g.groupId} system={g.system} />,
    },
    {
      id: 'state',
      header: 'State',
      cell: (g) => <Badge tone={stateTone(g.state)}>{g.state.toLowerCase()}</Badge>,
      testId: 'consumer-state',
    },
    {
      id: 'protocol',
      header: 'Protocol',
      className: 'text-xs text-slate-600',
      cell: (g) => (g.type === 'consumer' ? 'consumer (KIP-848)' : g.type),
    },
    {
      id: 'lag',
      header: 'Total lag',
      numeric: true,
      cell: (g) => <LagFigure lag={g.totalLag} />,
      testId: 'consumer-lag',
    },
    { id: 'partitions', header: 'Lag per partition', cell: (g) => <PartitionLags group={g} /> },
  ];
}

/** The read models of this topic: every group with committed offsets on it, and how far behind. */
export function TopicConsumers({ clusterId, topic }: { clusterId: string; topic: string }) {
  const consumers = useTopicConsumers(clusterId, topic);
  const columns = useMemo(() => consumerColumns(clusterId), [clusterId]);
  if (consumers.isPending)
    return <Table columns={columns} rows={undefined} rowKey={(g) => g.groupId} loading loadingRows={3} />;
  if (consumers.isError) {
    return (
      <ErrorPanel
        title="The consumers could not be listed"
        error={consumers.error}
        testId="consumers-error"
      />
    );
  }
  return (
    <section className="space-y-3">
      <Table
        columns={columns}
        rows={consumers.data.groups}
        rowKey={(g) => g.groupId}
        rowHref={(g) => `/clusters/${clusterId}/groups/${encodeURIComponent(g.groupId)}`}
        testId="consumers-table"
        rowTestId="consumer-row"
        rowData={(g) => ({ 'data-group': g.groupId })}
        rowClassName={() => 'align-top'}
        empty="No consumer group has committed offsets on this topic."
        emptyTestId="consumers-empty"
      />
      <p className="text-xs text-slate-500">
        Lag is the high watermark minus the committed offset; “—” where a group never committed on a
        partition. Refreshed every 10 seconds.
      </p>
    </section>
  );
}
