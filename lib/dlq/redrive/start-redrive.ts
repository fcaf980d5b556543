import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { randomUUID } from 'node:crypto';
import { assertWritable, recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { currentPrincipal } from '@/lib/auth/request-context';
import { assertTopicWritable } from '@/lib/topics/assert-topic-writable';
import { readWatermarks } from '@/lib/kafka/reader';
import type { RedriveBody, RedriveJob } from '@/lib/schemas/dlq';
import { readDeadLetterTopic } from '../read-dead-letter-topic';
import { selectDeadLetters } from '../select-dead-letters';
import { RedriveRunner } from './redrive-runner';
import { ensureRedriveTopics } from './redrive-store';

/**
 * Starts a redrive job of a selection: refused on a read-only cluster, audited with what was
 * selected and where it goes (never the values). The job runs on in this process; its state and
 * ledger are in Kafka. Answers once the job's first state is committed.
 */
export async function startRedrive(
  cluster: ClusterConfig,
  topic: string,
  body: RedriveBody,
): Promise<RedriveJob> {
  assertWritable(cluster);
  if (body.destination) assertTopicWritable(cluster, body.destination);
  if (body.park && !cluster.deadLetters?.parkingTopic)
    throw new AppError(
      'BAD_REQUEST',
      `cluster "${cluster.id}" has no parking topic configured (deadLetters.parkingTopic)`,
    );
  const marks = await readWatermarks(cluster, topic);
  const { letters } = await readDeadLetterTopic(cluster, topic);
  const selected = (await selectDeadLetters(cluster, topic, letters, body.selection)).length;
  if (selected === 0)
    throw new AppError('BAD_REQUEST', 'the selection matches no dead letter: nothing to redrive');
  await ensureRedriveTopics(cluster);
  const now = Date.now();
  const job: RedriveJob = {
    id: randomUUID(),
    cluster: cluster.id,
    sourceTopic: topic,
    selection: body.selection,
    destination: body.destination ?? null,
    rateLimit: body.rateLimit ?? null,
    force: body.force ?? false,
    park: body.park ?? false,
    upTo: marks.map((m) => ({ partition: m.partition, offset: m.high.toString() })),
    status: 'running',
    error: null,
    counts: { selected, sent: 0, skipped: 0, failed: 0, parked: 0 },
    destinations: body.destination ? [body.destination] : [],
    startedBy: currentPrincipal()?.name ?? 'anonymous',
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
  };
  const runner = new RedriveRunner(cluster, job);
  await runner.started;
  await recordAudit(cluster, {
    action: 'redrive',
    target: topic,
    details: {
      job: job.id,
      selection: job.selection,
      destination: job.destination ?? 'origin topics',
      rateLimit: job.rateLimit,
      force: job.force,
      park: job.park,
      selected,
    },
  }).catch((error: unknown) => {
    // Started but not recorded: say both, so that nobody starts it again thinking it failed.
    throw new AppError(
      'INTERNAL',
      `redrive job ${job.id} started, but its audit entry could not be written: ${(error as Error).message}`,
      { cause: error },
    );
  });
  return runner.job;
}
