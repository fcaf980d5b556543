import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ClusterConfig } from '@/lib/config/schema';
import { RedriveRunner } from '@/lib/dlq/redrive/redrive-runner';
import { ensureRedriveTopics } from '@/lib/dlq/redrive/redrive-store';
import { closeProducer, createProducer, produceBatch, type OutgoingRecord } from '@/lib/kafka/producer';
import { readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import { createTopicIfMissing, deleteTopicsIfPresent } from '@/lib/kafka/topics';
import type { RedriveJob } from '@/lib/schemas/dlq';

/**
 * Redrive throughput, in process on the real stack, with topics of its own (deleted after):
 *   - `redrive_msgs_per_s`: a job over N dead letters, unlimited rate, transactional, acks=all, while
 *     it sends (from its first transaction to its last, by the records' send times); its setup
 *     (reading the DLQ and the ledger, checking destinations) is `redrive_setup_s`;
 *   - against a plain idempotent produce (acks=all) of the same records in batches of the same size,
 *     in the same run: `redrive_vs_produce_ratio`;
 *   - `redrive_rate_limit_error_pct`: a job limited to 500 msg/s, its achieved rate against 500.
 */

const PARTITIONS = 3;
const BATCH = 500;

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}
function int64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return b;
}

function letters(topic: string, n: number): OutgoingRecord[] {
  const out: OutgoingRecord[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      topic,
      partition: i % PARTITIONS,
      key: Buffer.from(`order-${String(i % 10_000).padStart(6, '0')}`),
      // About the size of a demo order event.
      value: Buffer.from(
        JSON.stringify({
          orderId: `order-${i % 10_000}`,
          type: 'ItemAdded',
          sequence: i,
          payload: { sku: `SKU-${i % 977}`, quantity: 1 + (i % 5), priceCents: 1999 },
        }),
      ),
      headers: [
        ['event-type', 'ItemAdded'],
        ['kafka_dlt-original-topic', 'orders'],
        ['kafka_dlt-original-partition', int32(i % PARTITIONS)],
        ['kafka_dlt-original-offset', int64(i)],
        ['kafka_dlt-exception-fqcn', 'java.lang.IllegalStateException'],
        ['kafka_dlt-exception-message', `Cannot apply ItemAdded to order-${i % 10_000}`],
      ],
    });
  }
  return out;
}

function newJob(
  cluster: ClusterConfig,
  sourceTopic: string,
  destination: string,
  upTo: RedriveJob['upTo'],
  n: number,
  rateLimit: number | null,
  force = false,
): RedriveJob {
  const now = Date.now();
  return {
    id: randomUUID(),
    cluster: cluster.id,
    sourceTopic,
    selection: {},
    destination,
    rateLimit,
    force,
    park: false,
    upTo,
    status: 'running',
    error: null,
    counts: { selected: n, sent: 0, skipped: 0, failed: 0, parked: 0 },
    destinations: [destination],
    startedBy: 'bench',
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
  };
}

async function runJob(cluster: ClusterConfig, job: RedriveJob): Promise<{ seconds: number; sent: number }> {
  const started = performance.now();
  const runner = new RedriveRunner(cluster, job);
  await runner.started;
  await runner.finished;
  if (runner.job.status !== 'done')
    throw new Error(`the bench redrive ended ${runner.job.status}: ${runner.job.error}`);
  const seconds = (performance.now() - started) / 1000;
  return { seconds, sent: runner.job.counts.sent };
}

/** Messages per second while sending: each transaction stamps its records with its send time. */
async function sendRate(cluster: ClusterConfig, topic: string, sent: number): Promise<number> {
  const stamps: number[] = [];
  for (const m of await readWatermarks(cluster, topic)) {
    let offset = m.low;
    while (offset < m.high) {
      const { records, nextOffset } = await readPartitionRange(cluster, {
        topic,
        partition: m.partition,
        fromOffset: offset,
        limit: 20_000,
        maxBytes: 8 * 1_048_576,
      });
      for (const r of records) stamps.push(r.timestamp);
      if (nextOffset <= offset) break;
      offset = nextOffset;
    }
  }
  let first = Infinity;
  let last = -Infinity;
  for (const t of stamps) {
    first = Math.min(first, t);
    last = Math.max(last, t);
  }
  // The messages after the first transaction, over the time from the first to the last.
  const firstBatch = stamps.filter((t) => t === first).length;
  return (sent - firstBatch) / ((last - first) / 1000);
}

