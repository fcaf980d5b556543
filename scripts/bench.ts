/**
 * `npm run bench`: performance figures of the console on the real local stack, printed as a
 * table and written to bench/results/latest.json. Figures are measured, never asserted.
 *
 * It seeds a benchmark-sized copy of the demo data (topics with the suffix "-bench", 1,000,000
 * order events by default, once; other sizes get topics of their own, "-bench-10000000"), starts
 * the production build on its own port, and measures
 * through the HTTP API exactly what a browser would ask for:
 *   - the first page of 100 decoded messages at random offsets and at random timestamps;
 *   - a filtered scan of all partitions (a value predicate matching about 1%), and a scan
 *     filtered on the key only (which never decodes values), each against `kcat` reading the
 *     same range raw in the same run;
 *   - the peak resident memory of the console's server processes during the scan;
 *   - rebuilding the latest state of aggregates with 1,000 and 10,000 events, cold and warm,
 *     and from a snapshot;
 *   - the field-tree diff and both compatibility verdicts of two 500-field Avro schemas (in
 *     process: pure code, no server);
 *   - the schema-usage scan of the whole topic (which schema ids its records were written with).
 *   - dead-letter redrive (in process, on topics of its own): throughput against a plain
 *     idempotent produce of the same records, and the accuracy of a 500 msg/s rate limit.
 *
 * Options: --events N (default 1000000), --port P (default 3200), --samples N (default 50),
 * --only timetravel (just the key index and time travel through it, printed, not written).
 * --only scan (just the first pages and the scans against kcat, printed, not written).
 * The production build goes to NEXT_DIST_DIR (default .next).
 *
 * Every expected result is known before the server starts: the seeder writes it to the seed
 * manifest (accumulated while it generates, in memory that does not grow with --events), and a
 * seed from before that is streamed through the same model here. Requests go through one
 * connection pool that drops idle sockets well inside the server's keep-alive window; a GET that
 * meets a closed connection anyway is sent again, and every failure prints its step, its cause
 * chain, and for an HTTP error the status and body.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Agent, fetch, type Response } from 'undici';
import { accumulateDemoTruth } from '@/lib/demo/demo-truth';
import { createRng } from '@/lib/demo/prng';
import { demoTopicName } from '@/lib/demo/topics';
import { loadConfig } from '@/lib/config/load';
import { closeReaders, readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import { buildConsoleIfStale, root, runStep, startConsole, waitForHealth } from './lib/console-server';
import { measureRedrive } from './lib/redrive-bench';
import { measureSchemaDiff } from './lib/schema-diff-bench';

const { values: opts } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    port: { type: 'string', default: '3200' },
    samples: { type: 'string', default: '50' },
    only: { type: 'string' },
  },
});
const EVENTS = Number(opts.events);
const PORT = Number(opts.port);
const SAMPLES = Number(opts.samples);
// The default size keeps the topics it always had; another size seeds topics of its own rather
// than replacing them.
const SUFFIX = EVENTS === 1_000_000 ? '-bench' : `-bench-${EVENTS}`;
const TOPIC = demoTopicName('orders', SUFFIX);
const CLUSTER = 'local';
const base = `http://127.0.0.1:${PORT}/api/clusters/${CLUSTER}/topics/${encodeURIComponent(TOPIC)}/messages`;
const BENCH_STREAM = 'orders-bench';
/** The commit the run measures (the build is made from the tree at the start). */
const COMMIT = spawnSync('git', ['log', '--oneline', '-1'], { cwd: root }).stdout?.toString().trim();

/**
 * The demo configuration plus an event stream over the benchmark topics, with the demo's
 * fold rules and the benchmark snapshot topic.
 */
function writeBenchConfig(keyIndex: { enabled: boolean; dir?: string }): string {
  const config = JSON.parse(readFileSync(path.join(root, 'console.config.json'), 'utf8')) as {
    clusters: {
      id: string;
      streams?: { id: string; topic: string; snapshotTopic?: string }[];
      keyIndex?: { enabled: boolean; dir?: string };
    }[];
  };
  const cluster = config.clusters.find((c) => c.id === CLUSTER)!;
  const orders = cluster.streams?.find((st) => st.id === 'orders');
  if (!orders) throw new Error('console.config.json declares no "orders" stream');
  cluster.streams = [
    ...(cluster.streams ?? []),
    { ...orders, id: BENCH_STREAM, topic: TOPIC, snapshotTopic: demoTopicName('snapshots', SUFFIX) },
  ];
  cluster.keyIndex = keyIndex;
  const file = path.join(
    os.tmpdir(),
    `console-bench-${process.pid}-${keyIndex.enabled ? 'index' : 'scan'}.json`,
  );
  writeFileSync(file, JSON.stringify(config));
  return file;
}

