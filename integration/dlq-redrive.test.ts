import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDRIVE_HEADERS } from '@/lib/dlq/redrive/plan-redrive';
import { listAllRedriveJobs } from '@/lib/dlq/redrive/list-all-redrive-jobs';
import { controlRedrive, listRedriveJobs } from '@/lib/dlq/redrive/redrive-jobs';
import { localRunner, RedriveRunner } from '@/lib/dlq/redrive/redrive-runner';
import { readJobs, readLedger } from '@/lib/dlq/redrive/redrive-store';
import { startRedrive } from '@/lib/dlq/redrive/start-redrive';
import { triageDeadLetters } from '@/lib/dlq/triage-dead-letters';
import { closeAdmins } from '@/lib/kafka/admin';
import { closeProducer, createProducer, produceBatch } from '@/lib/kafka/producer';
import type { RawRecord } from '@/lib/kafka/records';
import { closeReaders, readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import { createTopicIfMissing, deleteTopicsIfPresent } from '@/lib/kafka/topics';
import { AUDIT_TOPIC } from '@/lib/audit/record-audit';
import type { ClusterConfig } from '@/lib/config/schema';
import { localCluster, uniqueName, waitFor } from './support';

/**
 * Redrive on the real stack, with this file's own dead-letter topic (Spring headers, binary
 * numbers), origin, destinations, ledger and jobs topics. The destination is read back with
 * read_committed and counted by the source coordinates each record is stamped with.
 */
const base = localCluster();
const dlq = `${uniqueName('redrive')}.DLQ`;
const origin = uniqueName('redrive-origin');
const destinations = [
  uniqueName('redrive-dest-a'),
  uniqueName('redrive-dest-b'),
  uniqueName('redrive-dest-c'),
];
const ledgerTopic = uniqueName('redrive-ledger');
const jobsTopic = uniqueName('redrive-jobs');
const parkingTopic = uniqueName('redrive-parking');
const cluster: ClusterConfig = { ...base, deadLetters: { ledgerTopic, jobsTopic, parkingTopic } };
const readOnlyCluster = { ...cluster, id: 'local-readonly', readOnly: true };
const previousConfig = process.env.CONSOLE_CONFIG;

const PARTITIONS = 3;
const KEYS = 12;
const PER_KEY = 10;
const CAUSE_A = 'java.lang.IllegalStateException';
const CAUSE_B = 'org.apache.avro.AvroTypeException';

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

interface Truth {
  dlqPartition: number;
  dlqOffset: number;
  key: string;
  cause: string;
  seq: number;
}
const truth: Truth[] = [];

async function readAll(topic: string): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for (const m of await readWatermarks(base, topic)) {
    let offset = m.low;
    while (offset < m.high) {
      const { records, nextOffset } = await readPartitionRange(base, {
        topic,
        partition: m.partition,
        fromOffset: offset,
        limit: 5_000,
        isolation: 'read_committed',
      });
      out.push(...records);
      if (nextOffset <= offset) break;
      offset = nextOffset;
    }
  }
  return out;
}

const header = (r: RawRecord, k: string) => r.headers.find((h) => h.key === k)?.value?.toString('utf8');

