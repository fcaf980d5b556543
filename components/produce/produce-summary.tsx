import { formatBytes } from '@/lib/format';
import type { ProduceSummary } from '@/lib/schemas/topics';

/** Exactly what will be sent, as the server encoded it: the body of the confirmation. */
export function ProduceSummaryList({ summary }: { summary: ProduceSummary }) {
  const partition =
    summary.partitionChoice === 'explicit'
      ? `${summary.partition}`
      : summary.partitionChoice === 'by-key'
        ? `${summary.partition} (from the key, murmur2)`
        : 'round-robin (no key)';
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5" data-testid="produce-summary">
      <dt className="text-slate-500">Topic</dt>
      <dd className="font-mono font-semibold">{summary.topic}</dd>
      <dt className="text-slate-500">Partition</dt>
      <dd className="font-mono" data-testid="summary-partition">
        {partition}
      </dd>
      <dt className="text-slate-500">Key</dt>
      <dd className="font-mono [overflow-wrap:anywhere]" data-testid="summary-key">
        {summary.key === null ? <span className="text-slate-400">none</span> : summary.key}
      </dd>
      <dt className="text-slate-500">Headers</dt>
      <dd className="font-mono text-xs">
        {summary.headers.length === 0 ? (
          <span className="text-slate-400">none</span>
        ) : (
          summary.headers.map((h) => (
            <div key={h.name} className="[overflow-wrap:anywhere]">
              {h.name} = {h.value}
            </div>
          ))
        )}
      </dd>
      <dt className="text-slate-500">Encoding</dt>
      <dd>{summary.encoding === 'avro' ? 'Avro, Confluent framing' : summary.encoding === 'json' ? 'JSON (UTF-8)' : 'text (UTF-8)'}</dd>
      {summary.schema ? (
        <>
          <dt className="text-slate-500">Schema</dt>
          <dd data-testid="summary-schema">
            <span className="font-mono">{summary.schema.subject}</span> version {summary.schema.version}, id <span className="font-mono font-semibold">{summary.schema.id}</span>
          </dd>
        </>
      ) : null}
      <dt className="text-slate-500">Encoded size</dt>
      <dd data-testid="summary-size">
        value {formatBytes(summary.valueSize)} ({summary.valueSize} bytes){summary.keySize ? `, key ${summary.keySize} bytes` : ''}
      </dd>
    </dl>
  );
}