interface Figure {
  name: string;
  value: number;
  unit: string;
  target: number | null;
  better: 'lower' | 'higher';
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Time the server spent in the handler (Server-Timing), else the loopback round trip. */
async function timedGet(
  url: string,
): Promise<{ ms: number; body: { messages?: { offset: string; partition: number; timestamp: number }[] } }> {
  const started = performance.now();
  const res = await getOk(url);
  const body = (await res.json()) as {
    messages?: { offset: string; partition: number; timestamp: number }[];
  };
  const roundTrip = performance.now() - started;
  const timing = /app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
  return { ms: timing ? Number(timing[1]) : roundTrip, body };
}

/** Resident memory of a process and all its descendants, in bytes. */
function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // gone
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

interface SeedManifest {
  events: number;
  heavyOrders: { orderId: string; events: number }[];
  aggregates?: { orderId: string; events: number }[];
  truth?: { valuePredicate: { expr: string; expected: number } };
}

/**
 * What the scans must find: the filtered scan's predicate (paid orders above the amount that about
 * 0.9 % of all events exceed, under the search's 10,000-match cap) with its exact match count, and
 * a filter on the key only (every event of an order with 1,000 events, decided on the raw key
 * bytes, so it measures reading and parsing without any value decoding). From the manifest the
 * seeder wrote, or, for a seed written before the manifest carried them, from the generator's own
 * model streamed here; either way the scans' results are checked, not just timed.
 */
function expectedTruths(manifest: SeedManifest): {
  predicate: { expr: string; expected: number };
  keyPredicate: { expr: string; expected: number };
  source: string;
} {
  const heavy1k = manifest.heavyOrders.find((h) => h.events === 1_000);
  if (!heavy1k) throw new Error('the benchmark data has no aggregate of 1,000 events');
  const tracked = manifest.aggregates?.find((a) => a.orderId === heavy1k.orderId);
  if (manifest.truth && tracked)
    return {
      predicate: manifest.truth.valuePredicate,
      keyPredicate: { expr: `key == "${heavy1k.orderId}"`, expected: tracked.events },
      source: 'the seed manifest',
    };
  const truth = accumulateDemoTruth({ events: EVENTS });
  return {
    predicate: truth.valuePredicate(),
    keyPredicate: truth.keyPredicate(heavy1k.orderId),
    source: 'the generator, streamed',
  };
}

/** The message of an error and of each of its causes ("fetch failed: other side closed"). */
function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e && parts.length < 6; e = (e as { cause?: unknown }).cause) {
    const err = e as { message?: string; code?: string };
    parts.push(
      [err.message ?? String(e), err.code && !err.message?.includes(err.code) ? `(${err.code})` : '']
        .filter(Boolean)
        .join(' '),
    );
  }
  return parts.join(': ');
}

/**
 * Every request of the bench goes through this pool. Idle sockets are closed after 1 s, well
 * inside the server's keep-alive window (Node's 5 s), so a request does not go out on a socket
 * the server is closing (the filtered scan used to fail with "fetch failed: other side closed"
 * after a long pause). A scan or replay of a large topic streams for minutes, so the body may take
 * 30 minutes and the headers 10 before the request counts as hung.
 */
const pool = new Agent({
  keepAliveTimeout: 1_000,
  keepAliveMaxTimeout: 1_000,
  headersTimeout: 600_000,
  bodyTimeout: 1_800_000,
  connect: { timeout: 10_000 },
});

/** A connection that failed before an answer: safe to send a GET again. */
function isConnectionFailure(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const { code, name } = e as { code?: string; name?: string };
    if (
      name === 'SocketError' ||
      code === 'UND_ERR_SOCKET' ||
      code === 'ECONNRESET' ||
      code === 'ECONNREFUSED' ||
      code === 'EPIPE' ||
      code === 'UND_ERR_CONNECT_TIMEOUT'
    )
      return true;
  }
  return false;
}

/** GET through the pool, sent up to three times when the connection fails before an answer. */
async function get(url: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, { dispatcher: pool });
    } catch (error) {
      if (attempt === 3 || !isConnectionFailure(error))
        throw new Error(`GET ${url} failed after ${attempt} attempt(s)`, { cause: error });
      console.warn(`  GET ${url} failed (${describeError(error)}); sending it again`);
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

/** GET that must answer 2xx; otherwise the error holds the status and the start of the body. */
async function getOk(url: string): Promise<Response> {
  const res = await get(url);
  if (!res.ok) {
    const body = await res.text().catch((error: unknown) => `(body unreadable: ${describeError(error)})`);
    throw new Error(`GET ${url} answered ${res.status} ${res.statusText}: ${body.slice(0, 2_000)}`);
  }
  return res;
}

/** Runs one step of the bench; a failure says which step it was. */
async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new Error(`${name} failed`, { cause: error });
  }
}

