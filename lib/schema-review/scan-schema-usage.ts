import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { toErrorBody } from '@/lib/errors/app-error';
import { readRecordRange, readWatermarks } from '@/lib/kafka/reader';
import { registryFor } from '@/lib/registry';
import type { SchemaIdUsage, SchemaUsageEvent } from '@/lib/schemas/subjects';
import { assessReplaySafety } from './replay-safety';
import { SchemaUsageTally } from './schema-usage-tally';

export interface SchemaUsageQuery {
  topic: string;
  part: 'value' | 'key';
  subject?: string;
  sample?: number;
}

const PROGRESS_EVERY_MS = 250;
const PARALLEL_PARTITIONS = 3;

/**
 * Which schema ids a topic's records were written with, from a full scan (or the newest
 * `sample` records of each partition, said as such), with progress while it reads and, at the
 * end, the registry versions of each id and whether the latest reader schema reads every writer
 * present. Reads without a consumer group; stops when `signal` aborts.
 */
export async function* scanSchemaUsage(
  cluster: ClusterConfig,
  query: SchemaUsageQuery,
  signal: AbortSignal,
): AsyncGenerator<SchemaUsageEvent> {
  const started = performance.now();
  const marks = await readWatermarks(cluster, query.topic);
  const sampled = query.sample !== undefined;
  const ranges = marks.map((m) => ({
    partition: m.partition,
    from: sampled && m.high - BigInt(query.sample!) > m.low ? m.high - BigInt(query.sample!) : m.low,
    end: m.high,
  }));
  const total = ranges.reduce((n, r) => n + Number(r.end - r.from), 0);
  yield {
    type: 'phase',
    message: sampled
      ? `reading the newest ${query.sample} records of each partition`
      : 'reading every record',
    total,
    sampled,
  };

  const tally = new SchemaUsageTally();
  const progress = (): SchemaUsageEvent => {
    const seconds = (performance.now() - started) / 1000;
    const usage: SchemaIdUsage[] = tally.usage().map((u) => ({ ...u, versions: [] }));
    return {
      type: 'progress',
      scanned: tally.scanned,
      total,
      ratePerSec: seconds > 0 ? Math.round(tally.scanned / seconds) : 0,
      usage,
    };
  };
  // A few partitions at a time: one partition's Fetch is in flight while another's records are tallied.
  // Our own abort as well as the caller's, so that readers stop if the stream is closed between events.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort);
  let failure: unknown = null;
  let next = 0;
  const worker = async () => {
    while (next < ranges.length && !stop.signal.aborted && failure === null) {
      const range = ranges[next++]!;
      if (range.from >= range.end) continue;
      for await (const chunk of readRecordRange(cluster, {
        topic: query.topic,
        partition: range.partition,
        from: range.from,
        end: range.end,
        signal: stop.signal,
        lane: 'scans',
      })) {
        for (const r of chunk.records)
          tally.add({
            partition: r.partition,
            offset: r.offset,
            timestamp: r.timestamp,
            bytes: query.part === 'value' ? r.value : r.key,
          });
      }
    }
  };
  let finished = false;
  const readers = Promise.all(
    Array.from({ length: Math.min(PARALLEL_PARTITIONS, ranges.length) }, worker),
  ).then(
    () => {
      finished = true;
    },
    (error: unknown) => {
      failure = error;
      finished = true;
    },
  );
  try {
    while (!finished) {
      await Promise.race([readers, new Promise((resolve) => setTimeout(resolve, PROGRESS_EVERY_MS))]);
      if (!finished) yield progress();
    }
  } finally {
    stop.abort();
    signal.removeEventListener('abort', onAbort);
    await readers;
  }
  if (failure !== null) throw failure;
  const elapsedMs = Math.round(performance.now() - started);
  if (signal.aborted) {
    yield {
      type: 'done',
      reason: 'cancelled',
      scanned: tally.scanned,
      total,
      sampled,
      elapsedMs,
      usage: tally.usage().map((u) => ({ ...u, versions: [] })),
      replay: null,
      replayProblem: null,
    };
    return;
  }
  yield { type: 'phase', message: 'looking up versions and reading samples with the latest schema' };

  const registry = cluster.registry ? registryFor(cluster) : null;
  const usage: SchemaIdUsage[] = await Promise.all(
    tally.usage().map(async (u) => ({
      ...u,
      versions:
        u.schemaId !== null && registry ? await registry.getSchemaVersions(u.schemaId).catch(() => []) : [],
    })),
  );
  let replay = null;
  let replayProblem: string | null = null;
  if (!registry) replayProblem = 'the cluster has no schema registry';
  else {
    try {
      replay = await assessReplaySafety(
        registry,
        query.subject ?? `${query.topic}-${query.part}`,
        usage,
        tally,
      );
    } catch (error) {
      replayProblem = toErrorBody(error).body.error.message;
    }
  }
  yield {
    type: 'done',
    reason: 'end',
    scanned: tally.scanned,
    total,
    sampled,
    elapsedMs: Math.round(performance.now() - started),
    usage,
    replay,
    replayProblem,
  };
}