export async function measureRedrive(
  base: ClusterConfig,
  n = 50_000,
): Promise<{
  redriveRate: number;
  produceRate: number;
  setupSeconds: number;
  jobRate: number;
  rateLimitErrorPct: number;
}> {
  const tag = randomUUID().slice(0, 8);
  const dlq = `bench-redrive-${tag}.DLQ`;
  const plainDest = `bench-redrive-${tag}-plain`;
  const redriveDest = `bench-redrive-${tag}-dest`;
  const limitedDest = `bench-redrive-${tag}-limited`;
  const cluster: ClusterConfig = {
    ...base,
    deadLetters: { ledgerTopic: `bench-redrive-${tag}-ledger`, jobsTopic: `bench-redrive-${tag}-jobs` },
  };
  const topics = [
    dlq,
    plainDest,
    redriveDest,
    limitedDest,
    cluster.deadLetters!.ledgerTopic,
    cluster.deadLetters!.jobsTopic,
  ];
  try {
    for (const t of [dlq, plainDest, redriveDest, limitedDest])
      await createTopicIfMissing(cluster, { name: t, partitions: PARTITIONS });
    await ensureRedriveTopics(cluster);
    const records = letters(dlq, n);
    const seeder = createProducer(cluster, { clientIdSuffix: 'bench-redrive' });
    try {
      for (let i = 0; i < records.length; i += 5_000) await produceBatch(seeder, records.slice(i, i + 5_000));
    } finally {
      await closeProducer(seeder);
    }
    const upTo = (await readWatermarks(cluster, dlq)).map((m) => ({
      partition: m.partition,
      offset: m.high.toString(),
    }));

    // The same records, to a plain topic: idempotent, acks=all, batches of the redrive's size.
    const plain = createProducer(cluster, { clientIdSuffix: 'bench-plain' });
    const plainStart = performance.now();
    try {
      for (let i = 0; i < records.length; i += BATCH)
        await produceBatch(
          plain,
          records.slice(i, i + BATCH).map((r) => ({ ...r, topic: plainDest })),
        );
    } finally {
      await closeProducer(plain);
    }
    const produceRate = n / ((performance.now() - plainStart) / 1000);

    const unlimited = await runJob(cluster, newJob(cluster, dlq, redriveDest, upTo, n, null));
    // While sending (the job's setup, reading the DLQ and the ledger, is reported apart).
    const redriveRate = await sendRate(cluster, redriveDest, unlimited.sent);
    const setupSeconds = unlimited.seconds - unlimited.sent / redriveRate;

    // 500 msg/s over 10 seconds' worth (forced: the unlimited job already redrove these).
    const limitedN = 5_000;
    const limitedUpTo = upTo.map((u) => ({ ...u, offset: String(Math.ceil(limitedN / PARTITIONS)) }));
    const limited = await runJob(
      cluster,
      newJob(cluster, dlq, limitedDest, limitedUpTo, limitedN, 500, true),
    );
    const achieved = await sendRate(cluster, limitedDest, limited.sent);
    return {
      redriveRate,
      produceRate,
      setupSeconds,
      jobRate: unlimited.sent / unlimited.seconds,
      rateLimitErrorPct: (Math.abs(achieved - 500) / 500) * 100,
    };
  } finally {
    // Cleaning up must not hide why a measurement failed.
    await deleteTopicsIfPresent(cluster, topics).catch((error: unknown) =>
      console.warn(`could not delete the bench topics ${topics.join(', ')}: ${(error as Error).message}`),
    );
  }
}

/** Standalone: `tsx --conditions=react-server scripts/lib/redrive-bench.ts [messages]`. */
async function standalone(): Promise<void> {
  const { loadConfig } = await import('@/lib/config/load');
  const { closeReaders } = await import('@/lib/kafka/reader');
  const cluster = loadConfig({
    ...process.env,
    CONSOLE_CONFIG: process.env.CONSOLE_CONFIG ?? 'console.config.json',
  }).clusters.find((c) => c.id === 'local')!;
  const n = Number(process.argv[2] ?? 50_000);
  const r = await measureRedrive(cluster, n);
  const ratio = r.redriveRate / r.produceRate;
  console.log(
    JSON.stringify({
      messages: n,
      redrive_msgs_per_s: Math.round(r.redriveRate),
      plain_produce_msgs_per_s: Math.round(r.produceRate),
      redrive_vs_produce_ratio: +ratio.toFixed(2),
      redrive_job_msgs_per_s: Math.round(r.jobRate),
      redrive_setup_s: +r.setupSeconds.toFixed(2),
      redrive_rate_limit_error_pct: +r.rateLimitErrorPct.toFixed(2),
    }),
  );
  await closeReaders();
}

if (process.argv[1]?.endsWith('redrive-bench.ts')) {
  standalone().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
