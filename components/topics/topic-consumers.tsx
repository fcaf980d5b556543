'use client';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Skeleton } from '@/components/ui/skeleton';
import { useTopicConsumers } from '@/lib/queries/topics/topic-consumers-query';
import type { TopicConsumer } from '@/lib/schemas/topics';
import { formatCount } from '@/lib/format';

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
        const behind = p.lag !== null && BigInt(p.lag) > 0n;
        return (
          <span
            key={p.partition}
            className={`rounded px-1.5 py-0.5 font-mono text-[11px] tabular-nums ${p.lag === null ? 'bg-slate-50 text-slate-400' : behind ? 'bg-amber-100 text-amber-900' : 'bg-emerald-50 text-emerald-800'}`}
            title={p.committed === null ? `partition ${p.partition}: nothing committed` : `partition ${p.partition}: committed ${p.committed}, high watermark ${p.high}`}
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

/** The read models of this topic: every group with committed offsets on it, and how far behind. */
export function TopicConsumers({ clusterId, topic }: { clusterId: string; topic: string }) {
  const consumers = useTopicConsumers(clusterId, topic);
  if (consumers.isPending) {
    return (
      <div className="space-y-2">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-10" />
        ))}
      </div>
    );
  }
  if (consumers.isError) {
    return <ErrorPanel title="The consumers could not be listed" error={consumers.error} testId="consumers-error" />;
  }
  const groups = consumers.data.groups;
  return (
    <section className="space-y-3">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white px-4 pb-2 shadow-sm">
        <table className="w-full text-sm" data-testid="consumers-table">
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
              <th className="py-2.5 pr-4 font-medium">Group</th>
              <th className="py-2.5 pr-4 font-medium">State</th>
              <th className="py-2.5 pr-4 font-medium">Protocol</th>
              <th className="py-2.5 pr-4 text-right font-medium">Total lag</th>
              <th className="py-2.5 font-medium">Lag per partition</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => {
              const behind = g.totalLag !== null && BigInt(g.totalLag) > 0n;
              return (
                <tr key={g.groupId} className="border-t border-slate-100 align-top" data-testid="consumer-row" data-group={g.groupId}>
                  <td className="py-2 pr-4">
                    <Link href={`/clusters/${clusterId}/groups/${encodeURIComponent(g.groupId)}`} className="font-mono text-sm font-medium text-sky-700 hover:underline">
                      {g.groupId}
                    </Link>
                    {g.system ? <span className="ml-2 text-[11px] uppercase tracking-wide text-slate-400">system</span> : null}
                  </td>
                  <td className="py-2 pr-4" data-testid="consumer-state">
                    <Badge tone={stateTone(g.state)}>{g.state.toLowerCase()}</Badge>
                  </td>
                  <td className="py-2 pr-4 text-xs text-slate-600">{g.type === 'consumer' ? 'consumer (KIP-848)' : g.type}</td>
                  <td className={`py-2 pr-4 text-right font-mono tabular-nums ${behind ? 'font-semibold text-amber-700' : 'text-emerald-700'}`} data-testid="consumer-lag">
                    {formatCount(g.totalLag)}
                  </td>
                  <td className="py-2">
                    <PartitionLags group={g} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {groups.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-500" data-testid="consumers-empty">
            No consumer group has committed offsets on this topic.
          </p>
        ) : null}
      </div>
      <p className="text-xs text-slate-500">Lag is the high watermark minus the committed offset; “—” where a group never committed on a partition. Refreshed every 10 seconds.</p>
    </section>
  );
}
