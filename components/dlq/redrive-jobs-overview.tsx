'use client';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Table, type Column } from '@/components/ui/table';
import { formatCount, formatTimestamp } from '@/lib/format';
import { errorCode } from '@/lib/queries/api-error';
import { useAllRedriveJobs } from '@/lib/queries/dlq/all-redrive-jobs-query';
import type { RedriveJobOverview } from '@/lib/schemas/dlq';
import { dlqHref } from './links';
import { JobProgress, jobTone } from './redrive-jobs';

type Row = RedriveJobOverview['jobs'][number];

/** Every redrive job of the cluster: state, counts, who started it, from where to where, its audit trail. */
export function RedriveJobsOverview({ clusterId }: { clusterId: string }) {
  const jobs = useAllRedriveJobs(clusterId);
  if (jobs.error)
    return (
      <ErrorPanel
        title="Redrive jobs could not be read"
        message={jobs.error.message}
        code={errorCode(jobs.error)}
        testId="all-jobs-error"
      />
    );
  const columns: Column<Row>[] = [
    {
      id: 'status',
      header: 'State',
      cell: (j) => <Badge tone={jobTone[j.status]}>{j.status}</Badge>,
      testId: 'all-jobs-status',
    },
    {
      id: 'from',
      header: 'From',
      cell: (j) => (
        <Link
          href={dlqHref(clusterId, j.sourceTopic)}
          className="font-mono text-xs text-sky-700 hover:underline"
        >
          {j.sourceTopic}
        </Link>
      ),
    },
    {
      id: 'to',
      header: 'To',
      mono: true,
      className: 'text-xs',
      cell: (j) => j.destination ?? (j.destinations.join(', ') || 'origin topics'),
    },
    {
      id: 'progress',
      header: 'Sent, skipped, failed',
      cell: (j) => <JobProgress job={j} />,
      width: 'w-56 xl:w-80',
    },
    {
      id: 'who',
      header: 'Started',
      cell: (j) => (
        // Who, then when: two short lines leave the row's width to the progress at 1024 px.
        <span className="block text-xs text-slate-600">
          {j.startedBy}
          <span className="block whitespace-nowrap">{formatTimestamp(j.createdAt, 's')}</span>
        </span>
      ),
      sortValue: (j) => j.createdAt,
    },
    {
      id: 'audit',
      header: 'Audit',
      cell: (j) =>
        j.audit.length ? (
          <ul className="space-y-0.5 text-[11px] text-slate-600">
            {j.audit.map((a) => (
              <li key={`${a.at}-${a.action}`} className="whitespace-nowrap">
                {a.action.replace('redrive-', '') === 'redrive' ? 'start' : a.action.replace('redrive-', '')}{' '}
                by {a.actor}, {a.at.slice(11, 19)}
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-[11px] text-slate-400">
            not in the newest {formatCount(jobs.data?.auditScanned ?? 0)} audit entries
          </span>
        ),
    },
  ];
  return (
    <section className="space-y-2" data-testid="all-jobs">
      <h2 className="text-lg font-semibold tracking-tight">Redrive jobs</h2>
      <Table
        columns={columns}
        rows={jobs.data?.jobs}
        rowKey={(j) => j.id}
        loading={jobs.isPending}
        rowTestId="all-jobs-row"
        empty="No redrive job has run on this cluster."
      />
    </section>
  );
}