interface StreamEvent {
  type: string;
  scanned?: number;
  matched?: number;
  steps?: number;
  error?: { message: string };
}

/** Reads a server-sent-event stream until its `done` event, which it returns. */
async function readUntilDone(url: string): Promise<StreamEvent> {
  const res = await getOk(url);
  if (!res.body) throw new Error(`${url} answered ${res.status} without a body`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream of ${url} ended without a done event`);
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const event = JSON.parse(buffer.slice(0, cut).replace(/^data: /, '')) as StreamEvent;
      buffer = buffer.slice(cut + 2);
      if (event.type === 'error')
        throw new Error(`${url} streamed an error: ${event.error?.message ?? JSON.stringify(event)}`);
      if (event.type === 'done') {
        await reader.cancel();
        return event;
      }
    }
  }
}

/**
 * Collects this process's garbage before the first-page samples: what the redrive measurement (and
 * for an old seed, the streamed model) left behind, whose collection, left to V8, can fall inside
 * the timed requests (the reader alone answered a 100-record page in under 10 ms at p95 where the bench
 * measured 217 ms).
 */
function settleHeap(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}

async function filteredScan(
  expr: string,
  serverPid: number,
  limit = 10000,
  operation: 'search' | 'count' = 'search',
): Promise<{ scanned: number; matched: number; seconds: number; peakRss: number }> {
  const url = `${base}/${operation}?partition=all&start=earliest&limit=${limit}&maxScan=1000000000&expr=${encodeURIComponent(expr)}`;
  let peakRss = treeRss(serverPid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRss(serverPid))), 100);
  const started = performance.now();
  try {
    const done = await readUntilDone(url);
    return {
      scanned: done.scanned ?? 0,
      matched: done.matched ?? 0,
      seconds: (performance.now() - started) / 1000,
      peakRss,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** Rebuilds an aggregate's latest state through the replay API; returns the server-side wall time. */
async function replay(id: string, fromSnapshot: boolean): Promise<{ ms: number; steps: number }> {
  const url = `http://127.0.0.1:${PORT}/api/clusters/${CLUSTER}/timetravel/replay?stream=${BENCH_STREAM}&id=${encodeURIComponent(id)}${fromSnapshot ? '&fromSnapshot=true' : ''}`;
  const started = performance.now();
  const done = await readUntilDone(url);
  return { ms: performance.now() - started, steps: done.steps ?? 0 };
}

/**
 * Replays of other aggregates of the same sizes, before the cold figures: "cold" is the first
 * replay of an aggregate (nothing of it cached) in a server that has replayed before, as a
 * console in use has. A server's very first replays also pay for compiling their code paths
 * (V8 optimises a function after many calls); those are reported apart. The aggregates differ,
 * so no read or cache of these helps the cold ones.
 */
async function warmReplays(k1: string, k10: string): Promise<{ first1k: number; first10k: number }> {
  const first1k = (await replay(k1, false)).ms;
  const first10k = (await replay(k10, false)).ms;
  return { first1k, first10k };
}

/** Bytes of a replay's event stream up to the end of its `done` event. */
async function replayBytes(id: string): Promise<number> {
  const res = await getOk(
    `http://127.0.0.1:${PORT}/api/clusters/${CLUSTER}/timetravel/replay?stream=${BENCH_STREAM}&id=${encodeURIComponent(id)}`,
  );
  return (await res.arrayBuffer()).byteLength;
}

interface IndexStatus {
  bytesOnDisk: number;
  topics: { topic: string; partitions: { lag: string; events: number; indexedUpTo: string }[] }[];
}

/** Waits until the server's key index has caught up with the benchmark topic; returns its figures. */
async function waitForIndex(
  total: number,
  timeoutMs: number,
  started: number,
): Promise<{ seconds: number; events: number; bytes: number }> {
  for (;;) {
    const status = (await (
      await getOk(`http://127.0.0.1:${PORT}/api/clusters/${CLUSTER}/key-index`)
    ).json()) as IndexStatus;
    const topic = status.topics.find((t) => t.topic === TOPIC);
    const upTo = topic?.partitions.reduce((n, p) => n + Number(p.indexedUpTo), 0) ?? 0;
    if (topic && upTo >= total && topic.partitions.every((p) => p.lag === '0')) {
      return {
        seconds: (performance.now() - started) / 1000,
        events: topic.partitions.reduce((n, p) => n + p.events, 0),
        bytes: status.bytesOnDisk,
      };
    }
    if (performance.now() - started > timeoutMs)
      throw new Error(`the key index did not catch up within ${timeoutMs / 1000} s (${upTo} of ${total})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function kcatRead(total: number): { seconds: number; count: number } | undefined {
  if (spawnSync('kcat', ['-V']).status !== 0) return undefined;
  const started = performance.now();
  const res = spawnSync(
    'kcat',
    ['-C', '-b', '127.0.0.1:9092', '-t', TOPIC, '-o', 'beginning', '-e', '-q', '-f', '%o\n'],
    { maxBuffer: 1 << 30 },
  );
  const seconds = (performance.now() - started) / 1000;
  const count = res.stdout.toString().split('\n').filter(Boolean).length;
  if (count !== total) console.warn(`kcat read ${count} records, expected ${total}`);
  return { seconds, count };
}

/** The last manifest the seeder wrote for the benchmark topics. */
async function readSeedManifest(
  cluster: ReturnType<typeof loadConfig>['clusters'][number],
): Promise<SeedManifest> {
  const topic = demoTopicName('manifest', SUFFIX);
  const [marks] = await readWatermarks(cluster, topic);
  if (!marks || marks.high === 0n) throw new Error(`${topic} holds no seed manifest`);
  const { records } = await readPartitionRange(cluster, {
    topic,
    partition: 0,
    fromOffset: marks.high - 1n,
    limit: 1,
  });
  const manifest = JSON.parse(records[0]!.value!.toString('utf8')) as SeedManifest;
  if (manifest.events !== EVENTS)
    throw new Error(`${topic} describes ${manifest.events} events, not ${EVENTS}`);
  return manifest;
}

async function main(): Promise<void> {
  const stack = (await import(path.join(root, 'scripts/stack/index.mjs'))) as {
    ensureStackUp: (o?: { quiet?: boolean }) => Promise<unknown>;
  };
  await stack.ensureStackUp({ quiet: true });
  // A 2 MB young generation, as for the server: the seeder's peak at 1,000,000 events fell from
  // 668 to 556 MB, no slower (its JavaScript heap holds about 200 MB; the rest was slack).
  runStep(
    `seeding ${EVENTS.toLocaleString('en')} order events into ${TOPIC} (once)`,
    [
      path.join(root, 'node_modules/tsx/dist/cli.mjs'),
      '--conditions=react-server',
      'scripts/seed.ts',
      '--events',
      String(EVENTS),
      `--topic-suffix=${SUFFIX}`,
    ],
    { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-semi-space-size=2`.trim() },
  );
  // The figures of the scans come from a server without the key index; those of the index from a
  // second server that builds one from nothing in a directory of its own.
  const configFile = writeBenchConfig({ enabled: false });
  const indexDir = path.join(os.tmpdir(), `console-bench-index-${process.pid}`);
  rmSync(indexDir, { recursive: true, force: true });
  const indexConfigFile = writeBenchConfig({ enabled: true, dir: indexDir });
  // The index is a cache of this run (about 40 MB at 1,000,000 events, 350 MB at 10,000,000).
  process.on('exit', () => {
    for (const leftover of [indexDir, configFile, indexConfigFile])
      rmSync(leftover, { recursive: true, force: true });
  });
  const cluster = loadConfig({ ...process.env, CONSOLE_CONFIG: configFile }).clusters.find(
    (c) => c.id === CLUSTER,
  )!;
  // The expected truths first, while nothing waits on a socket.
  const manifest = await step('reading the seed manifest', () => readSeedManifest(cluster));
  const { predicate, keyPredicate, source } = expectedTruths(manifest);
  console.log(`\n> expected results from ${source}`);
  buildConsoleIfStale();
  if (opts.only === 'timetravel') return timeTravelOnly(cluster, manifest, indexConfigFile);
  let server = startConsole(PORT, { CONSOLE_CONFIG: configFile }, true);
  const figures: Figure[] = [];
  figures.push({
    name: 'schema_diff_500_fields_ms',
    value: measureSchemaDiff().medianMs,
    unit: 'ms',
    target: 50,
    better: 'lower',
  });
  try {
    if (!(await waitForHealth(PORT, 60_000))) throw new Error(`the console did not start on port ${PORT}`);
    const marks = await readWatermarks(cluster, TOPIC);
    const total = marks.reduce((n, m) => n + Number(m.high - m.low), 0);
    console.log(`\n> ${TOPIC}: ${total.toLocaleString('en')} records in ${marks.length} partitions`);

    // Time range of the topic, from the first record of every partition and the newest ones.
    let minTs = Infinity;
    let maxTs = -Infinity;
    for (const m of marks) {
      if (m.high === m.low) continue;
      const first = await readPartitionRange(cluster, {
        topic: TOPIC,
        partition: m.partition,
        fromOffset: m.low,
        limit: 1,
      });
      const last = await readPartitionRange(cluster, {
        topic: TOPIC,
        partition: m.partition,
        fromOffset: m.high - 1n,
        limit: 1,
      });
      minTs = Math.min(minTs, first.records[0]!.timestamp);
      maxTs = Math.max(maxTs, last.records[0]!.timestamp);
    }

    // Redrive: transactional with its ledger, against a plain idempotent produce of the same records.
    if (opts.only !== 'scan') {
      const redrive = await step('redrive', () => measureRedrive(cluster));
      figures.push(
        {
          name: 'redrive_msgs_per_s',
          value: redrive.redriveRate,
          unit: 'msg/s',
          target: null,
          better: 'higher',
        },
        {
          name: 'redrive_vs_produce_ratio',
          value: redrive.redriveRate / redrive.produceRate,
          unit: 'ratio',
          target: 0.5,
          better: 'higher',
        },
        { name: 'redrive_setup_s', value: redrive.setupSeconds, unit: 's', target: null, better: 'lower' },
        {
          name: 'redrive_rate_limit_error_pct',
          value: redrive.rateLimitErrorPct,
          unit: '%',
          target: 5,
          better: 'lower',
        },
      );
    }

    const rng = createRng('bench');
    settleHeap();
    // Warm the server (compile routes, fetch schemas) before measuring.
    await timedGet(`${base}?partition=0&offset=0&limit=100`);

    const offsetTimes: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const m = marks[Math.floor(rng.next() * marks.length)]!;
      const span = Number(m.high - m.low) - 100;
      const offset = m.low + BigInt(Math.floor(rng.next() * Math.max(1, span)));
      const { ms, body } = await timedGet(`${base}?partition=${m.partition}&offset=${offset}&limit=100`);
      if (body.messages?.length !== 100 || body.messages[0]!.offset !== String(offset))
        throw new Error(`page at ${m.partition}/${offset} was not the 100 messages from that offset`);
      offsetTimes.push(ms);
    }
    const timestampTimes: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const ts = Math.floor(minTs + rng.next() * (maxTs - minTs));
      const { ms, body } = await timedGet(`${base}?partition=all&timestamp=${ts}&limit=100`);
      if (!body.messages?.length || body.messages.some((msg) => msg.timestamp < ts))
        throw new Error(`page at timestamp ${ts} held records before it`);
      timestampTimes.push(ms);
    }
    offsetTimes.sort((a, b) => a - b);
    timestampTimes.sort((a, b) => a - b);
    figures.push(
      {
        name: 'first_page_offset_p50_ms',
        value: percentile(offsetTimes, 50),
        unit: 'ms',
        target: 50,
        better: 'lower',
      },
      {
        name: 'first_page_offset_p95_ms',
        value: percentile(offsetTimes, 95),
        unit: 'ms',
        target: 150,
        better: 'lower',
      },
      {
        name: 'first_page_timestamp_p50_ms',
        value: percentile(timestampTimes, 50),
        unit: 'ms',
        target: 50,
        better: 'lower',
      },
      {
        name: 'first_page_timestamp_p95_ms',
        value: percentile(timestampTimes, 95),
        unit: 'ms',
        target: 150,
        better: 'lower',
      },
    );

    console.log(`> filtered scan: ${predicate.expr} (the model says ${predicate.expected} matches)`);
    const scan = await step('filtered scan', () => filteredScan(predicate.expr, server.pid!));
    if (scan.scanned !== total) console.warn(`the scan covered ${scan.scanned} of ${total} records`);
    if (scan.matched !== predicate.expected)
      console.warn(`the scan matched ${scan.matched}, the model says ${predicate.expected}`);
    const scanRate = scan.scanned / scan.seconds;
    figures.push({
      name: 'filtered_scan_msgs_per_s',
      value: scanRate,
      unit: 'msg/s',
      target: null,
      better: 'higher',
    });
    // The same filter counted ("count all matches"): matches are counted on what the filter read.
    const count = await step('count scan', () => filteredScan(predicate.expr, server.pid!, 10000, 'count'));
    if (count.matched !== predicate.expected)
      console.warn(`the count found ${count.matched}, the model says ${predicate.expected}`);
    figures.push({
      name: 'count_scan_msgs_per_s',
      value: count.scanned / count.seconds,
      unit: 'msg/s',
      target: null,
      better: 'higher',
    });

    console.log(
      `> key-filtered scan: ${keyPredicate.expr} (the model says ${keyPredicate.expected} matches)`,
    );
    const keyScan = await step('key-filtered scan', () => filteredScan(keyPredicate.expr, server.pid!));
    if (keyScan.scanned !== total)
      console.warn(`the key scan covered ${keyScan.scanned} of ${total} records`);
    if (keyScan.matched !== keyPredicate.expected)
      console.warn(`the key scan matched ${keyScan.matched}, the model says ${keyPredicate.expected}`);
    const keyScanRate = keyScan.scanned / keyScan.seconds;
    figures.push({
      name: 'key_filter_scan_msgs_per_s',
      value: keyScanRate,
      unit: 'msg/s',
      target: null,
      better: 'higher',
    });

    const kcat = kcatRead(total);
    if (kcat) {
      const kcatRate = kcat.count / kcat.seconds;
      figures.push({
        name: 'kcat_raw_msgs_per_s',
        value: kcatRate,
        unit: 'msg/s',
        target: null,
        better: 'higher',
      });
      figures.push({
        name: 'filtered_scan_vs_kcat_ratio',
        value: scanRate / kcatRate,
        unit: 'ratio',
        target: 0.5,
        better: 'higher',
      });
      figures.push({
        name: 'key_filter_scan_vs_kcat_ratio',
        value: keyScanRate / kcatRate,
        unit: 'ratio',
        target: 0.8,
        better: 'higher',
      });
    } else {
      console.warn('kcat is not installed (apt-get install kcat): the raw comparison is skipped');
    }
    figures.push({
      name: 'server_peak_rss_mb',
      value: Math.max(scan.peakRss, keyScan.peakRss) / 1024 / 1024,
      unit: 'MB',
      target: 300,
      better: 'lower',
    });
    figures.push({
      name: 'filtered_scan_matched',
      value: scan.matched,
      unit: 'messages',
      target: predicate.expected,
      better: 'higher',
    });

    // `--only scan`: the pages and scans alone, printed, not written over the whole run's figures.
    if (opts.only === 'scan') {
      for (const f of figures)
        console.log(`${f.name.padEnd(34)} ${f.value.toFixed(f.unit === 'ratio' ? 2 : 1)} ${f.unit}`);
      return;
    }

    // Time travel: the latest state of aggregates with 1,000 and 10,000 events. "Cold" is the
    // first replay of that aggregate in this server process (the route is warmed on another
    // aggregate first); "warm" the median of three more.
    const heavy = (n: number) => manifest.heavyOrders.filter((h) => h.events === n).map((h) => h.orderId);
    const [k1, k1b] = heavy(1_000);
    const [k10, k10b] = heavy(10_000);
    if (!k1 || !k10 || !k1b || !k10b)
      throw new Error('the benchmark data has no two aggregates of 1,000 and of 10,000 events');
    await replay('order-000042', false);
    const warm = async (id: string) => {
      const times = [
        (await replay(id, false)).ms,
        (await replay(id, false)).ms,
        (await replay(id, false)).ms,
      ].sort((a, b) => a - b);
      return times[1]!;
    };
    const cold1k = await replay(k1, false);
    const warm1k = await warm(k1);
    const cold10k = await replay(k10, false);
    const warm10k = await warm(k10);
    const snapshot10k = await replay(k10b, true);
    if (cold1k.steps !== 1_000 || cold10k.steps !== 10_000)
      console.warn(`replays folded ${cold1k.steps} and ${cold10k.steps} events`);
    figures.push(
      { name: 'timetravel_1k_scan_cold_ms', value: cold1k.ms, unit: 'ms', target: null, better: 'lower' },
      { name: 'timetravel_1k_scan_warm_ms', value: warm1k, unit: 'ms', target: null, better: 'lower' },
      { name: 'timetravel_10k_scan_cold_ms', value: cold10k.ms, unit: 'ms', target: null, better: 'lower' },
      { name: 'timetravel_10k_scan_warm_ms', value: warm10k, unit: 'ms', target: null, better: 'lower' },
      {
        name: 'timetravel_10k_snapshot_scan_cold_ms',
        value: snapshot10k.ms,
        unit: 'ms',
        target: null,
        better: 'lower',
      },
    );

    // Which schema ids the whole topic holds: five bytes per record, nothing decoded.
    const usageStarted = performance.now();
    const usage = await readUntilDone(
      `http://127.0.0.1:${PORT}/api/clusters/${CLUSTER}/schemas/usage?topic=${encodeURIComponent(TOPIC)}`,
    );
    figures.push({
      name: 'schema_usage_scan_msgs_per_s',
      value: (usage.scanned ?? 0) / ((performance.now() - usageStarted) / 1000),
      unit: 'msg/s',
      target: null,
      better: 'higher',
    });

    // The key index: a second server builds it from nothing while otherwise idle, then the same
    // aggregates are rebuilt through it (other aggregates of the same sizes for the cold figures,
    // so no cache of the first server's reads can help) and a key is looked up.
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    // Timed from the spawn (the indexer starts with the server), so the start-up counts against it.
    const spawnedAt = performance.now();
    server = startConsole(PORT, { CONSOLE_CONFIG: indexConfigFile }, true);
    if (!(await waitForHealth(PORT, 120_000)))
      throw new Error('the console with the key index did not start');
    // Ten minutes, or more for a topic that takes longer at 20,000 events/s.
    const built = await step('building the key index', () =>
      waitForIndex(total, Math.max(600_000, total / 20), spawnedAt),
    );
    figures.push(
      {
        name: 'index_build_events_per_s',
        value: built.events / built.seconds,
        unit: 'events/s',
        target: 200_000,
        better: 'higher',
      },
      {
        name: 'index_bytes_per_event',
        value: built.bytes / built.events,
        unit: 'B',
        target: 40,
        better: 'lower',
      },
    );
    await replay('order-000042', false);
    // The lookup route is loaded on its first request: warmed on another key, as the replay is.
    await getOk(
      `http://127.0.0.1:${PORT}/api/clusters/${CLUSTER}/key-index/lookup?topic=${encodeURIComponent(TOPIC)}&key=order-000042&limit=50`,
    );
    const firstInProcess = await warmReplays(k1, k10);
    const icold1k = await replay(k1b, false);
    const icold10k = await replay(k10b, false);
    const iwarm10k = await warm(k10b);
    if (icold1k.steps !== 1_000 || icold10k.steps !== 10_000)
      console.warn(`indexed replays folded ${icold1k.steps} and ${icold10k.steps} events`);
    const lookupStarted = performance.now();
    const lookup = await getOk(
      `http://127.0.0.1:${PORT}/api/clusters/${CLUSTER}/key-index/lookup?topic=${encodeURIComponent(TOPIC)}&key=${encodeURIComponent(k10)}&limit=50`,
    );
    const page = (await lookup.json()) as { messages: unknown[]; total: number };
    const lookupMs = performance.now() - lookupStarted;
    if (page.messages.length !== 50 || page.total !== 10_000)
      console.warn(`the key lookup gave ${page.messages.length} messages of ${page.total}`);
    figures.push(
      { name: 'timetravel_1k_cold_ms', value: icold1k.ms, unit: 'ms', target: 100, better: 'lower' },
      { name: 'timetravel_10k_cold_ms', value: icold10k.ms, unit: 'ms', target: 300, better: 'lower' },
      { name: 'timetravel_10k_warm_ms', value: iwarm10k, unit: 'ms', target: 50, better: 'lower' },
      {
        name: 'timetravel_1k_first_in_process_ms',
        value: firstInProcess.first1k,
        unit: 'ms',
        target: null,
        better: 'lower',
      },
      {
        name: 'timetravel_10k_first_in_process_ms',
        value: firstInProcess.first10k,
        unit: 'ms',
        target: null,
        better: 'lower',
      },
      { name: 'key_lookup_first_page_ms', value: lookupMs, unit: 'ms', target: 50, better: 'lower' },
      // The replay's whole stream (plan, timeline, the page at the position shown, the end): the
      // first state shows when it ends; other pages are fetched only as the user moves.
      {
        name: 'timetravel_first_paint_bytes',
        value: await replayBytes(k10b),
        unit: 'B',
        target: null,
        better: 'lower',
      },
    );
  } finally {
    server.kill('SIGTERM');
    await closeReaders();
  }

  const rows = figures.map((f) => {
    const met =
      f.target === null
        ? ''
        : (f.better === 'lower' ? f.value <= f.target : f.value >= f.target)
          ? 'met'
          : 'MISSED';
    const value =
      f.unit === 'ratio'
        ? f.value.toFixed(2)
        : f.value >= 100
          ? Math.round(f.value).toLocaleString('en')
          : f.value.toFixed(1);
    return [
      f.name,
      `${value} ${f.unit}`,
      f.target === null ? '' : `${f.better === 'lower' ? '<=' : '>='} ${f.target}`,
      met,
    ];
  });
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), 6));
  console.log(`\n${rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n')}`);

  const out = path.join(root, 'bench/results/latest.json');
  mkdirSync(path.dirname(out), { recursive: true });
  const result = `${JSON.stringify({ measuredAt: new Date().toISOString(), machine: { cores: (await import('node:os')).cpus().length, node: process.version }, events: EVENTS, commit: COMMIT, figures }, null, 2)}\n`;
  writeFileSync(out, result);
  // Kept per size as well, so that a run at another size does not lose the default one.
  writeFileSync(path.join(root, `bench/results/events-${EVENTS}.json`), result);
  console.log(`\nwritten to ${path.relative(root, out)}`);
}

