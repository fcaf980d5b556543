import type { GroupDetail } from '@/lib/schemas/groups';
import { formatCount } from '@/lib/format';

/** Lag per partition, grouped by topic, with a bar relative to the largest lag. */
export function PartitionLagTable({ detail }: { detail: GroupDetail }) {
  const max = detail.partitions.reduce((m, p) => (p.lag !== null && BigInt(p.lag) > m ? BigInt(p.lag) : m), 0n);
  if (detail.partitions.length === 0) {
    return <p className="text-sm text-slate-500">No committed offsets: this group has not consumed any topic yet.</p>;
  }
  return (
    <table className="w-full text-sm" data-testid="partition-lag-table">
      <thead>
        <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
          <th className="pb-2 pr-3 font-medium">Topic</th>
          <th className="pb-2 pr-3 text-right font-medium">Partition</th>
          <th className="pb-2 pr-3 text-right font-medium">Committed</th>
          <th className="pb-2 pr-3 text-right font-medium">Log start</th>
          <th className="pb-2 pr-3 text-right font-medium">Log end</th>
          <th className="pb-2 pr-3 text-right font-medium">Lag</th>
          <th className="w-40 pb-2 font-medium" aria-label="Lag bar" />
        </tr>
      </thead>
      <tbody>
        {detail.topics.map((t) => (
          <TopicRows key={t.topic} topic={t} rows={detail.partitions.filter((p) => p.topic === t.topic)} max={max} />
        ))}
      </tbody>
    </table>
  );
}

function TopicRows({ topic, rows, max }: { topic: GroupDetail['topics'][number]; rows: GroupDetail['partitions']; max: bigint }) {
  return (
    <>
      {rows.map((p, i) => {
        const width = p.lag === null || max === 0n ? 0 : Number((BigInt(p.lag) * 1000n) / max) / 10;
        return (
          <tr key={`${p.topic}-${p.partition}`} className={i === 0 ? 'border-t border-slate-200' : 'border-t border-slate-50'} data-testid="partition-lag-row" data-topic={p.topic} data-partition={p.partition}>
            <td className="py-1.5 pr-3 font-mono text-xs">{i === 0 ? p.topic : ''}</td>
            <td className="py-1.5 pr-3 text-right font-mono tabular-nums">{p.partition}</td>
            <td className="py-1.5 pr-3 text-right font-mono tabular-nums" data-testid="partition-committed">
              {p.committed === null ? <span className="text-slate-400" title="Never committed on this partition">—</span> : formatCount(p.committed)}
            </td>
            <td className="py-1.5 pr-3 text-right font-mono tabular-nums text-slate-500">{formatCount(p.low)}</td>
            <td className="py-1.5 pr-3 text-right font-mono tabular-nums text-slate-500">{formatCount(p.high)}</td>
            <td className={`py-1.5 pr-3 text-right font-mono tabular-nums ${p.lag !== null && BigInt(p.lag) > 0n ? 'font-semibold text-amber-700' : ''}`} data-testid="partition-lag">
              {formatCount(p.lag)}
            </td>
            <td className="py-1.5">
              <div className="h-2 rounded bg-slate-100">
                <div className="h-2 rounded bg-amber-400" style={{ width: `${width}%` }} />
              </div>
            </td>
          </tr>
        );
      })}
      {rows.length > 1 ? (
        <tr className="border-t border-slate-100 text-xs text-slate-500">
          <td className="pb-2 pt-1 pr-3" colSpan={5}>
            {topic.topic} total
          </td>
          <td className="pb-2 pt-1 pr-3 text-right font-mono tabular-nums" data-testid="topic-lag">
            {formatCount(topic.lag)}
          </td>
          <td />
        </tr>
      ) : null}
    </>
  );
}
