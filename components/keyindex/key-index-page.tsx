'use client';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/groups/confirm-dialog';
import { Button } from '@/components/ui/button';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Notice } from '@/components/ui/notice';
import { Page, PageHeader } from '@/components/ui/page-header';
import { Stat, StatList } from '@/components/ui/stat';
import { Table, type Column } from '@/components/ui/table';
import { formatBytes, formatCount, formatRate } from '@/lib/format';
import { useHasRole } from '@/lib/queries/clusters/cluster-role-query';
import { useKeyIndexAction, type KeyIndexAction } from '@/lib/queries/keyindex/action-mutation';
import { useKeyIndexStatus, type KeyIndexStatus } from '@/lib/queries/keyindex/status-query';

type Row = KeyIndexStatus['topics'][number]['partitions'][number] & {
  topic: string;
  stream: string | null;
  first: boolean;
};

function rowsOf(status: KeyIndexStatus): Row[] {
  return status.topics.flatMap((t) =>
    t.partitions.map((p, i) => ({ ...p, topic: t.topic, stream: t.stream, first: i === 0 })),
  );
}

const columns: Column<Row>[] = [
  {
    id: 'topic',
    header: 'Topic',
    className: 'font-mono text-xs',
    cell: (r) => (r.first ? `${r.topic}${r.stream && r.stream !== r.topic ? ` (${r.stream})` : ''}` : ''),
  },
  { id: 'partition', header: 'Partition', numeric: true, mono: true, cell: (r) => r.partition },
  {
    id: 'upTo',
    header: 'Indexed up to',
    numeric: true,
    mono: true,
    testId: 'index-upto',
    cell: (r) => formatCount(r.indexedUpTo),
  },
  {
    id: 'end',
    header: 'Log end',
    numeric: true,
    mono: true,
    className: 'text-slate-500',
    cell: (r) => formatCount(r.end),
  },
  {
    id: 'lag',
    header: 'Lag',
    numeric: true,
    mono: true,
    testId: 'index-lag',
    cell: (r) => (r.lag === '0' ? <span className="text-emerald-700">caught up</span> : formatCount(r.lag)),
  },
  { id: 'events', header: 'Events indexed', numeric: true, mono: true, cell: (r) => formatCount(r.events) },
  {
    id: 'rate',
    header: 'Reading',
    numeric: true,
    mono: true,
    testId: 'index-rate',
    cell: (r) => (r.eventsPerSecond > 0 ? formatRate(r.eventsPerSecond) : '—'),
  },
];

const LABELS: Record<KeyIndexAction, string> = { rebuild: 'Rebuild', pause: 'Pause', resume: 'Resume' };

/** The key index of a cluster: how far each partition is indexed, how fast, how big; rebuild and pause. */
export function KeyIndexPage({ clusterId }: { clusterId: string }) {
  const status = useKeyIndexStatus(clusterId);
  const action = useKeyIndexAction(clusterId);
  const isAdmin = useHasRole(clusterId, 'admin');
  const [asking, setAsking] = useState<KeyIndexAction | null>(null);
  const data = status.data;
  const rows = data ? rowsOf(data) : undefined;
  const totalEvents = rows?.reduce((n, r) => n + r.events, 0) ?? 0;
  const totalLag = rows?.reduce((n, r) => n + BigInt(r.lag), 0n) ?? 0n;
  const rate = rows?.reduce((n, r) => n + r.eventsPerSecond, 0) ?? 0;
  return (
    <Page testId="key-index-page">
      <PageHeader
        eyebrow={`Cluster ${clusterId}`}
        title="Key index"
        description="A local cache from aggregate key to its events, so time travel and find-by-key read only the key's own records. The server builds it in the background with Fetch (no consumer group); delete it any time and it is rebuilt."
        actions={
          data?.enabled ? (
            <>
              {data.state === 'paused' ? (
                <Button
                  onClick={() => setAsking('resume')}
                  disabled={!isAdmin}
                  testId="index-resume"
                  title={isAdmin ? undefined : 'Admins only'}
                >
                  Resume
                </Button>
              ) : (
                <Button
                  onClick={() => setAsking('pause')}
                  disabled={!isAdmin}
                  testId="index-pause"
                  title={isAdmin ? undefined : 'Admins only'}
                >
                  Pause
                </Button>
              )}
              <Button
                variant="danger"
                onClick={() => setAsking('rebuild')}
                disabled={!isAdmin}
                testId="index-rebuild"
                title={isAdmin ? undefined : 'Admins only'}
              >
                Rebuild
              </Button>
            </>
          ) : null
        }
      />
      {status.error ? <ErrorPanel title="The index status could not be read" error={status.error} /> : null}
      {action.error ? (
        <ErrorPanel title={`${asking ? LABELS[asking] : 'The action'} failed`} error={action.error} />
      ) : null}
      {data && !data.enabled ? (
        <Notice tone="neutral" title="The key index is turned off for this cluster">
          Time travel and find-by-key scan the partitions instead. Set <code>keyIndex.enabled</code> to true
          in the cluster configuration to build it.
        </Notice>
      ) : null}
      {data?.enabled ? (
        <>
          <StatList>
            <Stat label="State" value={data.state} testId="index-state" />
            <Stat label="Events indexed" value={formatCount(totalEvents)} testId="index-events" />
            <Stat
              label="Behind the log end"
              value={totalLag === 0n ? 'caught up' : formatCount(totalLag)}
              testId="index-total-lag"
            />
            <Stat
              label="Reading"
              value={rate > 0 ? formatRate(rate) : 'idle'}
              hint="events per second over the last 5 seconds"
            />
            <Stat
              label="Size on disk"
              value={formatBytes(data.bytesOnDisk)}
              hint={data.file ?? undefined}
              testId="index-size"
            />
            <Stat
              label="Per event"
              value={totalEvents > 0 ? `${(data.bytesOnDisk / totalEvents).toFixed(1)} B` : '—'}
              hint="bytes on disk per indexed event"
            />
          </StatList>
          {data.topics
            .filter((t) => t.error)
            .map((t) => (
              <Notice key={t.topic} title={`Indexing ${t.topic} failed; it is tried again`}>
                {t.error}
              </Notice>
            ))}
          <Table
            columns={columns}
            rows={rows}
            rowKey={(r) => `${r.topic}:${r.partition}`}
            loading={status.isPending}
            rowTestId="index-row"
            empty="No stream or topic is indexed: configure event streams, or list topics under keyIndex.topics."
          />
        </>
      ) : null}
      {asking ? (
        <ConfirmDialog
          title={`${LABELS[asking]} the key index?`}
          confirmLabel={LABELS[asking]}
          pending={action.isPending}
          testId="index-confirm"
          onCancel={() => setAsking(null)}
          onConfirm={() => action.mutate({ action: asking }, { onSettled: () => setAsking(null) })}
        >
          {asking === 'rebuild'
            ? 'Forgets every indexed event of this cluster and reads all indexed topics again from the start. Until it catches up, time travel scans what is not indexed yet. The brokers serve the whole topics once more.'
            : asking === 'pause'
              ? 'Stops reading new records into the index. Time travel keeps working: it scans what the index has not reached.'
              : 'Goes on reading from where the index stopped.'}
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
