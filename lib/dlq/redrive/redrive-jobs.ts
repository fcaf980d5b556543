import 'server-only';
import { recordAudit } from '@/lib/audit/record-audit';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { waitUntilCommittedReadable } from '@/lib/kafka/committed-readable';
import { closeProducer, createProducer, runTransaction, type ProducedRecord } from '@/lib/kafka/producer';
import type { RedriveEvent, RedriveJob, RedriveJobList } from '@/lib/schemas/dlq';
import { isTerminal, localRunner, RedriveRunner, transactionalIdOf } from './redrive-runner';
import { jobRecord, readJobs } from './redrive-store';

/** A job whose state has not moved for this long, and that no runner here holds, was interrupted. */
const STALE_MS = 30_000;

/** The job as this instance knows it: its own runner's state, or the jobs topic's, with "interrupted" for a silent one. */
export function present(job: RedriveJob, now = Date.now()): RedriveJob {
  const runner = localRunner(job.id);
  if (runner) return runner.job;
  if (!isTerminal(job.status) && now - job.updatedAt > STALE_MS) return { ...job, status: 'interrupted' };
  return job;
}

export async function listRedriveJobs(cluster: ClusterConfig, topic: string): Promise<RedriveJobList> {
  return { jobs: (await readJobs(cluster, topic)).map((j) => present(j)) };
}

async function findJob(cluster: ClusterConfig, topic: string, jobId: string): Promise<RedriveJob> {
  const runner = localRunner(jobId);
  if (runner) return runner.job;
  const job = (await readJobs(cluster, topic)).find((j) => j.id === jobId);
  if (!job) throw new AppError('NOT_FOUND', `no redrive job ${jobId} for ${topic}`);
  return present(job);
}

/**
 * Pause, resume or cancel. A job this instance runs is steered directly; an interrupted one
 * (its console stopped) is resumed by a new runner with the same transactional id, which fences
 * the old one, or cancelled by a state written under that id.
 */
/** How long a pause waits for the runner to stop before it answers. */
const PAUSE_ACK_MS = 10_000;

export async function controlRedrive(
  cluster: ClusterConfig,
  topic: string,
  jobId: string,
  action: 'pause' | 'resume' | 'cancel',
): Promise<RedriveJob> {
  const job = await findJob(cluster, topic, jobId);
  if (isTerminal(job.status))
    throw new AppError(
      'CONFLICT',
      `redrive job ${jobId} is ${job.status}: it cannot be ${action === 'pause' ? 'paused' : action === 'resume' ? 'resumed' : 'cancelled'}`,
    );
  const runner = localRunner(jobId);
  let result: RedriveJob;
  if (runner) {
    if (action === 'pause') {
      // The answer waits for the batch in flight, so its counts are final until the resume; a
      // broker too slow to commit it in time gets the pause anyway, taking effect after that batch.
      let timer: NodeJS.Timeout | undefined;
      const stopped = await Promise.race([
        runner.pause().then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(resolve, PAUSE_ACK_MS, false))),
      ]);
      clearTimeout(timer);
      result = stopped ? runner.job : { ...runner.job, status: 'paused' };
    } else {
      if (action === 'resume') runner.resume();
      else runner.cancel();
      result = { ...runner.job, status: action === 'cancel' ? 'cancelled' : 'running' };
    }
  } else if (job.status !== 'interrupted') {
    throw new AppError(
      'CONFLICT',
      `redrive job ${jobId} is ${job.status} on another console instance; ${action} it there`,
    );
  } else if (action === 'resume') {
    const resumed = new RedriveRunner(cluster, job);
    await resumed.started;
    result = resumed.job;
  } else if (action === 'cancel') {
    result = { ...job, status: 'cancelled', finishedAt: Date.now(), updatedAt: Date.now() };
    const producer = createProducer(cluster, {
      transactionalId: transactionalIdOf(jobId),
      clientIdSuffix: 'redrive',
    });
    let produced: ProducedRecord[] = [];
    try {
      await runTransaction(producer, async (send) => {
        produced = await send([jobRecord(cluster, result)]);
      });
    } finally {
      await closeProducer(producer);
    }
    // The jobs topic answers for the job: the cancel should be readable there before it is answered.
    await waitUntilCommittedReadable(cluster, produced).catch((error: unknown) =>
      console.error(`redrive job ${jobId} is cancelled, but its state is not readable yet`, error),
    );
  } else {
    throw new AppError('CONFLICT', `redrive job ${jobId} is interrupted: resume or cancel it`);
  }
  await recordAudit(cluster, { action: `redrive-${action}`, target: topic, details: { job: jobId } });
  return result;
}

/** The job's state every half second (a second when another instance runs it) until it ends. */
export async function* watchRedriveJob(
  cluster: ClusterConfig,
  topic: string,
  jobId: string,
  signal: AbortSignal,
): AsyncGenerator<RedriveEvent> {
  let last = '';
  while (!signal.aborted) {
    const job = await findJob(cluster, topic, jobId);
    const text = JSON.stringify(job);
    if (text !== last) {
      last = text;
      yield { type: 'job', job };
    }
    if (isTerminal(job.status) || job.status === 'interrupted') return;
    await new Promise((resolve) => setTimeout(resolve, localRunner(jobId) ? 500 : 1_000));
  }
}
