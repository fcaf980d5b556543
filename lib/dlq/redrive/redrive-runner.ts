import 'server-only';
import { randomUUID } from 'node:crypto';
import { recordAudit } from '@/lib/audit/record-audit';
import type { ClusterConfig } from '@/lib/config/schema';
import { waitUntilCommittedReadable } from '@/lib/kafka/committed-readable';
import { partitionForKey } from '@/lib/kafka/murmur2';
import {
  closeProducer,
  createProducer,
  runTransaction,
  type KafkaProducer,
  type OutgoingRecord,
  type ProducedRecord,
} from '@/lib/kafka/producer';
import { readWatermarks } from '@/lib/kafka/reader';
import type { RedriveJob } from '@/lib/schemas/dlq';
import { createDestinationChecker } from '../check-destination';
import { readDeadLetterTopic, type ReadDeadLetter } from '../read-dead-letter-topic';
import { selectDeadLetters } from '../select-dead-letters';
import {
  ledgerKey,
  nextAttempt,
  rateDelayMs,
  REDRIVE_HEADERS,
  redriveBatchDue,
  redriveHeaders,
  redriveOrder,
  redrivePartition,
} from './plan-redrive';
import { jobRecord, ledgerRecord, readLedger } from './redrive-store';
import { processMap } from '@/lib/process-map';

/**
 * Runs one redrive job in this process. Every batch is one Kafka transaction holding the
 * redriven records, their ledger entries and the job's new progress, so after a crash the ledger
 * says exactly what reached the destination, and a resumed job sends the rest: nothing twice,
 * nothing lost. The transactional id is the job's, so a resumed runner fences a zombie one (and
 * the broker aborts whatever transaction the crashed one left open).
 */

const TERMINAL = new Set<RedriveJob['status']>(['cancelled', 'done', 'failed']);
const HEARTBEAT_MS = 10_000;

export function isTerminal(status: RedriveJob['status']): boolean {
  return TERMINAL.has(status);
}

export function transactionalIdOf(jobId: string): string {
  return `event-store-console-redrive-${jobId}`;
}

const registry = processMap<string, RedriveRunner>('redriveRunners');

export function localRunner(jobId: string): RedriveRunner | undefined {
  return registry.get(jobId);
}

export class RedriveRunner {
  job: RedriveJob;
  private paused = false;
  private cancelled = false;
  private wake: (() => void) | null = null;
  /** Callers of pause() waiting for the runner to stop sending. */
  private pauseWaiters: (() => void)[] = [];
  private producer: KafkaProducer;
  /** The records of the last committed transaction, the job's latest state among them. */
  private lastCommitted: ProducedRecord[] = [];
  /** Resolves when the job's first state is committed (the start is durable), rejects if it cannot be. */
  readonly started: Promise<void>;
  readonly finished: Promise<void>;

  constructor(
    private readonly cluster: ClusterConfig,
    job: RedriveJob,
  ) {
    this.job = { ...job, status: 'running', error: null, finishedAt: null, updatedAt: Date.now() };
    this.producer = createProducer(cluster, {
      transactionalId: transactionalIdOf(job.id),
      clientIdSuffix: 'redrive',
    });
    registry.set(job.id, this);
    let markStarted!: () => void;
    let failStart!: (e: unknown) => void;
    this.started = new Promise((resolve, reject) => {
      markStarted = resolve;
      failStart = reject;
    });
    this.finished = this.run(markStarted, failStart);
  }

  /**
   * Asks the runner to stop sending. Resolves once it has: the batch in flight (if any) is
   * committed, the paused state is written and nothing more is sent until resume(); or the job
   * ended meanwhile. `this.job.counts` is then what was sent before the pause.
   */
  pause(): Promise<void> {
    if (isTerminal(this.job.status)) return Promise.resolve();
    this.paused = true;
    const stopped = new Promise<void>((resolve) => this.pauseWaiters.push(resolve));
    // Cut short a wait between batches of a rate-limited job.
    this.wake?.();
    return stopped;
  }

