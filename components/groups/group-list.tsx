'use client';
import { useRouter } from 'next/navigation';
import { useMemo, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Checkbox, Input } from '@/components/ui/field';
import { Page, PageHeader } from '@/components/ui/page-header';
import { Table, type Column } from '@/components/ui/table';
import { SearchBox } from '@/components/ui/search-box';
import { Toolbar, ToolbarNote } from '@/components/ui/toolbar';
import { formatCount, plural } from '@/lib/format';
import { useGroups } from '@/lib/queries/groups/groups-query';
import { useUrlFlag, useUrlSearchText, useUrlState } from '@/lib/queries/use-url-state';
import type { GroupSummary } from '@/lib/schemas/groups';
import { GroupStateBadge, GroupTypeBadge } from './group-badges';
import { GroupLink, LagFigure } from './group-cells';

function TopicsCell({ topics }: { topics: string[] }) {
  if (topics.length === 0) return <span className="text-slate-400">none committed</span>;
  const shown = topics.slice(0, 3);
  return (
    <span className="font-mono text-xs" title={topics.join(', ')}>
      {shown.join(', ')}
      {topics.length > shown.length ? (
        <span className="text-slate-500"> +{formatCount(topics.length - shown.length)}</span>
      ) : null}
    </span>
  );
}

function groupColumns(clusterId: string): Column<GroupSummary>[] {
  return [
    {
      id: 'group',
      header: 'Group',
      // Ids break at their hyphens, not inside words, when the window is narrow.
      className: 'break-words',
      cell: (g) => <GroupLink clusterId={clusterId} group={g.id} system={g.system} testId="group-link" />,
      sortValue: (g) => g.id,
    },
    { id: 'type', header: 'Type', cell: (g) => <GroupTypeBadge type={g.type} />, testId: 'group-type' },
    {
      id: 'protocol',
      header: 'Protocol',
      mono: true,
      className: 'text-xs text-slate-600',
      cell: (g) =>
        g.protocolType || (
          <span
            className="text-slate-400"
            title="The group only has committed offsets; no member ever said which protocol"
          >
            —
          </span>
        ),
      testId: 'group-protocol-type',
    },
    { id: 'state', header: 'State', cell: (g) => <GroupStateBadge state={g.state} />, testId: 'group-state' },
    {
      id: 'members',
      header: 'Members',
      numeric: true,
      cell: (g) => formatCount(g.members),
      testId: 'group-members',
      sortValue: (g) => g.members,
    },
    { id: 'topics', header: 'Topics', cell: (g) => <TopicsCell topics={g.topics} /> },
    {
      id: 'lag',
      header: 'Total lag',
      numeric: true,
      cell: (g) => <LagFigure lag={g.totalLag} />,
      testId: 'group-lag',
      sortValue: (g) => (g.totalLag === null ? null : BigInt(g.totalLag)),
    },
  ];
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
      <Input
        value={id}
        onChange={(e) => setId(e.target.value)}
        placeholder="open a group, new or existing"
        aria-label="Group id to open"
        mono
        className="w-72"
        testId="open-group-input"
      />
      <Button type="submit">Open</Button>
    </form>
  );
}

export function GroupListView({ clusterId }: { clusterId: string }) {
  const { text, setText, inUrl: q } = useUrlSearchText('q');
  const [system, setSystem] = useUrlFlag('system');

  const groups = useGroups(clusterId, { q, system });
  const list = groups.data?.groups ?? [];
  const running = list.filter((g) => g.running).length;
  const columns = useMemo(() => groupColumns(clusterId), [clusterId]);
  // Sorted by id, or (kept in the URL) by members or lag: which read model is furthest behind.
  const url = useUrlState();
  const sortParam = url.get('sort');
  const sort = sortParam === 'lag' || sortParam === 'members' ? sortParam : 'group';
  const dir: 'asc' | 'desc' =
    url.get('dir') === 'desc' || (url.get('dir') === null && sort !== 'group') ? 'desc' : 'asc';
  const onSort = (key: string) => {
    if (key === sort) url.set({ sort: key === 'group' ? null : key, dir: dir === 'asc' ? 'desc' : 'asc' });
    else url.set({ sort: key === 'group' ? null : key, dir: null });
  };

  return (
    <Page>
      <PageHeader
        eyebrow={`Cluster ${clusterId}`}
        title="Consumer groups"
        description="Read models and their lag. Open a group to see its members, lag over time, or to replay it from an offset."
        actions={<OpenGroupForm clusterId={clusterId} />}
      />

      <Toolbar>
        <SearchBox
          value={text}
          onChange={setText}
          placeholder="Search by group id"
          label="Search groups by id"
          testId="group-search"
        />
        <Checkbox checked={system} onChange={setSystem} testId="show-system-groups">
          Show system groups
        </Checkbox>
        {groups.data ? (
          <ToolbarNote testId="group-count">
            {plural(list.length, 'group')}
            {running ? `, ${running} running` : ''}
          </ToolbarNote>
        ) : null}
      </Toolbar>

      {groups.isError && !groups.data ? (
        <ErrorPanel
          title="The consumer groups could not be listed"
          error={groups.error}
          testId="groups-error"
        />
      ) : (
        <Table
          columns={columns}
          rows={groups.data?.groups}
          rowKey={(g) => g.id}
          loading={groups.isPending}
          sort={{ key: sort, dir }}
          onSort={onSort}
          rowHref={(g) => `/clusters/${clusterId}/groups/${encodeURIComponent(g.id)}`}
          testId="groups-table"
          rowTestId="group-row"
          rowData={(g) => ({ 'data-group': g.id })}
          empty={q ? `No group id contains “${q}”.` : 'This cluster has no consumer groups yet.'}
          emptyTestId="groups-empty"
          footer={
            groups.data && groups.data.hiddenSystemGroups > 0 ? (
              <span data-testid="hidden-system-groups">
                {groups.data.hiddenSystemGroups} system{' '}
                {groups.data.hiddenSystemGroups === 1 ? 'group' : 'groups'} (schema registry storage) not
                shown.
              </span>
            ) : null
          }
        />
      )}
    </Page>
  );
}
