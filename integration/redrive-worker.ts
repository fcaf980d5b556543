/**
 * A console process reduced to one redrive job, for the crash test: `start <topic> <destination>`
 * starts a job over the whole dead-letter topic and prints its id; `resume <topic> <job>` takes the
 * job over as a restarted console does (same transactional id, ledger read first). It prints the
 * job's state as JSON lines and exits when the job ends, unless it is killed first (kill -9).
 *
 * Run with: tsx --conditions=react-server integration/redrive-worker.ts … (CONSOLE_CONFIG set).
 */
import { getCluster } from '@/lib/config';
import { RedriveRunner, localRunner } from '@/lib/dlq/redrive/redrive-runner';
import { readJobs } from '@/lib/dlq/redrive/redrive-store';
import { startRedrive } from '@/lib/dlq/redrive/start-redrive';

async function main(): Promise<void> {
  const [mode, topic, arg] = process.argv.slice(2);
  if (!topic || !arg || (mode !== 'start' && mode !== 'resume'))
    throw new Error('usage: start <topic> <destination> | resume <topic> <job>');
  const cluster = getCluster('local');
  let runner: RedriveRunner;
  if (mode === 'start') {
    const job = await startRedrive(cluster, topic, { selection: {}, destination: arg, confirm: true });
    runner = localRunner(job.id)!;
  } else {
    const job = (await readJobs(cluster, topic)).find((j) => j.id === arg);
    if (!job) throw new Error(`no job ${arg}`);
    runner = new RedriveRunner(cluster, job);
    await runner.started;
  }
  console.log(JSON.stringify({ id: runner.job.id, status: runner.job.status }));
  await runner.finished;
  console.log(
    JSON.stringify({
      id: runner.job.id,
      status: runner.job.status,
      counts: runner.job.counts,
      error: runner.job.error,
    }),
  );
  process.exit(runner.job.status === 'done' ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
