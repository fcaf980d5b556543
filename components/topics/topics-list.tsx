'use client';
import Link from 'next/link';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Checkbox } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { Page, PageHeader } from '@/components/ui/page-header';
import { Table, type Column } from '@/components/ui/table';
import { SearchBox } from '@/components/ui/search-box';
import { Toolbar, ToolbarNote } from '@/components/ui/toolbar';
import { formatBytes, formatCount, plural } from '@/lib/format';
import { useClusters } from '@/lib/queries/clusters/clusters-query';
import { useTopics } from '@/lib/queries/topics/topics-query';
import { useUrlFlag, useUrlSearchText, useUrlState } from '@/lib/queries/use-url-state';
import type { TopicSummary } from '@/lib/schemas/topics';
import { CreateTopicDialog } from './create-topic-dialog';
import { TopicBadges } from './topic-badges';

type SortKey = 'name' | 'partitions' | 'messages' | 'size';
const SORT_KEYS: SortKey[] = ['name', 'partitions', 'messages', 'size'];

function cleanupInWords(policy: string | null | undefined): string {
  if (!policy) return '—';
  const parts = policy.split(',').map((p) => p.trim());
  return parts.map((p) => (p === 'delete' ? 'retention' : p === 'compact' ? 'compaction' : p)).join(' + ');
}

/** Where the topic pages' "Topics" link goes back to: the list as it was left (search, sort). */
export const TOPIC_LIST_QUERY = 'topics-list-query';

function topicColumns(clusterId: string): Column<TopicSummary>[] {
  return [
    {
      id: 'name',
      header: 'Topic',
      sortValue: (t) => t.name,
      cell: (t) => (
        <div className="flex flex-wrap items-center gap-2">
          <Link
            href={`/clusters/${clusterId}/topics/${encodeURIComponent(t.name)}`}
            className="font-mono text-sm font-medium text-sky-700 hover:underline"
            data-testid="topic-link"
          >
            {t.name}
          </Link>
          <TopicBadges topic={t} />
        </div>
      ),
    },
    {
      id: 'partitions',
      header: 'Partitions',
      numeric: true,
      sortValue: (t) => t.partitionCount,
      cell: (t) => t.partitionCount,
      testId: 'topic-partitions',
    },
    {
      id: 'rf',
      header: 'RF',
      headerTitle: 'Replication factor',
      numeric: true,
      cell: (t) => t.replicationFactor,
      testId: 'topic-rf',
    },
    {
      id: 'messages',
      header: 'Messages',
      numeric: true,
      mono: true,
      sortValue: (t) => t.messageCount,
      cell: (t) => formatCount(t.messageCount),
      title: () => 'Approximate: high minus low watermark, summed over partitions',
      testId: 'topic-messages',
    },
    {
      id: 'size',
      header: 'Size',
      numeric: true,
      className: 'whitespace-nowrap',
      sortValue: (t) => t.sizeBytes,
      cell: (t) => formatBytes(t.sizeBytes),
      title: (t) =>
        t.replicatedSizeBytes !== null
          ? `Leader replicas; ${formatBytes(t.replicatedSizeBytes)} with all replicas`
          : undefined,
      testId: 'topic-size',
    },
    {
      id: 'cleanup',
      header: 'Cleanup policy',
      className: 'text-xs text-slate-600',
      // The policy in words: "delete" alone reads like an action offered on the row.
      cell: (t) => cleanupInWords(t.cleanupPolicy),
      title: (t) => (t.cleanupPolicy ? `cleanup.policy=${t.cleanupPolicy}` : undefined),
      testId: 'topic-cleanup',
    },
  ];
}

