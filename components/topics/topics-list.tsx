'use client';
import Link from 'next/link';
import { useMemo, useState, useSyncExternalStore } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Skeleton } from '@/components/ui/skeleton';
import { useUrlFlag, useUrlSearchText, useUrlState } from '@/lib/queries/use-url-state';
import { useClusters } from '@/lib/queries/clusters/clusters-query';
import { useTopics } from '@/lib/queries/topics/topics-query';
import type { TopicSummary } from '@/lib/schemas/topics';
import { CreateTopicDialog } from './create-topic-dialog';
import { formatBytes, formatCount } from '@/lib/format';
import { TopicBadges } from './topic-badges';

type SortKey = 'name' | 'partitions' | 'messages' | 'size';
const SORT_KEYS: SortKey[] = ['name', 'partitions', 'messages', 'size'];

function compare(a: TopicSummary, b: TopicSummary, key: SortKey): number {
  const num = (x: number | null) => x ?? -1;
  switch (key) {
    case 'partitions':
      return a.partitionCount - b.partitionCount;
    case 'messages':
      return num(a.messageCount) - num(b.messageCount);
    case 'size':
      return num(a.sizeBytes) - num(b.sizeBytes);
    default:
      return a.name.localeCompare(b.name);
  }
}

function SortHeader({ label, sortKey, current, dir, onSort, align = 'left' }: { label: string; sortKey: SortKey; current: SortKey; dir: 'asc' | 'desc'; onSort: (k: SortKey) => void; align?: 'left' | 'right' }) {
  const active = current === sortKey;
  return (
    <th className={`py-2.5 pr-4 font-medium ${align === 'right' ? 'text-right' : 'text-left'}`} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" onClick={() => onSort(sortKey)} className={`inline-flex items-center gap-1 uppercase tracking-wide hover:text-slate-800 ${active ? 'text-slate-800' : ''}`} data-testid={`sort-${sortKey}`}>
        {label}
        <span aria-hidden className={`text-[10px] ${active ? 'text-sky-700' : 'text-slate-300'}`}>
          {active ? (dir === 'asc' ? '▲' : '▼') : '▲'}
        </span>
      </button>
    </th>
  );
}