/** Source coordinates of every redriven record in a destination: must be each selected letter once. */
async function redriven(topic: string) {
  const records = await readAll(topic);
  return records.map((r) => ({
    record: r,
    source: `${header(r, REDRIVE_HEADERS.sourcePartition)}@${header(r, REDRIVE_HEADERS.sourceOffset)}`,
  }));
}

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dlq-redrive-it-'));
  const file = path.join(dir, 'console.json');
  writeFileSync(
    file,
    JSON.stringify({
      clusters: [
        { ...cluster, id: 'local' },
        { ...cluster, id: 'local-readonly', readOnly: true },
      ],
    }),
  );
  process.env.CONSOLE_CONFIG = file;
  await createTopicIfMissing(base, { name: dlq, partitions: PARTITIONS });
  await createTopicIfMissing(base, { name: origin, partitions: PARTITIONS });
  for (const d of destinations) await createTopicIfMissing(base, { name: d, partitions: PARTITIONS });
  await createTopicIfMissing(base, { name: parkingTopic, partitions: 1 });

  // Each key's dead letters in one DLQ partition (as frameworks write them), interleaved with other keys.
  const producer = createProducer(base, { clientIdSuffix: 'it-redrive' });
  try {
    const records = [];
    const nextOffset = new Array<number>(PARTITIONS).fill(0);
    for (let seq = 0; seq < PER_KEY; seq++) {
      for (let k = 0; k < KEYS; k++) {
        const key = `order-${k}`;
        const partition = k % PARTITIONS;
        const cause = (k + seq) % 3 === 0 ? CAUSE_B : CAUSE_A;
        truth.push({ dlqPartition: partition, dlqOffset: nextOffset[partition]!++, key, cause, seq });
        records.push({
          topic: dlq,
          partition,
          key: Buffer.from(key),
          value: Buffer.from(JSON.stringify({ orderId: key, seq })),
          headers: [
            ['event-type', 'OrderUpdated'],
            ['kafka_dlt-original-topic', origin],
            ['kafka_dlt-original-partition', int32(partition)],
            ['kafka_dlt-original-offset', int64(1000 + seq * KEYS + k)],
            ['kafka_dlt-original-timestamp', int64(1_750_000_000_000 + seq)],
            [
              'kafka_dlt-exception-fqcn',
              'org.springframework.kafka.listener.ListenerExecutionFailedException',
            ],
            ['kafka_dlt-exception-cause-fqcn', cause],
            [
              'kafka_dlt-exception-message',
              `Listener failed; nested exception is ${cause}: order ${key} failed at step ${seq}`,
            ],
          ] as [string, Buffer | string][],
        });
      }
    }
    await produceBatch(producer, records);
  } finally {
    await closeProducer(producer);
  }
}, 180_000);

afterAll(async () => {
  await deleteTopicsIfPresent(base, [dlq, origin, ...destinations, ledgerTopic, jobsTopic, parkingTopic]);
  await closeReaders();
  await closeAdmins();
  if (previousConfig === undefined) delete process.env.CONSOLE_CONFIG;
  else process.env.CONSOLE_CONFIG = previousConfig;
});

async function causeFingerprint(className: string): Promise<string> {
  const triage = await triageDeadLetters(cluster, dlq);
  return triage.causes.find((c) => c.className === className)!.fingerprint;
}

