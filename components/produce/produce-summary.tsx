import { Fact, Facts, Missing } from '@/components/ui/facts';
import { formatBytes, formatCount } from '@/lib/format';
import type { ProduceSummary } from '@/lib/schemas/produce';

const ENCODING_NAMES = {
  avro: 'Avro, Confluent framing',
  json: 'JSON (UTF-8)',
  text: 'text (UTF-8)',
} as const;

/** Exactly what will be sent, as the server encoded it: the body of the confirmation. */
export function ProduceSummaryList({ summary }: { summary: ProduceSummary }) {
  const partition =
    summary.partitionChoice === 'explicit'
      ? `${summary.partition}`
      : summary.partitionChoice === 'by-key'
        ? `${summary.partition} (from the key, murmur2)`
        : 'round-robin (no key)';
  return (
    <Facts testId="produce-summary">
      <Fact label="Topic" mono className="font-semibold">
        {summary.topic}
      </Fact>
      <Fact label="Partition" mono testId="summary-partition">
        {partition}
      </Fact>
      <Fact label="Key" mono testId="summary-key">
        {summary.key === null ? <Missing>none</Missing> : summary.key}
      </Fact>
      <Fact label="Headers" mono className="text-xs">
        {summary.headers.length === 0 ? (
          <Missing>none</Missing>
        ) : (
          summary.headers.map((h) => (
            <div key={h.name}>
              {h.name} = {h.value}
            </div>
          ))
        )}
      </Fact>
      <Fact label="Encoding">{ENCODING_NAMES[summary.encoding]}</Fact>
      {summary.schema ? (
        <Fact label="Schema" testId="summary-schema">
          <span className="font-mono">{summary.schema.subject}</span> version {summary.schema.version}, id{' '}
          <span className="font-mono font-semibold">{summary.schema.id}</span>
        </Fact>
      ) : null}
      <Fact label="Encoded size" testId="summary-size">
        value {formatBytes(summary.valueSize)} ({formatCount(summary.valueSize)} bytes)
        {summary.keySize ? `, key ${formatCount(summary.keySize)} bytes` : ''}
      </Fact>
    </Facts>
  );
}
