'use client';
import Link from 'next/link';
import { useMemo } from 'react';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Select } from '@/components/ui/field';
import { Table, type Column } from '@/components/ui/table';
import { SearchBox } from '@/components/ui/search-box';
import { Toolbar, ToolbarNote, ToolbarSpacer } from '@/components/ui/toolbar';
import { formatCount, plural } from '@/lib/format';
import { useSubjects } from '@/lib/queries/schemas/subjects-query';
import { useUrlSearchText, useUrlState } from '@/lib/queries/use-url-state';
import type { SubjectSummary } from '@/lib/schemas/subjects';
import { GlobalLevelControl } from './compatibility-control';
import { LevelBadge, SchemaTypeBadge } from './schema-badges';

const TYPES = ['AVRO', 'JSON', 'PROTOBUF'] as const;

export function SubjectsListView({ clusterId }: { clusterId: string }) {
  const url = useUrlState();
  const { text, setText } = useUrlSearchText('q');
  const typeParam = url.get('type');
  const type = TYPES.find((t) => t === typeParam);
  const subjects = useSubjects(clusterId);
  const needle = text.trim().toLowerCase();
  const shown = useMemo(
    () =>
      (subjects.data?.subjects ?? []).filter(
        (s) =>
          (needle === '' || s.subject.toLowerCase().includes(needle)) &&
          (type === undefined || s.schemaType === type),
      ),
    [subjects.data, needle, type],
  );
  const subjectHref = (s: SubjectSummary) =>
    `/clusters/${clusterId}/schemas/${encodeURIComponent(s.subject)}`;

  const columns: Column<SubjectSummary>[] = [
    {
      id: 'subject',
      header: 'Subject',
      sortValue: (s) => s.subject,
      cell: (s) => (
        <Link
          href={subjectHref(s)}
          className="font-mono text-sm font-medium text-sky-700 hover:underline"
          data-testid="subject-link"
        >
          {s.subject}
        </Link>
      ),
    },
    { id: 'type', header: 'Type', cell: (s) => <SchemaTypeBadge type={s.schemaType} /> },
    {
      id: 'versions',
      header: 'Versions',
      numeric: true,
      testId: 'subject-versions',
      cell: (s) => (
        <span
          title={
            s.deletedVersionCount
              ? `${plural(s.deletedVersionCount, 'soft-deleted version')} not counted`
              : undefined
          }
        >
          {formatCount(s.versionCount)}
          {s.deletedVersionCount ? (
            <span className="text-slate-400"> +{s.deletedVersionCount} deleted</span>
          ) : null}
        </span>
      ),
    },
    { id: 'latest', header: 'Latest', numeric: true, cell: (s) => `v${s.latestVersion}` },
    {
      id: 'id',
      header: 'Id',
      numeric: true,
      mono: true,
      headerTitle: 'The id serializers write into each record',
      cell: (s) => s.latestId,
    },
    {
      id: 'level',
      header: 'Compatibility',
      cell: (s) => <LevelBadge level={s.compatibility.level} source={s.compatibility.source} />,
    },
    {
      id: 'topics',
      header: 'Topics',
      headerTitle: 'Existing topics named by TopicNameStrategy: <topic>-value, <topic>-key',
      cell: (s) =>
        s.topics.length ? (
          s.topics.map((t) => (
            <Link
              key={t.topic}
              href={`/clusters/${clusterId}/topics/${encodeURIComponent(t.topic)}`}
              className="font-mono text-xs text-sky-700 hover:underline"
            >
              {t.topic} <span className="text-slate-400">({t.role})</span>
            </Link>
          ))
        ) : (
          <span className="text-xs text-slate-400">—</span>
        ),
    },
  ];

  return (
    <div className="mx-auto max-w-6xl space-y-5 p-8">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <div className="text-xs font-medium uppercase tracking-wide text-slate-500">
            Cluster {clusterId}
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">Schemas</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">
            Every subject of the schema registry. Open one to compare any two versions field by field, see
            whether each can read the other&apos;s data, and check a draft before registering it.
          </p>
        </div>
        {subjects.data ? (
          <GlobalLevelControl clusterId={clusterId} level={subjects.data.globalCompatibility} />
        ) : null}
      </header>

      <Toolbar>
        <SearchBox
          value={text}
          onChange={setText}
          placeholder="Search by subject"
          label="Search subjects"
          testId="subject-search"
        />
        <Select
          value={type ?? ''}
          onChange={(e) => url.set({ type: e.target.value })}
          aria-label="Schema type"
          testId="subject-type"
        >
          <option value="">All types</option>
          <option value="AVRO">Avro</option>
          <option value="JSON">JSON Schema</option>
          <option value="PROTOBUF">Protobuf</option>
        </Select>
        {subjects.data ? (
          <ToolbarNote testId="subject-count">{plural(shown.length, 'subject')}</ToolbarNote>
        ) : null}
        <ToolbarSpacer />
        {subjects.isFetching && subjects.data ? <ToolbarNote quiet>refreshing…</ToolbarNote> : null}
      </Toolbar>

      {subjects.data?.problems.topics ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="topics-problem">
          The topics of each subject could not be read: {subjects.data.problems.topics.message}
        </p>
      ) : null}

      {subjects.isError ? (
        <ErrorPanel title="The subjects could not be listed" error={subjects.error} testId="subjects-error" />
      ) : (
        <Table
          columns={columns}
          rows={subjects.data ? shown : undefined}
          rowKey={(s) => s.subject}
          loading={subjects.isPending}
          rowHref={subjectHref}
          rowTestId="subject-row"
          rowData={(s) => ({ 'data-subject': s.subject })}
          testId="subjects-table"
          empty={needle || type ? 'No subject matches.' : 'The registry has no subjects yet.'}
          emptyTestId="subjects-empty"
          footer={
            subjects.data ? (
              <>
                Global compatibility level: <LevelBadge level={subjects.data.globalCompatibility} />
              </>
            ) : undefined
          }
        />
      )}
    </div>
  );
}
