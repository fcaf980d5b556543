import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import type { OutgoingRecord } from '@/lib/kafka/producer';
import { createTopicIfMissing } from '@/lib/kafka/topics';
import type { LedgerEntry, RedriveJob } from '@/lib/schemas/dlq';

/**
 * Where redrive keeps its state: two compacted topics of the cluster itself, so that any console
 * instance sees every job and a restarted one resumes where the last stopped.
 *
 * - The ledger: key "dlq-topic/partition/offset", value the job, redrive id, destination and time.
 *   It is written in the same transaction as the redriven record, so it says exactly what reached
 *   the destination (read_committed).
 * - The jobs: key the job id, value the job's latest state; progress is written in the same
 *   transactions, so counts never run ahead of what was committed.
 */

export function redriveTopics(cluster: ClusterConfig): { ledger: string; jobs: string } {
  return {
    ledger: cluster.deadLetters?.ledgerTopic ?? '_console-redrive-ledger',
    jobs: cluster.deadLetters?.jobsTopic ?? '_console-redrive-jobs',
  };
}

const COMPACTED = { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': '3600000' };

export async function ensureRedriveTopics(cluster: ClusterConfig): Promise<void> {
  const { ledger, jobs } = redriveTopics(cluster);
  await createTopicIfMissing(cluster, { name: ledger, partitions: 1, configs: COMPACTED });
  await createTopicIfMissing(cluster, { name: jobs, partitions: 1, configs: COMPACTED });
}

/** The latest committed value of each key of a compacted single-partition topic; empty when the topic is absent. */
async function readLatestByKey(
  cluster: ClusterConfig,
  topic: string,
  keep: (key: string) => boolean,
): Promise<Map<string, Buffer | null>> {
  let marks;
  try {
    marks = await readWatermarks(cluster, topic);
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNKNOWN_TOPIC') return new Map();
    throw error;
  }
  const latest = new Map<string, Buffer | null>();
  for (const mark of marks) {
    let offset = mark.low;
    while (offset < mark.high) {
      const { records, nextOffset } = await readPartitionRange(cluster, {
        topic,
        partition: mark.partition,
        fromOffset: offset,
        limit: 10_000,
        maxBytes: 8 * 1_048_576,
      });
      for (const r of records) {
        if (r.offset >= mark.high || !r.key) continue;
        const key = r.key.toString('utf8');
        if (keep(key)) latest.set(key, r.value);
      }
      if (nextOffset <= offset) break;
      offset = nextOffset;
    }
  }
  return latest;
}

/** Ledger entries of one dead-letter topic, by ledger key. */
export async function readLedger(
  cluster: ClusterConfig,
  sourceTopic: string,
): Promise<Map<string, LedgerEntry>> {
  const prefix = `${sourceTopic}/`;
  const raw = await readLatestByKey(cluster, redriveTopics(cluster).ledger, (k) => k.startsWith(prefix));
  const out = new Map<string, LedgerEntry>();
  for (const [key, value] of raw) {
    // Keys the console did not write (not "<topic>/<partition>/<offset>") are not ledger entries.
    if (!/^\d+\/\d+$/.test(key.slice(prefix.length)) || !value) continue;
    try {
      out.set(key, JSON.parse(value.toString('utf8')) as LedgerEntry);
    } catch {
      // A ledger entry the console did not write is not one of its redrives.
    }
  }
  return out;
}

export async function readJobs(cluster: ClusterConfig, sourceTopic?: string): Promise<RedriveJob[]> {
  const raw = await readLatestByKey(cluster, redriveTopics(cluster).jobs, () => true);
  const jobs: RedriveJob[] = [];
  for (const value of raw.values()) {
    if (!value) continue;
    try {
      const stored = JSON.parse(value.toString('utf8')) as RedriveJob;
      // States written before parking existed lack its fields.
      const job: RedriveJob = {
        ...stored,
        park: stored.park ?? false,
        counts: { ...stored.counts, parked: stored.counts?.parked ?? 0 },
      };
      if (job.cluster === cluster.id && (sourceTopic === undefined || job.sourceTopic === sourceTopic))
        jobs.push(job);
    } catch {
      // Not a job this console wrote.
    }
  }
  return jobs.sort((a, b) => b.createdAt - a.createdAt);
}

export function ledgerRecord(cluster: ClusterConfig, key: string, entry: LedgerEntry): OutgoingRecord {
  return {
    topic: redriveTopics(cluster).ledger,
    partition: 0,
    key: Buffer.from(key),
    value: Buffer.from(JSON.stringify(entry)),
  };
}

export function jobRecord(cluster: ClusterConfig, job: RedriveJob): OutgoingRecord {
  return {
    topic: redriveTopics(cluster).jobs,
    partition: 0,
    key: Buffer.from(job.id),
    value: Buffer.from(JSON.stringify(job)),
  };
}