function TopicRow({ clusterId, topic }: { clusterId: string; topic: TopicSummary }) {
  return (
    // content-visibility lets the browser skip laying out rows far off screen: a list of
    // thousands of topics stays smooth without a virtualised table.
    <tr className="border-t border-slate-100 hover:bg-slate-50 [contain-intrinsic-size:auto_41px] [content-visibility:auto]" data-testid="topic-row" data-topic={topic.name}>
      <td className="py-2 pr-4">
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/clusters/${clusterId}/topics/${encodeURIComponent(topic.name)}`} className="font-mono text-sm font-medium text-sky-700 hover:underline" data-testid="topic-link">
            {topic.name}
          </Link>
          <TopicBadges topic={topic} />
        </div>
      </td>
      <td className="py-2 pr-4 text-right tabular-nums" data-testid="topic-partitions">
        {topic.partitionCount}
      </td>
      <td className="py-2 pr-4 text-right tabular-nums" data-testid="topic-rf">
        {topic.replicationFactor}
      </td>
      <td className="py-2 pr-4 text-right font-mono tabular-nums" data-testid="topic-messages" title="Approximate: high minus low watermark, summed over partitions">
        {formatCount(topic.messageCount)}
      </td>
      <td className="py-2 pr-4 text-right tabular-nums" data-testid="topic-size" title={topic.replicatedSizeBytes !== null ? `Leader replicas; ${formatBytes(topic.replicatedSizeBytes)} with all replicas` : undefined}>
        {formatBytes(topic.sizeBytes)}
      </td>
      <td className="py-2 font-mono text-xs text-slate-600" data-testid="topic-cleanup">
        {topic.cleanupPolicy ?? '—'}
      </td>
    </tr>
  );
}

export function TopicsListView({ clusterId }: { clusterId: string }) {
  const url = useUrlState();
  const { text, setText } = useUrlSearchText('q');
  const [internal, setInternal] = useUrlFlag('internal');
  const sortParam = url.get('sort') as SortKey | null;
  const sort: SortKey = sortParam && SORT_KEYS.includes(sortParam) ? sortParam : 'name';
  const dir: 'asc' | 'desc' = url.get('dir') === 'desc' || (url.get('dir') === null && sort !== 'name') ? 'desc' : 'asc';
  const [creating, setCreating] = useState(false);
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
  const shown = useMemo(() => {
    const list = (topics.data?.topics ?? []).filter((t) => needle === '' || t.name.toLowerCase().includes(needle));
    const sign = dir === 'asc' ? 1 : -1;
    return list.sort((a, b) => sign * compare(a, b, sort) || a.name.localeCompare(b.name));
  }, [topics.data, needle, sort, dir]);
  const totals = useMemo(() => {
    let messages = 0;
    let bytes = 0;
    for (const t of shown) {
      messages += t.messageCount ?? 0;
      bytes += t.sizeBytes ?? 0;
    }
    return { messages, bytes };
  }, [shown]);

  return (
    <div className="mx-auto max-w-6xl space-y-5 p-8">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <div className="text-xs font-medium uppercase tracking-wide text-slate-500">Cluster {clusterId}</div>
          <h1 className="text-2xl font-semibold tracking-tight">Topics</h1>
          <p className="mt-1 text-sm text-slate-600">Streams of events, their partitions and size. Open a topic to see its partitions, messages, configuration and consumers.</p>
        </div>
        <span title={cluster?.readOnly ? 'This cluster is read-only: the console does not create topics on it' : undefined}>
          <Button variant="primary" onClick={() => setCreating(true)} disabled={!cluster || cluster.readOnly} testId="new-topic">
            New topic
          </Button>
        </span>
      </header>

      <div className="flex flex-wrap items-center gap-4">
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Search by topic name"
          aria-label="Search topics by name"
          className="w-72 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
          data-testid="topic-search"
        />
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} data-testid="show-internal-topics" />
          Show internal topics
        </label>
        {topics.data ? (
          <span className="text-sm text-slate-500" data-testid="topic-count">
            {shown.length} {shown.length === 1 ? 'topic' : 'topics'} · ≈{formatCount(totals.messages)} messages · {formatBytes(totals.bytes)}
          </span>
        ) : null}
        {topics.isFetching && topics.data ? <span className="text-xs text-slate-400">refreshing…</span> : null}
      </div>

      {topics.data?.problems.sizes ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="sizes-problem">
          Sizes on disk could not be read: {topics.data.problems.sizes.message}
        </p>
      ) : null}
      {topics.data?.problems.configs ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="configs-problem">
          Cleanup policies could not be read: {topics.data.problems.configs.message}
        </p>
      ) : null}

      {topics.isPending ? (
        <div className="space-y-2">
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <Skeleton key={i} className="h-9" />
          ))}
        </div>
      ) : topics.isError ? (
        <ErrorPanel title="The topics could not be listed" error={topics.error} testId="topics-error" />
      ) : (
        <section className="overflow-x-auto rounded-lg border border-slate-200 bg-white px-4 pb-2 shadow-sm">
          <table className="w-full text-sm" data-testid="topics-table">
            <thead className="sticky top-0 bg-white">
              <tr className="text-xs text-slate-500">
                <SortHeader label="Topic" sortKey="name" current={sort} dir={dir} onSort={onSort} />
                <SortHeader label="Partitions" sortKey="partitions" current={sort} dir={dir} onSort={onSort} align="right" />
                <th className="py-2.5 pr-4 text-right font-medium uppercase tracking-wide" title="Replication factor">
                  RF
                </th>
                <SortHeader label="Messages" sortKey="messages" current={sort} dir={dir} onSort={onSort} align="right" />
                <SortHeader label="Size" sortKey="size" current={sort} dir={dir} onSort={onSort} align="right" />
                <th className="py-2.5 text-left font-medium uppercase tracking-wide">Cleanup</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((t) => (
                <TopicRow key={t.name} clusterId={clusterId} topic={t} />
              ))}
            </tbody>
          </table>
          {shown.length === 0 ? (
            <p className="py-6 text-center text-sm text-slate-500" data-testid="topics-empty">
              {needle ? `No topic name contains “${text.trim()}”.` : 'This cluster has no topics yet.'}
            </p>
          ) : null}
          <p className="border-t border-slate-100 py-2 text-xs text-slate-500">
            Messages are approximate (high minus low watermark); size is the leader replicas on disk.
            {topics.data.hiddenInternalTopics > 0 ? (
              <span data-testid="hidden-internal-topics">
                {' '}
                {topics.data.hiddenInternalTopics} internal {topics.data.hiddenInternalTopics === 1 ? 'topic' : 'topics'} (Kafka&apos;s, the registry&apos;s, the console&apos;s) not shown.
              </span>
            ) : null}
          </p>
        </section>
      )}

      {creating ? <CreateTopicDialog clusterId={clusterId} brokerCount={topics.data?.brokerCount ?? 1} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
