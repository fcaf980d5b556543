'use client';
import Link from 'next/link';
import { useMemo } from 'react';
import { Badge } from '@/components/ui/badge';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Table, type Column } from '@/components/ui/table';
import { useTopic } from '@/lib/queries/topics/topic-query';
import type { TopicPartition } from '@/lib/schemas/topics';
import { formatBytes, formatCount } from '@/lib/format';

function Replicas({ partition }: { partition: TopicPartition }) {
  return (
    <span className="inline-flex flex-wrap gap-1 font-mono text-xs">
      {partition.replicas.map((r) => {
        const inSync = partition.isr.includes(r);
        const offline = partition.offlineReplicas.includes(r);
        return (
          <span
            key={r}
            title={
              offline ? `broker ${r}: offline` : inSync ? `broker ${r}: in sync` : `broker ${r}: not in sync`
            }
            className={`rounded px-1.5 py-0.5 ${offline ? 'bg-rose-100 text-rose-800' : inSync ? 'bg-slate-100 text-slate-700' : 'bg-amber-100 text-amber-900'} ${r === partition.leader ? 'ring-1 ring-sky-400' : ''}`}
          >
            {r}
          </span>
        );
      })}
    </span>
  );
}

function partitionColumns(messagesHref: (partition: number) => string): Column<TopicPartition>[] {
  return [
    {
      id: 'partition',
      header: 'Partition',
      mono: true,
      cell: (p) => (
        <Link
          href={messagesHref(p.partition)}
          className="text-sky-700 hover:underline"
          title="Browse the messages of this partition"
        >
          {p.partition}
        </Link>
      ),
    },
    {
      id: 'leader',
      header: 'Leader',
      mono: true,
      cell: (p) => (p.offline ? <Badge tone="bad">no leader</Badge> : p.leader),
      testId: 'partition-leader',
    },
    {
      id: 'replicas',
      header: 'Replicas / ISR',
      headerTitle: 'Replicas; the leader is ringed; amber = not in sync',
      cell: (p) => (
        <span className="inline-flex items-center gap-2">
          <Replicas partition={p} />
          {p.underReplicated ? (
            <Badge tone="warn" testId="under-replicated">
              under-replicated ({formatCount(p.isr.length)}/{formatCount(p.replicas.length)})
            </Badge>
          ) : null}
        </span>
      ),
    },
    {
      id: 'low',
      header: 'Low',
      headerTitle: 'Log start offset',
      numeric: true,
      mono: true,
      cell: (p) => formatCount(p.low),
      testId: 'partition-low',
    },
    {
      id: 'high',
      header: 'High',
      headerTitle: 'High watermark: the offset after the last record',
      numeric: true,
      mono: true,
      // Watermarks sit beside the message count: one number format for both (1,689).
      cell: (p) => formatCount(p.high),
      testId: 'partition-high',
    },
    {
      id: 'messages',
      header: 'Messages',
      numeric: true,
      mono: true,
      cell: (p) => formatCount(p.messageCount),
      testId: 'partition-messages',
    },
    {
      id: 'size',
      header: 'Size',
      headerTitle: 'Leader replica on disk',
      numeric: true,
      cell: (p) => formatBytes(p.sizeBytes),
      title: (p) =>
        p.replicatedSizeBytes !== null
          ? `${formatBytes(p.replicatedSizeBytes)} with all replicas`
          : undefined,
      testId: 'partition-size',
    },
  ];
}

/** Every partition: leader, replicas and ISR (under-replicated ones stand out), watermarks, count, size. */
export function PartitionsTable({ clusterId, topic }: { clusterId: string; topic: string }) {
  const detail = useTopic(clusterId, topic);
  const columns = useMemo(
    () =>
      partitionColumns(
        (p) => `/clusters/${clusterId}/topics/${encodeURIComponent(topic)}/messages?partition=${p}`,
      ),
    [clusterId, topic],
  );
  if (detail.isError && !detail.data) return null; // the shell says it
  const data = detail.data;
  return (
    <section className="space-y-3">
      {data?.problems.sizes ? (
        <ErrorPanel
          title="Sizes on disk could not be read"
          message={data.problems.sizes.message}
          code={data.problems.sizes.code}
        />
      ) : null}
      <Table
        columns={columns}
        rows={data?.partitions}
        rowKey={(p) => String(p.partition)}
        loading={detail.isPending}
        loadingRows={3}
        testId="partitions-table"
        rowTestId="partition-row"
        rowData={(p) => ({ 'data-partition': p.partition })}
        rowClassName={(p) => (p.underReplicated || p.offline ? 'bg-amber-50/60' : '')}
      />
      {data ? (
        <p className="text-xs text-slate-500">
          Topic id <span className="font-mono">{data.topicId}</span>. Messages count offsets between the low
          and high watermark: transaction markers and records compacted away are included.
        </p>
      ) : null}
    </section>
  );
}
