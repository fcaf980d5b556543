'use client';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorPanel } from '@/components/ui/error-panel';
import { formatCount, formatTimestamp } from '@/lib/format';
import { errorCode } from '@/lib/queries/api-error';
import { useControlRedrive, type RedriveAction } from '@/lib/queries/dlq/redrive-control-mutation';
import { useRedriveJobStream } from '@/lib/queries/dlq/redrive-job-stream';
import { useRedriveJobs } from '@/lib/queries/dlq/redrive-jobs-query';
import type { RedriveJob, RedriveJobStatus } from '@/lib/schemas/dlq';

export const jobTone: Record<RedriveJobStatus, 'good' | 'bad' | 'warn' | 'info' | 'neutral'> = {
  running: 'info',
  paused: 'warn',
  interrupted: 'warn',
  cancelled: 'neutral',
  done: 'good',
  failed: 'bad',
};

export function JobProgress({ job }: { job: RedriveJob }) {
  const { selected, sent, skipped, failed, parked } = job.counts;
  const pct = (n: number) => `${selected ? (n / selected) * 100 : 0}%`;
  return (
    <div className="space-y-1">
      <div
        className="flex h-2 overflow-hidden rounded-full bg-slate-100"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={selected}
        aria-valuenow={sent + skipped + failed + parked}
      >
        <div className="bg-emerald-500" style={{ width: pct(sent) }} />
        <div className="bg-slate-400" style={{ width: pct(skipped) }} />
        <div className="bg-amber-400" style={{ width: pct(parked) }} />
        <div className="bg-rose-500" style={{ width: pct(failed) }} />
      </div>
      <div className="text-xs text-slate-600" data-testid="job-counts">
        {formatCount(sent)} sent · {formatCount(skipped)} skipped (already redriven)
        {parked ? ` · ${formatCount(parked)} parked` : ''} · {formatCount(failed)} failed · of{' '}
        {formatCount(selected)}
      </div>
    </div>
  );
}

function JobRow({
  clusterId,
  topic,
  job: listed,
  live,
}: {
  clusterId: string;
  topic: string;
  job: RedriveJob;
  live: boolean;
}) {
  // Jobs that can still move are followed live; finished ones are shown as listed.
  const stream = useRedriveJobStream(clusterId, topic, live ? listed.id : null);
  const job = stream.data && stream.data.id === listed.id ? stream.data : listed;
  const control = useControlRedrive(clusterId, topic);
  const act = (action: RedriveAction) => control.mutate({ job: job.id, action });
  return (
    <li className="space-y-2 py-3" data-testid="redrive-job" data-job={job.id} data-status={job.status}>
      <div className="flex flex-wrap items-center gap-3">
        <Badge tone={jobTone[job.status]} testId="job-status">
          {job.status}
        </Badge>
        <span className="font-mono text-xs text-slate-500">{job.id.slice(0, 8)}</span>
        <span className="text-sm">
          to{' '}
          <span className="font-mono">
            {job.destination ?? (job.destinations.join(', ') || 'origin topics')}
          </span>
          {job.rateLimit ? <span className="text-slate-500"> at {formatCount(job.rateLimit)}/s</span> : null}
        </span>
        <span className="text-xs text-slate-500">
          by {job.startedBy}, {formatTimestamp(job.createdAt, 's')} UTC
        </span>
        <span className="flex-1" />
        {job.status === 'running' ? (
          <Button size="sm" onClick={() => act('pause')} disabled={control.isPending} testId="job-pause">
            Pause
          </Button>
        ) : null}
        {job.status === 'paused' || job.status === 'interrupted' ? (
          <Button
            size="sm"
            variant="primary"
            onClick={() => act('resume')}
            disabled={control.isPending}
            testId="job-resume"
          >
            Resume
          </Button>
        ) : null}
        {job.status === 'running' || job.status === 'paused' || job.status === 'interrupted' ? (
          <Button
            size="sm"
            variant="danger"
            onClick={() => act('cancel')}
            disabled={control.isPending}
            testId="job-cancel"
          >
            Cancel
          </Button>
        ) : null}
      </div>
      <JobProgress job={job} />
      {job.status === 'interrupted' ? (
        <p className="text-xs text-amber-700">
          The console that ran this job stopped. Resume sends what the ledger does not hold yet.
        </p>
      ) : null}
      {job.error ? <p className="text-xs text-rose-700">{job.error}</p> : null}
      {control.error ? (
        <ErrorPanel
          title="The job could not be changed"
          message={control.error.message}
          code={errorCode(control.error)}
        />
      ) : null}
    </li>
  );
}

/** Redrive jobs of this dead-letter topic: live progress of running ones, the record of the rest. */
export function RedriveJobs({
  clusterId,
  topic,
  started,
}: {
  clusterId: string;
  topic: string;
  started: RedriveJob | null;
}) {
  const jobs = useRedriveJobs(clusterId, topic);
  const list = jobs.data?.jobs ?? [];
  const all = started && !list.some((j) => j.id === started.id) ? [started, ...list] : list;
  if (jobs.error)
    return (
      <ErrorPanel
        title="Redrive jobs could not be read"
        message={jobs.error.message}
        code={errorCode(jobs.error)}
      />
    );
  if (all.length === 0) return null;
  return (
    <Card title="Redrive jobs" testId="redrive-jobs">
      <ul className="divide-y divide-slate-100">
        {all.slice(0, 20).map((job) => (
          <JobRow
            key={job.id}
            clusterId={clusterId}
            topic={topic}
            job={job}
            live={job.status === 'running' || job.status === 'paused' || job.id === started?.id}
          />
        ))}
      </ul>
    </Card>
  );
}