export function TopicsListView({ clusterId }: { clusterId: string }) {
  const url = useUrlState();
  const { text, setText } = useUrlSearchText('q');
  const [internal, setInternal] = useUrlFlag('internal');
  const sortParam = url.get('sort') as SortKey | null;
  const sort: SortKey = sortParam && SORT_KEYS.includes(sortParam) ? sortParam : 'name';
  const dir: 'asc' | 'desc' =
    url.get('dir') === 'desc' || (url.get('dir') === null && sort !== 'name') ? 'desc' : 'asc';
  const [creating, setCreating] = useState(false);
  const listQuery = url.params.toString();
  useEffect(() => {
    sessionStorage.setItem(`${TOPIC_LIST_QUERY}:${clusterId}`, listQuery);
  }, [clusterId, listQuery]);
  // The cluster list may already be cached when this part hydrates: read it only after
  // hydration, so that server and client render the same first frame.
  const hydrated = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
  const clusters = useClusters();
  const cluster = hydrated ? clusters.data?.clusters.find((c) => c.id === clusterId) : undefined;

  const onSort = (key: SortKey) => {
    if (key === sort) url.set({ sort: key === 'name' ? null : key, dir: dir === 'asc' ? 'desc' : 'asc' });
    else url.set({ sort: key === 'name' ? null : key, dir: null });
  };

  const topics = useTopics(clusterId, { internal });
  const needle = text.trim().toLowerCase();
  const shown = useMemo(
    () => topics.data?.topics.filter((t) => needle === '' || t.name.toLowerCase().includes(needle)),
    [topics.data, needle],
  );
  const columns = useMemo(() => topicColumns(clusterId), [clusterId]);
  const totals = useMemo(() => {
    let messages = 0;
    let bytes = 0;
    for (const t of shown ?? []) {
      messages += t.messageCount ?? 0;
      bytes += t.sizeBytes ?? 0;
    }
    return { messages, bytes };
  }, [shown]);

  return (
    <Page>
      <PageHeader
        eyebrow={`Cluster ${clusterId}`}
        title="Topics"
        description="Streams of events, their partitions and size. Open a topic to see its partitions, messages, configuration and consumers."
        actions={
          <span
            title={
              cluster?.readOnly
                ? 'This cluster is read-only: the console does not create topics on it'
                : cluster?.role === 'viewer'
                  ? 'Creating topics needs the operator role'
                  : undefined
            }
          >
            <Button
              variant="primary"
              onClick={() => setCreating(true)}
              disabled={!cluster || cluster.readOnly || cluster.role === 'viewer'}
              testId="new-topic"
            >
              New topic
            </Button>
          </span>
        }
      />

      <Toolbar>
        <SearchBox
          value={text}
          onChange={setText}
          placeholder="Search by topic name"
          label="Search topics by name"
          testId="topic-search"
        />
        <Checkbox checked={internal} onChange={setInternal} testId="show-internal-topics">
          Show internal topics
        </Checkbox>
        {shown ? (
          <ToolbarNote testId="topic-count">
            {plural(shown.length, 'topic')} · ≈{formatCount(totals.messages)} messages ·{' '}
            {formatBytes(totals.bytes)}
          </ToolbarNote>
        ) : null}
        {topics.isFetching && topics.data ? <ToolbarNote quiet>refreshing…</ToolbarNote> : null}
      </Toolbar>

      {topics.data?.problems.sizes ? (
        <Notice testId="sizes-problem">
          Sizes on disk could not be read: {topics.data.problems.sizes.message}
        </Notice>
      ) : null}
      {topics.data?.problems.configs ? (
        <Notice testId="configs-problem">
          Cleanup policies could not be read: {topics.data.problems.configs.message}
        </Notice>
      ) : null}

      {topics.isError && !topics.data ? (
        <ErrorPanel title="The topics could not be listed" error={topics.error} testId="topics-error" />
      ) : (
        <Table
          columns={columns}
          rows={shown}
          rowKey={(t) => t.name}
          loading={topics.isPending}
          loadingRows={6}
          sort={{ key: sort, dir }}
          onSort={(key) => onSort(key as SortKey)}
          stickyHeader
          rowHref={(t) => `/clusters/${clusterId}/topics/${encodeURIComponent(t.name)}`}
          testId="topics-table"
          rowTestId="topic-row"
          rowData={(t) => ({ 'data-topic': t.name })}
          // content-visibility lets the browser skip laying out rows far off screen: a list of
          // thousands of topics stays smooth without a virtualised table.
          rowClassName={() => '[contain-intrinsic-size:auto_41px] [content-visibility:auto]'}
          empty={needle ? `No topic name contains “${text.trim()}”.` : 'This cluster has no topics yet.'}
          emptyTestId="topics-empty"
          footer={
            <>
              Messages are approximate (high minus low watermark); size is the leader replicas on disk.
              {topics.data && topics.data.hiddenInternalTopics > 0 ? (
                <span data-testid="hidden-internal-topics">
                  {' '}
                  {topics.data.hiddenInternalTopics} internal{' '}
                  {topics.data.hiddenInternalTopics === 1 ? 'topic' : 'topics'} (Kafka&apos;s, the
                  registry&apos;s, the console&apos;s) not shown.
                </span>
              ) : null}
            </>
          }
        />
      )}

      {creating ? (
        <CreateTopicDialog
          clusterId={clusterId}
          brokerCount={topics.data?.brokerCount ?? 1}
          onClose={() => setCreating(false)}
        />
      ) : null}
    </Page>
  );
}
