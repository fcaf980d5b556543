'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Skeleton } from '@/components/ui/skeleton';
import { useUrlFlag, useUrlSearchText } from '@/lib/queries/use-url-state';
import { useGroups } from '@/lib/queries/groups/groups-query';
import type { GroupSummary } from '@/lib/schemas/groups';
import { formatCount } from '@/lib/format';
import { GroupStateBadge, GroupTypeBadge } from './group-badges';

function TopicsCell({ topics }: { topics: string[] }) {
  if (topics.length === 0) return <span className="text-slate-400">none committed</span>;
  const shown = topics.slice(0, 3);
  return (
    <span className="font-mono text-xs" title={topics.join(', ')}>
      {shown.join(', ')}
      {topics.length > shown.length ? <span className="text-slate-500"> +{topics.length - shown.length}</span> : null}
    </span>
  );
}

function LagCell({ lag }: { lag: string | null }) {
  if (lag === null) return <span className="text-slate-400">—</span>;
  const behind = BigInt(lag) > 0n;
  return <span className={`font-mono tabular-nums ${behind ? 'font-semibold text-amber-700' : 'text-emerald-700'}`}>{formatCount(lag)}</span>;
}

function GroupRow({ clusterId, group }: { clusterId: string; group: GroupSummary }) {
  return (
    <tr className="border-t border-slate-100 hover:bg-slate-50" data-testid="group-row" data-group={group.id}>
      <td className="break-all py-2 pr-3">
        <Link href={`/clusters/${clusterId}/groups/${encodeURIComponent(group.id)}`} className="font-mono text-sm font-medium text-sky-700 hover:underline" data-testid="group-link">
          {group.id}
        </Link>
        {group.system ? <span className="ml-2 text-[11px] uppercase tracking-wide text-slate-400">system</span> : null}
      </td>
      <td className="py-2 pr-3" data-testid="group-type">
        <GroupTypeBadge type={group.type} />
      </td>
      <td className="py-2 pr-3 font-mono text-xs text-slate-600" data-testid="group-protocol-type">
        {group.protocolType || <span className="text-slate-400" title="The group only has committed offsets; no member ever said which protocol">—</span>}
      </td>
      <td className="py-2 pr-3" data-testid="group-state">
        <GroupStateBadge state={group.state} />
      </td>
      <td className="py-2 pr-3 text-right tabular-nums" data-testid="group-members">
        {group.members}
      </td>
      <td className="py-2 pr-3">
        <TopicsCell topics={group.topics} />
      </td>
      <td className="py-2 text-right" data-testid="group-lag">
        <LagCell lag={group.totalLag} />
      </td>
    </tr>
  );
}

/** Opens a group by id, also one that does not exist yet: the way to start a new read model. */
function OpenGroupForm({ clusterId }: { clusterId: string }) {
  const router = useRouter();
  const [id, setId] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (id.trim()) router.push(`/clusters/${clusterId}/groups/${encodeURIComponent(id.trim())}`);
  };
  return (
    <form onSubmit={submit} className="flex items-center gap-2" data-testid="open-group-form">
      <input
        value={id}
        onChange={(e) => setId(e.target.value)}
        placeholder="open a group, new or existing"
        aria-label="Group id to open"
        className="w-64 rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm"
        data-testid="open-group-input"
      />
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
        Open
      </button>
    </form>
  );
}

export function GroupListView({ clusterId }: { clusterId: string }) {
  const { text, setText, inUrl: q } = useUrlSearchText('q');
  const [system, setSystem] = useUrlFlag('system');

  const groups = useGroups(clusterId, { q, system });
  const list = groups.data?.groups ?? [];
  const running = list.filter((g) => g.running).length;

  return (
    <div className="mx-auto max-w-6xl space-y-5 p-8">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <div className="text-xs font-medium uppercase tracking-wide text-slate-500">Cluster {clusterId}</div>
          <h1 className="text-2xl font-semibold tracking-tight">Consumer groups</h1>
          <p className="mt-1 text-sm text-slate-600">Read models and their lag. Open a group to see its members, lag over time, or to replay it from an offset.</p>
        </div>
        <OpenGroupForm clusterId={clusterId} />
      </header>

      <div className="flex flex-wrap items-center gap-4">
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Search by group id"
          aria-label="Search groups by id"
          className="w-72 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
          data-testid="group-search"
        />
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={system} onChange={(e) => setSystem(e.target.checked)} data-testid="show-system-groups" />
          Show system groups
        </label>
        {groups.data ? (
          <span className="text-sm text-slate-500" data-testid="group-count">
            {list.length} {list.length === 1 ? 'group' : 'groups'}
            {running ? `, ${running} running` : ''}
          </span>
        ) : null}
      </div>

      {groups.isPending ? (
        <div className="space-y-2">
          {[0, 1, 2, 3, 4].map((i) => (
            <Skeleton key={i} className="h-9" />
          ))}
        </div>
      ) : groups.isError ? (
        <ErrorPanel title="The consumer groups could not be listed" error={groups.error} testId="groups-error" />
      ) : (
        <section className="overflow-x-auto rounded-lg border border-slate-200 bg-white px-4 pb-2 shadow-sm">
          <table className="w-full text-sm" data-testid="groups-table">
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
                <th className="py-2.5 pr-3 font-medium">Group</th>
                <th className="py-2.5 pr-3 font-medium">Type</th>
                <th className="py-2.5 pr-3 font-medium">Protocol</th>
                <th className="py-2.5 pr-3 font-medium">State</th>
                <th className="py-2.5 pr-3 text-right font-medium">Members</th>
                <th className="py-2.5 pr-3 font-medium">Topics</th>
                <th className="whitespace-nowrap py-2.5 text-right font-medium">Total lag</th>
              </tr>
            </thead>
            <tbody>
              {list.map((g) => (
                <GroupRow key={g.id} clusterId={clusterId} group={g} />
              ))}
            </tbody>
          </table>
          {list.length === 0 ? (
            <p className="py-6 text-center text-sm text-slate-500" data-testid="groups-empty">
              {q ? `No group id contains “${q}”.` : 'This cluster has no consumer groups yet.'}
            </p>
          ) : null}
          {groups.data.hiddenSystemGroups > 0 ? (
            <p className="border-t border-slate-100 py-2 text-xs text-slate-500" data-testid="hidden-system-groups">
              {groups.data.hiddenSystemGroups} system {groups.data.hiddenSystemGroups === 1 ? 'group' : 'groups'} (schema registry storage) not shown.
            </p>
          ) : null}
        </section>
      )}
    </div>
  );
}