  private releasePauseWaiters(): void {
    for (const resolve of this.pauseWaiters.splice(0)) resolve();
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  cancel(): void {
    this.cancelled = true;
    this.wake?.();
  }

  private async commitState(records: OutgoingRecord[] = []): Promise<void> {
    this.job = { ...this.job, updatedAt: Date.now() };
    const job = this.job;
    let produced: ProducedRecord[] = [];
    await runTransaction(this.producer, async (send) => {
      produced = await send([...records, jobRecord(this.cluster, job)]);
    });
    this.lastCommitted = produced;
  }

  /** Waits while paused, writing a heartbeat now and then so other instances see the job alive. */
  private async holdWhilePaused(): Promise<void> {
    if (!this.paused || this.cancelled) return;
    this.job = { ...this.job, status: 'paused' };
    await this.commitState();
    this.releasePauseWaiters();
    while (this.paused && !this.cancelled) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, HEARTBEAT_MS);
      });
      this.wake = null;
      if (this.paused && !this.cancelled) await this.commitState();
    }
    if (!this.cancelled) {
      this.job = { ...this.job, status: 'running' };
      await this.commitState();
    }
  }

  private async sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.paused || this.cancelled) return;
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      setTimeout(resolve, ms);
    });
    this.wake = null;
  }

  /**
   * How the job ended, in the audit trail. It runs in the background, with no request to take the
   * caller from, so the entry names the user who started the job.
   */
  private async auditEnd(): Promise<void> {
    const { id, status, counts, error, startedBy, sourceTopic } = this.job;
    await recordAudit(this.cluster, {
      action: `redrive-${status}`,
      target: sourceTopic,
      actor: startedBy,
      details: { job: id, counts, ...(error ? { error } : {}) },
    }).catch((auditError: unknown) =>
      console.error(`redrive job ${id} ${status}, but its audit entry could not be written`, auditError),
    );
  }

  private async run(markStarted: () => void, failStart: (e: unknown) => void): Promise<void> {
    const { cluster } = this;
    let started = false;
    try {
      await this.commitState();
      started = true;
      markStarted();

      // The same records as at the start: the selection over the DLQ as it was then.
      const upTo = new Map(this.job.upTo.map((u) => [u.partition, BigInt(u.offset)]));
      const { letters } = await readDeadLetterTopic(cluster, this.job.sourceTopic);
      const before = letters.filter((l) => l.offset < (upTo.get(l.partition) ?? 0n));
      const selected = redriveOrder(
        await selectDeadLetters(cluster, this.job.sourceTopic, before, this.job.selection),
      );
      const ledger = await readLedger(cluster, this.job.sourceTopic);

      let sent = 0;
      let parked = 0;
      let skipped = 0;
      const pending: ReadDeadLetter[] = [];
      for (const l of selected) {
        const entry = ledger.get(ledgerKey(this.job.sourceTopic, l.partition, l.offset));
        if (entry?.jobId === this.job.id && entry.parked) parked++;
        else if (entry?.jobId === this.job.id) sent++;
        else if (entry && !this.job.force) skipped++;
        else pending.push(l);
      }

      // Checked as the dry run checks: what the destination's schema cannot read is not sent, or
      // is parked when the job says so (in the same transactions, with its ledger entry).
      const check = createDestinationChecker(cluster);
      const parkingTopic = this.job.park ? (cluster.deadLetters?.parkingTopic ?? null) : null;
      const parkingPartitions = parkingTopic ? (await readWatermarks(cluster, parkingTopic)).length : 0;
      const sendable: {
        letter: ReadDeadLetter;
        destination: string;
        partitionCount: number;
        parkReason?: string;
      }[] = [];
      let failed = 0;
      for (const l of pending) {
        const destination = this.job.destination ?? l.info.origin.topic;
        const verdict = await check(l, destination);
        if (verdict.ok && destination !== null && verdict.partitionCount)
          sendable.push({ letter: l, destination, partitionCount: verdict.partitionCount });
        else if (parkingTopic)
          sendable.push({
            letter: l,
            destination: parkingTopic,
            partitionCount: parkingPartitions,
            parkReason: verdict.reason ?? 'the destination cannot take it',
          });
        else failed++;
      }
      this.job = {
        ...this.job,
        counts: { selected: selected.length, sent, skipped, failed, parked },
        destinations: [...new Set(sendable.map((s) => s.destination).concat(this.job.destinations))].sort(),
      };
      await this.commitState();

      let windowStart = Date.now();
      let sentInWindow = 0;
      for (let i = 0, batchSize = 0; i < sendable.length; i += batchSize) {
        // The rate's wait first (a pause cuts it short), then the pause: no batch leaves between
        // a pause and its resume.
        await this.sleep(rateDelayMs(sentInWindow, windowStart, Date.now(), this.job.rateLimit));
        if (this.paused) {
          await this.holdWhilePaused();
          windowStart = Date.now();
          sentInWindow = 0;
        }
        if (this.cancelled) break;
        batchSize = redriveBatchDue(sentInWindow, windowStart, Date.now(), this.job.rateLimit);
        const batch = sendable.slice(i, i + batchSize);
        const records: OutgoingRecord[] = [];
        const now = Date.now();
        batch.forEach(({ letter, destination, partitionCount, parkReason }, j) => {
          const redriveId = randomUUID();
          const source = {
            topic: this.job.sourceTopic,
            partition: letter.partition,
            offset: letter.offset,
            key: letter.record.key,
            value: letter.record.value,
            headers: letter.record.headers,
            info: letter.info,
          };
          const headers = redriveHeaders(source, { redriveId, jobId: this.job.id });
          if (parkReason) headers.push([REDRIVE_HEADERS.parkReason, Buffer.from(parkReason)]);
          const attempt = nextAttempt(letter.record.headers);
          const partition = redrivePartition(source, destination, partitionCount, partitionForKey, i + j);
          records.push({
            topic: destination,
            partition,
            key: letter.record.key,
            value: letter.record.value,
            headers,
            timestamp: now,
          });
          records.push(
            ledgerRecord(cluster, ledgerKey(this.job.sourceTopic, letter.partition, letter.offset), {
              jobId: this.job.id,
              redriveId,
              destination,
              partition,
              at: now,
              attempt,
              ...(parkReason ? { parked: true } : {}),
            }),
          );
        });
        const countsBefore = this.job.counts;
        const parkedNow = batch.filter((b) => b.parkReason).length;
        this.job = {
          ...this.job,
          counts: {
            ...countsBefore,
            sent: countsBefore.sent + batch.length - parkedNow,
            parked: countsBefore.parked + parkedNow,
          },
        };
        try {
          await this.commitState(records);
        } catch (error) {
          this.job = { ...this.job, counts: countsBefore };
          throw error;
        }
        sentInWindow += batch.length;
      }
      const now = Date.now();
      this.job = { ...this.job, status: this.cancelled ? 'cancelled' : 'done', finishedAt: now };
      await this.commitState();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.job = { ...this.job, status: 'failed', error: message, finishedAt: Date.now() };
      if (!started) failStart(error);
      else await this.commitState().catch(() => undefined);
    } finally {
      this.releasePauseWaiters();
      await closeProducer(this.producer);
      // Once the runner lets go of the job, the jobs topic answers for it: its last state must be
      // readable there first (a commit is answered before its markers are written).
      if (started)
        await waitUntilCommittedReadable(cluster, this.lastCommitted).catch((error: unknown) =>
          console.error(`redrive job ${this.job.id} ended, but its last state is not readable yet`, error),
        );
      if (started && isTerminal(this.job.status)) await this.auditEnd();
      // A runner that was fenced by a newer one for the same job must not unregister the newer one.
      if (registry.get(this.job.id) === this) registry.delete(this.job.id);
    }
  }
}
