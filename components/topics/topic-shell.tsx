'use client';
import Link from 'next/link';
import { useSyncExternalStore, type ReactNode } from 'react';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Stat, StatList } from '@/components/ui/stat';
import { TabLinks } from '@/components/ui/tabs';
import { errorCode } from '@/lib/queries/api-error';
import { useTopic } from '@/lib/queries/topics/topic-query';
import { formatBytes, formatCount } from '@/lib/format';
import { TopicBadges } from './topic-badges';
import { TOPIC_LIST_QUERY } from './topics-list';

function TopicHeader({ topic, detail }: { topic: string; detail: ReturnType<typeof useTopic> }) {
  const data = detail.data;
  return (
    <header className="rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm">
      <div className="flex flex-wrap items-center gap-3">
        <h1
          className="break-all font-mono text-2xl font-semibold tracking-tight text-slate-900"
          data-testid="topic-name"
        >
          {topic}
        </h1>
        {data ? <TopicBadges topic={data} /> : null}
      </div>
      {data ? (
        <StatList variant="inline" className="mt-3">
          <Stat
            variant="inline"
            label="Partitions"
            value={data.partitionCount}
            testId="topic-partition-count"
          />
          <Stat
            variant="inline"
            label="Replication"
            value={data.replicationFactor}
            hint="Replication factor"
            testId="topic-replication"
          />
          <Stat
            variant="inline"
            label="Messages"
            value={`≈${formatCount(data.messageCount)}`}
            hint="Approximate: high minus low watermark, summed over partitions"
            testId="topic-message-count"
          />
          <Stat
            variant="inline"
            label="Size"
            value={formatBytes(data.sizeBytes)}
            hint={
              data.replicatedSizeBytes !== null
                ? `Leader replicas on disk; ${formatBytes(data.replicatedSizeBytes)} with all replicas`
                : 'Sizes could not be read'
            }
            testId="topic-size"
          />
          <Stat
            variant="inline"
            label="Cleanup"
            value={<span className="font-mono text-base">{data.cleanupPolicy ?? '—'}</span>}
            testId="topic-cleanup-policy"
          />
        </StatList>
      ) : detail.isPending ? (
        <StatList variant="inline" placeholders={5} className="mt-3" />
      ) : null}
    </header>
  );
}

/**
 * The frame of every topic page: the topic's name, badges and figures, and the tabs. A topic
 * that does not exist is said in words here, once, instead of in every tab.
 */
export function TopicShell({
  clusterId,
  topic,
  children,
}: {
  clusterId: string;
  topic: string;
  children: ReactNode;
}) {
  const detail = useTopic(clusterId, topic);
  // Back to the list with the search and sort it was left with (kept per tab in sessionStorage).
  const listQuery = useSyncExternalStore(
    () => () => {},
    () => sessionStorage.getItem(`${TOPIC_LIST_QUERY}:${clusterId}`) ?? '',
    () => '',
  );
  const base = `/clusters/${clusterId}/topics/${encodeURIComponent(topic)}`;
  const data = detail.data;
  const missing = detail.isError && !data;

  return (
    <div className="mx-auto max-w-7xl space-y-5 p-8">
      <div className="text-sm text-slate-500">
        <Link
          href={`/clusters/${clusterId}/topics${listQuery ? `?${listQuery}` : ''}`}
          className="hover:text-slate-800 hover:underline"
          data-testid="back-to-topics"
        >
          Topics
        </Link>
        <span className="mx-1.5 text-slate-300">/</span>
        <span className="font-mono text-slate-700">{topic}</span>
      </div>

      {missing ? null : <TopicHeader topic={topic} detail={detail} />}

      {missing ? (
        <div className="space-y-3">
          <ErrorPanel
            title={
              errorCode(detail.error) === 'UNKNOWN_TOPIC' ? 'No such topic' : 'The topic could not be shown'
            }
            error={detail.error}
            testId="topic-error"
          />
          <Link href={`/clusters/${clusterId}/topics`} className="text-sm text-sky-700 hover:underline">
            Back to the topics of this cluster
          </Link>
        </div>
      ) : (
        <>
          <TabLinks
            label="Topic views"
            tabs={[
              { label: 'Partitions', href: base, testId: 'tab-partitions' },
              { label: 'Messages', href: `${base}/messages`, testId: 'tab-messages' },
              { label: 'Configuration', href: `${base}/config`, testId: 'tab-config' },
              { label: 'Consumers', href: `${base}/consumers`, testId: 'tab-consumers' },
              { label: 'Produce', href: `${base}/produce`, testId: 'tab-produce' },
            ]}
          />
          {children}
        </>
      )}
    </div>
  );
}
