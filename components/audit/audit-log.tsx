'use client';
import { useMemo } from 'react';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Select } from '@/components/ui/field';
import { Page, PageHeader } from '@/components/ui/page-header';
import { Table, type Column } from '@/components/ui/table';
import { SearchBox } from '@/components/ui/search-box';
import { Toolbar, ToolbarNote } from '@/components/ui/toolbar';
import { formatCount, formatTimestamp, plural } from '@/lib/format';
import { useAuditEntries } from '@/lib/queries/audit/audit-query';
import { useUrlSearchText, useUrlState } from '@/lib/queries/use-url-state';
import type { AuditEntryView } from '@/lib/schemas/audit';

/** The details of an entry in one line: `partition=2 offset=1680 …`, full JSON on hover. */
function Details({ details }: { details: Record<string, unknown> }) {
  const parts = Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  const text = parts.join('  ');
  return (
    <span
      className="block truncate font-mono text-xs text-slate-600"
      title={JSON.stringify(details, null, 2)}
    >
      {text || <span className="text-slate-400">—</span>}
    </span>
  );
}

const columns: Column<AuditEntryView>[] = [
  {
    id: 'at',
    header: 'When (UTC)',
    width: 'w-48',
    mono: true,
    className: 'whitespace-nowrap text-xs',
    cell: (e) => formatTimestamp(Date.parse(e.at)),
    testId: 'audit-at',
  },
  {
    id: 'actor',
    header: 'Who',
    width: 'w-24 xl:w-28',
    cell: (e) => <span className="font-medium">{e.actor}</span>,
    testId: 'audit-actor',
  },
  {
    id: 'action',
    header: 'Did',
    width: 'w-36',
    mono: true,
    className: 'whitespace-nowrap text-xs',
    cell: (e) => e.action,
    testId: 'audit-action',
  },
  {
    id: 'target',
    header: 'To',
    width: 'w-36 xl:w-64',
    mono: true,
    className: 'whitespace-nowrap text-xs',
    title: (e) => e.target,
    cell: (e) => e.target,
    testId: 'audit-target',
  },
  { id: 'details', header: 'Details', cell: (e) => <Details details={e.details} /> },
];

export function AuditLog({ clusterId }: { clusterId: string }) {
  const url = useUrlState();
  const actorSearch = useUrlSearchText('actor');
  const textSearch = useUrlSearchText('q');
  const action = url.get('action') ?? '';
  const filters = useMemo(
    () => ({
      actor: actorSearch.inUrl || undefined,
      action: action || undefined,
      q: textSearch.inUrl || undefined,
    }),
    [actorSearch.inUrl, action, textSearch.inUrl],
  );
  const audit = useAuditEntries(clusterId, filters);
  const filtered = Boolean(filters.actor || filters.action || filters.q);

  return (
    <Page>
      <PageHeader
        eyebrow={`Cluster ${clusterId}`}
        title="Audit trail"
        description="Every write made through the console on this cluster: who, what, when and to which target, newest first. Read from the cluster's _console-audit topic, which the console itself never lets anyone write to."
      />
      <Toolbar>
        <SearchBox
          value={actorSearch.text}
          onChange={actorSearch.setText}
          placeholder="Who"
          label="Filter by user"
          className="w-40"
          testId="audit-actor-filter"
        />
        <Select
          value={action}
          onChange={(e) => url.set({ action: e.target.value })}
          aria-label="Filter by action"
          testId="audit-action-filter"
        >
          <option value="">Any action</option>
          {(audit.data?.actions ?? (action ? [action] : [])).map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </Select>
        <SearchBox
          value={textSearch.text}
          onChange={textSearch.setText}
          placeholder="Topic, group or detail"
          label="Filter by target or details"
          className="w-64"
          testId="audit-text-filter"
        />
        {audit.data ? (
          <ToolbarNote testId="audit-count">
            {filtered
              ? `${plural(audit.data.entries.length, 'entry', 'entries')} of the newest ${formatCount(audit.data.scanned)}`
              : `newest ${plural(audit.data.entries.length, 'entry', 'entries')}`}
            {` (${formatCount(audit.data.total)} in all)`}
          </ToolbarNote>
        ) : null}
      </Toolbar>
      {audit.isError && !audit.data ? (
        <ErrorPanel title="The audit trail could not be read" error={audit.error} testId="audit-error" />
      ) : (
        <Table
          columns={columns}
          rows={audit.data?.entries}
          rowKey={(e) => e.offset}
          // Fixed columns: a long target truncates and the details keep the rest of the row at 1024 px.
          fixed
          loading={audit.isPending}
          testId="audit-table"
          rowTestId="audit-row"
          empty={
            filtered
              ? 'No entry matches these filters.'
              : 'Nothing has been written through the console on this cluster yet.'
          }
          emptyTestId="audit-empty"
        />
      )}
    </Page>
  );
}