describe('redrive', () => {
  it('sends exactly the selected messages once, in per-key order, stamped, with the ledger in the same transactions', async () => {
    const cause = await causeFingerprint(CAUSE_A);
    const selected = truth.filter((t) => t.cause === CAUSE_A);
    const job = await startRedrive(cluster, dlq, {
      selection: { cause },
      destination: destinations[0],
      confirm: true,
    });
    expect(job).toMatchObject({
      status: 'running',
      counts: { selected: selected.length },
      destination: destinations[0],
    });
    await localRunner(job.id)?.finished;

    const got = await redriven(destinations[0]!);
    expect(got.length).toBe(selected.length);
    expect(new Set(got.map((g) => g.source))).toEqual(
      new Set(selected.map((t) => `${t.dlqPartition}@${t.dlqOffset}`)),
    );
    // Per key, the destination holds the letters in DLQ order.
    const byKey = new Map<string, number[]>();
    for (const g of got.sort(
      (a, b) => a.record.partition - b.record.partition || Number(a.record.offset - b.record.offset),
    )) {
      const seq = (JSON.parse(g.record.value!.toString()) as { seq: number }).seq;
      const key = g.record.key!.toString();
      byKey.set(key, [...(byKey.get(key) ?? []), seq]);
    }
    for (const [key, seqs] of byKey) expect(seqs, key).toEqual([...seqs].sort((a, b) => a - b));
    for (const { record } of got) {
      expect(header(record, REDRIVE_HEADERS.job)).toBe(job.id);
      expect(header(record, REDRIVE_HEADERS.sourceTopic)).toBe(dlq);
      expect(header(record, REDRIVE_HEADERS.attempt)).toBe('1');
      expect(header(record, REDRIVE_HEADERS.id)).toMatch(/^[0-9a-f-]{36}$/);
      expect(header(record, 'event-type')).toBe('OrderUpdated');
      expect(record.headers.some((h) => h.key.startsWith('kafka_dlt-'))).toBe(false);
      expect(record.transactional).toBe(true);
    }

    const ledger = await readLedger(cluster, dlq);
    expect(ledger.size).toBe(selected.length);
    for (const t of selected)
      expect(ledger.get(`${dlq}/${t.dlqPartition}/${t.dlqOffset}`)).toMatchObject({
        jobId: job.id,
        destination: destinations[0],
      });
    const [state] = (await readJobs(cluster, dlq)).filter((j) => j.id === job.id);
    expect(state).toMatchObject({
      status: 'done',
      counts: { selected: selected.length, sent: selected.length, skipped: 0, failed: 0 },
    });

    const audit = await readAll(AUDIT_TOPIC);
    expect(audit.some((r) => r.value && JSON.parse(r.value.toString()).details?.job === job.id)).toBe(true);
    // The cluster's jobs list shows it with who started it and its audit entry.
    const overview = await listAllRedriveJobs(cluster);
    expect(overview.jobs.find((j) => j.id === job.id)).toMatchObject({
      status: 'done',
      sourceTopic: dlq,
      destination: destinations[0],
      audit: expect.arrayContaining([expect.objectContaining({ action: 'redrive' })]),
    });
    // The job's end is audited too, in the name of whoever started it (it ran with no request).
    const entries = overview.jobs.find((j) => j.id === job.id)!.audit;
    expect(entries.map((e) => e.action).sort()).toEqual(['redrive', 'redrive-done']);
    expect(entries.find((e) => e.action === 'redrive-done')!.actor).toBe(state!.startedBy);
  });

  it('a second job over the same selection skips what the ledger says was sent, unless forced', async () => {
    const cause = await causeFingerprint(CAUSE_A);
    const selected = truth.filter((t) => t.cause === CAUSE_A).length;
    const again = await startRedrive(cluster, dlq, {
      selection: { cause },
      destination: destinations[1],
      confirm: true,
    });
    await localRunner(again.id)?.finished;
    const [state] = (await readJobs(cluster, dlq)).filter((j) => j.id === again.id);
    expect(state).toMatchObject({ status: 'done', counts: { sent: 0, skipped: selected } });
    expect((await redriven(destinations[1]!)).length).toBe(0);

    const one = truth.find((t) => t.cause === CAUSE_A)!;
    const forced = await startRedrive(cluster, dlq, {
      selection: { letters: [{ partition: one.dlqPartition, offset: String(one.dlqOffset) }] },
      destination: destinations[1],
      force: true,
      confirm: true,
    });
    await localRunner(forced.id)?.finished;
    const [record] = (await redriven(destinations[1]!)).map((g) => g.record);
    expect(header(record!, REDRIVE_HEADERS.job)).toBe(forced.id);
    const jobs = await listRedriveJobs(cluster, dlq);
    expect(jobs.jobs.map((j) => j.id)).toEqual(expect.arrayContaining([forced.id, again.id]));
  });

  it('a rate-limited job pauses, resumes, and a second runner for it fences the first: still exactly once', async () => {
    const cause = await causeFingerprint(CAUSE_B);
    const selected = truth.filter((t) => t.cause === CAUSE_B);
    const job = await startRedrive(cluster, dlq, {
      selection: { cause },
      destination: destinations[2],
      rateLimit: 20,
      confirm: true,
    });
    const first = localRunner(job.id)!;
    // Paused once a few batches are sent (at 20 a second, far from all of them).
    await waitFor(() => first.job.counts.sent >= 4, 15_000, 'four letters sent');
    const paused = await controlRedrive(cluster, dlq, job.id, 'pause');
    // The pause answers once the runner has stopped: its counts hold until the resume.
    expect(paused.status).toBe('paused');
    const sentWhilePaused = paused.counts.sent;
    expect(first.job.counts.sent).toBe(sentWhilePaused);
    await new Promise((r) => setTimeout(r, 600));
    expect(first.job.counts.sent).toBe(sentWhilePaused);
    expect(sentWhilePaused).toBeGreaterThanOrEqual(4);
    expect(sentWhilePaused).toBeLessThan(selected.length);
    await controlRedrive(cluster, dlq, job.id, 'resume');
    await waitFor(() => first.job.counts.sent > sentWhilePaused, 15_000, 'a letter sent after the resume');

    // As if another console instance took the job over: same transactional id, the old runner is
    // fenced. The takeover happens while the first runner is paused, so that it cannot have sent
    // the rest (at 20 a second it would, given a slow takeover); woken, it finds itself fenced.
    await first.pause();
    const [stored] = (await readJobs(cluster, dlq)).filter((j) => j.id === job.id);
    const second = new RedriveRunner(cluster, stored!);
    await second.started;
    first.resume();
    await Promise.all([first.finished, second.finished]);
    expect(second.job.status).toBe('done');
    // The first runner was fenced part-way: its last transaction was aborted, not half-applied.
    expect(first.job.status).toBe('failed');
    expect(first.job.counts.sent).toBeLessThan(selected.length);

    const got = await redriven(destinations[2]!);
    const sources = got.map((g) => g.source);
    expect(sources.length).toBe(selected.length);
    expect(new Set(sources)).toEqual(new Set(selected.map((t) => `${t.dlqPartition}@${t.dlqOffset}`)));
  });

  it('parks what the destination cannot take, in the same transactions, and a resumed job counts it as parked', async () => {
    const one = truth.filter((t) => t.cause === CAUSE_B).slice(0, 5);
    const letters = one.map((t) => ({ partition: t.dlqPartition, offset: String(t.dlqOffset) }));
    // A destination that does not exist: every message fails the check and is parked instead.
    const job = await startRedrive(cluster, dlq, {
      selection: { letters },
      destination: `${parkingTopic}-absent`,
      park: true,
      force: true,
      confirm: true,
    });
    await localRunner(job.id)?.finished;
    const [state] = (await readJobs(cluster, dlq)).filter((j) => j.id === job.id);
    expect(state).toMatchObject({ status: 'done', counts: { selected: 5, sent: 0, parked: 5, failed: 0 } });
    const parked = await redriven(parkingTopic);
    expect(new Set(parked.map((p) => p.source))).toEqual(
      new Set(one.map((t) => `${t.dlqPartition}@${t.dlqOffset}`)),
    );
    for (const { record } of parked)
      expect(header(record, REDRIVE_HEADERS.parkReason)).toMatch(/does not exist/);
    const ledger = await readLedger(cluster, dlq);
    for (const t of one)
      expect(ledger.get(`${dlq}/${t.dlqPartition}/${t.dlqOffset}`)).toMatchObject({
        jobId: job.id,
        destination: parkingTopic,
        parked: true,
      });
    // Taken over again: nothing more is parked, the counts come from the ledger.
    const again = new RedriveRunner(cluster, state!);
    await again.finished;
    expect(again.job.counts).toMatchObject({ parked: 5, sent: 0 });
    expect((await redriven(parkingTopic)).length).toBe(5);
  });

  it('is refused on a read-only cluster and refuses an internal destination', async () => {
    const cause = await causeFingerprint(CAUSE_A);
    await expect(
      startRedrive(readOnlyCluster, dlq, { selection: { cause }, confirm: true }),
    ).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(
      startRedrive(cluster, dlq, { selection: { cause }, destination: '__consumer_offsets', confirm: true }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      startRedrive(cluster, dlq, { selection: { key: 'no-such-key' }, confirm: true }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