// Exits when done: a keep-alive socket or a client handle left open must not hold the machine's
// shared end-to-end lock after the figures are written.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${describeError(error)}`);
    process.exit(1);
  },
);

/**
 * `--only timetravel`: a server with the key index built from nothing, then the time-travel
 * figures through it, as the whole run measures them; printed only, so a partial run never
 * replaces the whole run's results.
 */
async function timeTravelOnly(
  cluster: ReturnType<typeof loadConfig>['clusters'][number],
  manifest: SeedManifest,
  indexConfigFile: string,
): Promise<void> {
  const marks = await readWatermarks(cluster, TOPIC);
  const total = marks.reduce((n, m) => n + Number(m.high - m.low), 0);
  const heavy = (n: number) => manifest.heavyOrders.filter((h) => h.events === n).map((h) => h.orderId);
  const [k1, k1b] = heavy(1_000);
  const [k10, k10b] = heavy(10_000);
  if (!k1 || !k10 || !k1b || !k10b)
    throw new Error('the benchmark data has no two aggregates of 1,000 and of 10,000 events');
  const spawnedAt = performance.now();
  const server = startConsole(PORT, { CONSOLE_CONFIG: indexConfigFile }, true);
  try {
    if (!(await waitForHealth(PORT, 120_000)))
      throw new Error('the console with the key index did not start');
    const built = await step('building the key index', () =>
      waitForIndex(total, Math.max(600_000, total / 20), spawnedAt),
    );
    await replay('order-000042', false);
    const lookupUrl = (key: string) =>
      `http://127.0.0.1:${PORT}/api/clusters/${CLUSTER}/key-index/lookup?topic=${encodeURIComponent(TOPIC)}&key=${encodeURIComponent(key)}&limit=50`;
    await getOk(lookupUrl('order-000042'));
    const firstInProcess = await warmReplays(k1, k10);
    const cold1k = await replay(k1b, false);
    const cold10k = await replay(k10b, false);
    const warms = [];
    for (let i = 0; i < 3; i++) warms.push((await replay(k10b, false)).ms);
    warms.sort((a, b) => a - b);
    const lookups = [];
    for (const key of [k10, k1, k10b, k1b, ...heavy(1_000).slice(2)]) {
      const started = performance.now();
      await (await getOk(lookupUrl(key))).arrayBuffer();
      lookups.push(performance.now() - started);
    }
    const firstPaint = await replayBytes(k10b);
    const rows: [string, number][] = [
      ['index_build_events_per_s', built.events / built.seconds],
      ['index_bytes_per_event', built.bytes / built.events],
      ['timetravel_1k_cold_ms', cold1k.ms],
      ['timetravel_10k_cold_ms', cold10k.ms],
      ['timetravel_10k_warm_ms', warms[1]!],
      ['timetravel_1k_first_in_process_ms', firstInProcess.first1k],
      ['timetravel_10k_first_in_process_ms', firstInProcess.first10k],
      ['key_lookup_first_page_ms', lookups[0]!],
      [
        'key_lookup_first_page_median_ms',
        [...lookups].sort((a, b) => a - b)[Math.floor(lookups.length / 2)]!,
      ],
      ['timetravel_first_paint_bytes', firstPaint],
    ];
    if (cold1k.steps !== 1_000 || cold10k.steps !== 10_000)
      console.warn(`indexed replays folded ${cold1k.steps} and ${cold10k.steps} events`);
    console.log(`\n${rows.map(([name, value]) => `${name.padEnd(34)} ${value.toFixed(1)}`).join('\n')}`);
  } finally {
    server.kill('SIGTERM');
    await closeReaders();
  }
}
