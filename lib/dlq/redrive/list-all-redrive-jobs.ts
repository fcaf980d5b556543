import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { listAuditEntries } from '@/lib/audit/list-audit-entries';
import type { RedriveJobOverview } from '@/lib/schemas/dlq';
import { present } from './redrive-jobs';
import { readJobs } from './redrive-store';

/** How many of the newest audit entries are read to find the jobs' own. */
const AUDIT_WINDOW = 5_000;

/** Every redrive job of the cluster, newest first, each with its audit entries (start, pause, resume, cancel). */
export async function listAllRedriveJobs(
  cluster: ClusterConfig,
  signal?: AbortSignal,
): Promise<RedriveJobOverview> {
  const [jobs, audit] = await Promise.all([
    readJobs(cluster),
    listAuditEntries(cluster, { limit: AUDIT_WINDOW }, signal),
  ]);
  const byJob = new Map<string, { at: string; actor: string; action: string }[]>();
  for (const e of audit.entries) {
    const job = e.details.job;
    if (typeof job !== 'string' || !e.action.startsWith('redrive')) continue;
    byJob.set(job, [{ at: e.at, actor: e.actor, action: e.action }, ...(byJob.get(job) ?? [])]);
  }
  return {
    jobs: jobs.map((j) => ({ ...present(j), audit: byJob.get(j.id) ?? [] })),
    auditScanned: audit.scanned,
  };
}
