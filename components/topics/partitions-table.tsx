'use client';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Skeleton } from '@/components/ui/skeleton';
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
            title={offline ? `broker ${r}: offline` : inSync ? `broker ${r}: in sync` : `broker ${r}: not in sync`}
            className={`rounded px-1.5 py-0.5 ${offline ? 'bg-rose-100 text-rose-800' : inSync ? 'bg-slate-100 text-slate-700' : 'bg-amber-100 text-amber-900'} ${r === partition.leader ? 'ring-1 ring-sky-400' : ''}`}
          >
            {r}
          </span>
        );
      })}
    </span>
  );
}

/** Every partition: leader, replicas and ISR (under-replicated ones stand out), watermarks, count, size. */
export function PartitionsTable({ clusterId, topic }: { clusterId: string; topic: string }) {
  const detail = useTopic(clusterId, topic);
  if (detail.isPending) {
    return (
      <div className="space-y-2">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-9" />
        ))}
      </div>
    );
  }
  if (detail.isError && !detail.data) return null; // the shell says it
  const data = detail.data!;
  const messagesHref = (p: number) => `/clusters/${clusterId}/topics/${encodeURIComponent(topic)}/messages?partition=${p}`;
  return (
    <section className="space-y-3">
      {data.problems.sizes ? <ErrorPanel title="Sizes on disk could not be read" message={data.problems.sizes.message} code={data.problems.sizes.code} /> : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white px-4 pb-2 shadow-sm">
        <table className="w-full text-sm" data-testid="partitions-table">
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
              <th className="py-2.5 pr-4 font-medium">Partition</th>
              <th className="py-2.5 pr-4 font-medium">Leader</th>
              <th className="py-2.5 pr-4 font-medium" title="Replicas; the leader is ringed; amber = not in sync">
                Replicas / ISR
              </th>
              <th className="py-2.5 pr-4 text-right font-medium" title="Log start offset">
                Low
              </th>
              <th className="py-2.5 pr-4 text-right font-medium" title="High watermark: the offset after the last record">
                High
              </th>
              <th className="py-2.5 pr-4 text-right font-medium">Messages</th>
              <th className="py-2.5 text-right font-medium" title="Leader replica on disk">
                Size
              </th>
            </tr>
          </thead>
          <tbody>
            {data.partitions.map((p) => (
              <tr key={p.partition} className={`border-t border-slate-100 ${p.underReplicated || p.offline ? 'bg-amber-50/60' : ''}`} data-testid="partition-row" data-partition={p.partition}>
                <td className="py-2 pr-4 font-mono">
                  <Link href={messagesHref(p.partition)} className="text-sky-700 hover:underline" title="Browse the messages of this partition">
                    {p.partition}
                  </Link>
                </td>
                <td className="py-2 pr-4 font-mono" data-testid="partition-leader">
                  {p.offline ? <Badge tone="bad">no leader</Badge> : p.leader}
                </td>
                <td className="py-2 pr-4">
                  <span className="inline-flex items-center gap-2">
                    <Replicas partition={p} />
                    {p.underReplicated ? (
                      <Badge tone="warn" testId="under-replicated">
                        under-replicated ({p.isr.length}/{p.replicas.length})
                      </Badge>
                    ) : null}
                  </span>
                </td>
                <td className="py-2 pr-4 text-right font-mono tabular-nums" data-testid="partition-low">
                  {p.low ?? '—'}
                </td>
                <td className="py-2 pr-4 text-right font-mono tabular-nums" data-testid="partition-high">
                  {p.high ?? '—'}
                </td>
                <td className="py-2 pr-4 text-right font-mono tabular-nums" data-testid="partition-messages">
                  {formatCount(p.messageCount)}
                </td>
                <td className="py-2 text-right tabular-nums" data-testid="partition-size" title={p.replicatedSizeBytes !== null ? `${formatBytes(p.replicatedSizeBytes)} with all replicas` : undefined}>
                  {formatBytes(p.sizeBytes)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">
        Topic id <span className="font-mono">{data.topicId}</span>. Messages count offsets between the low and high watermark: transaction markers and records compacted away are included.
      </p>
    </section>
  );
}
