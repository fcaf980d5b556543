'use client';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Table, type Column } from '@/components/ui/table';
import { formatCount, plural } from '@/lib/format';
import { errorCode } from '@/lib/queries/api-error';
import { useDeadLetterTopics } from '@/lib/queries/dlq/dead-letter-topics-query';
import type { DeadLetterTopic } from '@/lib/schemas/dlq';
import { dlqHref } from './links';
import { RedriveJobsOverview } from './redrive-jobs-overview';

const detected: Record<DeadLetterTopic['detectedBy'], { label: string; hint: string }> = {
  name: { label: 'by name', hint: 'The name ends in .DLQ, -dlq, .DLT, -dlt or .dead-letter' },
  config: { label: 'configured', hint: 'Named in the cluster configuration (deadLetters.topics)' },
  headers: { label: 'by headers', hint: 'Its latest records carry dead-letter headers' },
};

/** Every dead-letter topic of the cluster, each opening its triage. */
export function DeadLetterTopicList({ clusterId }: { clusterId: string }) {
  const topics = useDeadLetterTopics(clusterId);
  const columns: Column<DeadLetterTopic>[] = [
    {
      id: 'name',
      header: 'Dead-letter topic',
      cell: (t) => (
        <Link
          href={dlqHref(clusterId, t.name)}
          className="font-mono text-sm font-medium text-sky-700 hover:underline"
          data-testid="dlq-link"
        >
          {t.name}
        </Link>
      ),
      sortValue: (t) => t.name,
    },
    {
      id: 'detected',
      header: 'Recognised',
      cell: (t) => (
        <span title={detected[t.detectedBy].hint}>
          <Badge tone={t.detectedBy === 'headers' ? 'info' : 'neutral'}>{detected[t.detectedBy].label}</Badge>
        </span>
      ),
    },
    { id: 'partitions', header: 'Partitions', numeric: true, cell: (t) => t.partitionCount },
    {
      id: 'messages',
      header: 'Dead letters',
      numeric: true,
      cell: (t) => formatCount(t.messageCount),
      sortValue: (t) => t.messageCount,
      testId: 'dlq-count',
    },
  ];
  return (
    <div className="mx-auto max-w-6xl space-y-5 p-8">
      <header>
        <div className="text-xs font-medium uppercase tracking-wide text-slate-500">Cluster {clusterId}</div>
        <h1 className="text-2xl font-semibold tracking-tight">Dead letters</h1>
        <p className="mt-1 text-sm text-slate-600">
          Topics that hold failed events, recognised by their names and by the headers Kafka Connect, Spring
          Kafka, Kafka Streams, SmallRye and Karafka write. Open one to see why its events failed and which
          keys are stuck.
        </p>
      </header>
      {topics.error ? (
        <ErrorPanel
          title="The dead-letter topics could not be listed"
          message={topics.error.message}
          code={errorCode(topics.error)}
          testId="dlq-list-error"
        />
      ) : (
        <>
          <Table
            columns={columns}
            rows={topics.data?.topics}
            rowKey={(t) => t.name}
            loading={topics.isPending}
            rowHref={(t) => dlqHref(clusterId, t.name)}
            rowTestId="dlq-row"
            rowData={(t) => ({ 'data-topic': t.name })}
            empty="No dead-letter topics: no topic is named like one, and no topic's latest records carry dead-letter headers."
            emptyTestId="dlq-empty"
          />
          {topics.data ? (
            <p className="text-xs text-slate-500">
              The latest records of {plural(topics.data.checkedByHeaders, 'other topic')} were looked at for
              dead-letter headers.
            </p>
          ) : null}
        </>
      )}
      <RedriveJobsOverview clusterId={clusterId} />
    </div>
  );
}
