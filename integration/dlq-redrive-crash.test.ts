import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDRIVE_HEADERS } from '@/lib/dlq/redrive/plan-redrive';
import { readJobs } from '@/lib/dlq/redrive/redrive-store';
import { closeAdmins } from '@/lib/kafka/admin';
import { closeProducer, createProducer, produceBatch, type OutgoingRecord } from '@/lib/kafka/producer';
import { closeReaders, readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import { createTopicIfMissing, deleteTopicsIfPresent } from '@/lib/kafka/topics';
import type { ClusterConfig } from '@/lib/config/schema';
import { localCluster, uniqueName } from './support';

/**
 * The crash test: a redrive of 100,000 dead letters (REDRIVE_CRASH_MESSAGES to change) runs in a
 * console process of its own, which is killed with SIGKILL part-way, at several points; a new
 * process resumes the job each time. A read_committed read of the destination must then hold
 * every dead letter exactly once, counted by the source coordinates stamped on each record.
 */
const N = Number(process.env.REDRIVE_CRASH_MESSAGES ?? 100_000);
const KILL_AT = [0.15, 0.45, 0.8];
const PARTITIONS = 3;
const base = localCluster();
const dlq = `${uniqueName('crash')}.DLQ`;
const destination = uniqueName('crash-dest');
const ledgerTopic = uniqueName('crash-ledger');
const jobsTopic = uniqueName('crash-jobs');
const cluster: ClusterConfig = { ...base, deadLetters: { ledgerTopic, jobsTopic } };
let configFile = '';
const children: ChildProcess[] = [];

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

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dlq-crash-it-'));
  configFile = path.join(dir, 'console.json');
  writeFileSync(configFile, JSON.stringify({ clusters: [{ ...cluster, id: 'local' }] }));
  await createTopicIfMissing(base, { name: dlq, partitions: PARTITIONS });
  await createTopicIfMissing(base, { name: destination, partitions: PARTITIONS });
  const producer = createProducer(base, { clientIdSuffix: 'it-crash' });
  try {
    for (let from = 0; from < N; from += 5_000) {
      const batch: OutgoingRecord[] = [];
      for (let i = from; i < Math.min(N, from + 5_000); i++) {
        batch.push({
          topic: dlq,
          partition: i % PARTITIONS,
          key: Buffer.from(`order-${i % 5_000}`),
          value: Buffer.from(`{"n":${i}}`),
          headers: [
            ['kafka_dlt-original-topic', 'orders-somewhere'],
            ['kafka_dlt-original-partition', int32(i % PARTITIONS)],
            ['kafka_dlt-original-offset', int64(i)],
            ['kafka_dlt-exception-fqcn', 'java.lang.IllegalStateException'],
            ['kafka_dlt-exception-message', `failed ${i}`],
          ],
        });
      }
      await produceBatch(producer, batch, { compression: 'lz4' });
    }
  } finally {
    await closeProducer(producer);
  }
}, 300_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await deleteTopicsIfPresent(base, [dlq, destination, ledgerTopic, jobsTopic]);
  await closeReaders();
  await closeAdmins();
});

/** A console process running one job; resolves its first line (the job id) and its exit. */
function worker(args: string[]): {
  child: ChildProcess;
  first: Promise<{ id: string }>;
  exit: Promise<number | null>;
} {
  const child = spawn(
    path.resolve('node_modules/.bin/tsx'),
    ['--conditions=react-server', 'integration/redrive-worker.ts', ...args],
    {
      env: { ...process.env, CONSOLE_CONFIG: configFile },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  const first = new Promise<{ id: string }>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line) as { id: string }));
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before starting`)));
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, first, exit };
}

async function committedSent(jobId: string): Promise<number> {
  const job = (await readJobs(cluster, dlq)).find((j) => j.id === jobId);
  return job?.counts.sent ?? 0;
}

async function killWhenSent(child: ChildProcess, jobId: string, atLeast: number): Promise<number> {
  // A worker that stops making progress fails the test with where it stood, not at the test's timeout.
  const deadline = Date.now() + 300_000;
  for (;;) {
    const sent = await committedSent(jobId);
    if (Date.now() > deadline)
      throw new Error(`the worker had committed ${sent} letters after 300 s, waiting for ${atLeast}`);
    if (sent >= atLeast || child.exitCode !== null) {
      const exited =
        child.exitCode !== null || child.signalCode !== null
          ? Promise.resolve()
          : new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      return sent;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function destinationSources(): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  for (const m of await readWatermarks(base, destination)) {
    let offset = m.low;
    while (offset < m.high) {
      const { records, nextOffset } = await readPartitionRange(base, {
        topic: destination,
        partition: m.partition,
        fromOffset: offset,
        limit: 20_000,
        isolation: 'read_committed',
        maxBytes: 8 * 1_048_576,
      });
      for (const r of records) {
        const h = (k: string) => r.headers.find((x) => x.key === k)?.value?.toString();
        const source = `${h(REDRIVE_HEADERS.sourcePartition)}@${h(REDRIVE_HEADERS.sourceOffset)}`;
        seen.set(source, (seen.get(source) ?? 0) + 1);
      }
      if (nextOffset <= offset) break;
      offset = nextOffset;
    }
  }
  return seen;
}

describe('a redrive killed with SIGKILL and resumed', () => {
  it(`holds every one of ${N} dead letters exactly once after kills at ${KILL_AT.join(', ')} of the way`, async () => {
    const started = worker(['start', dlq, destination]);
    const { id } = await started.first;
    const killedAt = [await killWhenSent(started.child, id, Math.floor(N * KILL_AT[0]!))];
    for (const point of KILL_AT.slice(1)) {
      const resumed = worker(['resume', dlq, id]);
      await resumed.first;
      killedAt.push(await killWhenSent(resumed.child, id, Math.floor(N * point)));
    }
    const last = worker(['resume', dlq, id]);
    expect(await last.exit).toBe(0);
    console.log(`killed at ${killedAt.join(', ')} committed of ${N}`);

    const seen = await destinationSources();
    const doubled = [...seen].filter(([, n]) => n > 1);
    expect(doubled).toEqual([]);
    expect(seen.size).toBe(N);
    for (let p = 0; p < PARTITIONS; p++) expect(seen.has(`${p}@0`)).toBe(true);
    const job = (await readJobs(cluster, dlq)).find((j) => j.id === id)!;
    expect(job).toMatchObject({ status: 'done', counts: { selected: N, sent: N, skipped: 0, failed: 0 } });
  }, 900_000);
});
