/**
 * Seeds a cluster with the demo data set: `npm run seed -- [--events N] [--seed S] [--cluster ID]
 * [--reset] [--topic-suffix=S]`.
 *
 * What is written is computed by lib/demo without Kafka, as a stream (DemoSeedStream, the same
 * data planDemoSeed collects for tests): events are generated as they are written, in sends of
 * at most 2,000 with a few sends in flight, so memory does not grow with --events (10,000,000
 * and more fit). This script creates topics, registers schemas, produces the stream and commits
 * the consumer groups, checking every produce result against the planned partition and offset.
 * Fresh topics written in plan order by one idempotent producer per partition give exactly the
 * planned offsets, so tests can take the plan as the truth.
 *
 * Idempotent: when the topics already hold this seed (the manifest record in `__demo-seed` names
 * this seed and size, and every topic ends where the manifest says) it says so and exits 0. Other
 * data in the demo topics is an error unless --reset, which deletes the demo topics, groups and
 * schema subjects first.
 */
import { parseArgs } from 'node:util';
import type { ClusterConfig } from '@/lib/config/schema';
import { loadConfig } from '@/lib/config/load';
import {
  DEFAULT_DEMO_EVENTS,
  DEFAULT_DEMO_SEED,
  DEMO_DATA_VERSION,
  deadLetterHeaders,
  DemoSeedStream,
  demoTopicSpecs,
  encodeOrderEvent,
  encodePaymentValue,
  KIP848_GROUP,
  orderEventSchema,
  orderSchemaVersions,
  paymentJsonSchema,
  planAuditLog,
  planCodecBatches,
  planConsumerGroups,
  planInventory,
  planSensorFrames,
  planTransfers,
  type DemoCodec,
  type DemoDeadLetter,
  type DemoTopicKey,
  type DemoTopicSpec,
  type PlacedOrderEvent,
  type PlannedGroup,
  type PlannedPayment,
  type PlannedRecord,
  type PlannedTransaction,
  type SchemaVersion,
} from '@/lib/demo';
import { closeAdmins } from '@/lib/kafka/admin';
import { closeReaders, readPartitionRange } from '@/lib/kafka/reader';
import { commitGroupOffsets, consumeAndCommit, deleteGroupsIfPresent } from '@/lib/kafka/group-offsets';
import {
  closeProducer,
  createProducer,
  produceBatch,
  runTransaction,
  type Compression,
  type KafkaProducer,
  type OutgoingRecord,
} from '@/lib/kafka/producer';
import {
  alterTopicConfig,
  createTopicIfMissing,
  deleteTopicsIfPresent,
  topicHighWatermarks,
} from '@/lib/kafka/topics';
import { RegistryClient } from '@/lib/registry/client';
import { encodeConfluentFrame } from '@/lib/serde/wire-format';

const USAGE = `usage: npm run seed -- [--events N] [--seed S] [--cluster ID] [--reset] [--topic-suffix S]
  --events N        order events to generate (default ${DEFAULT_DEMO_EVENTS}; 1000000 for benchmarks)
  --seed S          PRNG seed, a number or a word (default ${DEFAULT_DEMO_SEED})
  --cluster ID      cluster from the console configuration (default "local", else the first)
  --reset           delete the demo topics, consumer groups and subjects first (needed to change --events)
  --topic-suffix=S  write to topics, subjects and groups with this suffix (e.g. =-bench), for experiments`;

/** Producers writing `orders` side by side, each owning the partitions p with p % N == its index. */
const ORDER_PRODUCERS = 3;
const RECORDS_PER_SEND = 2_000;

interface SeedArgs {
  clusterId: string | undefined;
  events: number;
  seed: number | string;
  reset: boolean;
  suffix: string;
}

class SeedError extends Error {
  override name = 'SeedError';
}

function parseCli(argv: string[]): SeedArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string' },
      seed: { type: 'string' },
      cluster: { type: 'string' },
      reset: { type: 'boolean', default: false },
      'topic-suffix': { type: 'string', default: '' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const events = values.events === undefined ? DEFAULT_DEMO_EVENTS : Number(values.events.replace(/_/g, ''));
  if (!Number.isInteger(events) || events < 3)
    throw new SeedError(`--events must be an integer of at least 3, not ${values.events}`);
  const seed =
    values.seed === undefined
      ? DEFAULT_DEMO_SEED
      : /^\d+$/.test(values.seed)
        ? Number(values.seed)
        : values.seed;
  const suffix = values['topic-suffix'] ?? '';
  if (!/^[A-Za-z0-9._-]*$/.test(suffix))
    throw new SeedError('--topic-suffix may only use letters, digits, ".", "_" and "-"');
  return { clusterId: values.cluster, events, seed, reset: values.reset ?? false, suffix };
}

function pickCluster(id: string | undefined): ClusterConfig {
  const { clusters } = loadConfig();
  if (id) {
    const cluster = clusters.find((c) => c.id === id);
    if (!cluster)
      throw new SeedError(
        `no cluster "${id}" in the configuration (have: ${clusters.map((c) => c.id).join(', ')})`,
      );
    return cluster;
  }
  return clusters.find((c) => c.id === 'local') ?? clusters[0]!;
}

// ---------------------------------------------------------------------------------------------
// timings and output

const timings: [string, number][] = [];

async function timed<T>(label: string, work: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  const result = await work();
  timings.push([label, performance.now() - start]);
  return result;
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === 1 || c === 2 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// what the topics hold

/** The manifest record the last seed wrote, which says what the topics should hold. */
interface Manifest {
  dataVersion: number;
  seed: number | string;
  events: number;
  highWatermarks: Record<string, number[]>;
}

async function readManifest(cluster: ClusterConfig, topic: string): Promise<Manifest | undefined> {
  const end = (await topicHighWatermarks(cluster, topic))?.[0] ?? 0;
  if (end === 0) return undefined;
  const { records } = await readPartitionRange(cluster, {
    topic,
    partition: 0,
    fromOffset: BigInt(end - 1),
    limit: 1,
  });
  const value = records[0]?.value;
  if (!value) return undefined;
  try {
    return JSON.parse(value.toString('utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

type ClusterState =
  { kind: 'empty' } | { kind: 'seeded'; manifest: Manifest } | { kind: 'different'; problems: string[] };

/**
 * Seeded means: the manifest (written last) names this seed, size and data version, and every
 * topic ends where the manifest says. Computing the end offsets from the data instead would
 * mean generating all of it.
 */
async function inspect(
  cluster: ClusterConfig,
  args: SeedArgs,
  specs: DemoTopicSpec[],
): Promise<ClusterState> {
  const problems: string[] = [];
  const actual = new Map<string, number[]>();
  for (const spec of specs) {
    const hw = await topicHighWatermarks(cluster, spec.name);
    if (hw === undefined) problems.push(`${spec.name} does not exist`);
    else actual.set(spec.name, hw);
  }
  if (actual.size === 0) return { kind: 'empty' };
  const manifestTopic = specs.find((s) => s.key === 'manifest')!.name;
  const manifest = actual.has(manifestTopic) ? await readManifest(cluster, manifestTopic) : undefined;
  if (!manifest) problems.push(`${manifestTopic} holds no seed manifest`);
  else {
    if (
      manifest.dataVersion !== DEMO_DATA_VERSION ||
      String(manifest.seed) !== String(args.seed) ||
      manifest.events !== args.events
    )
      problems.push(
        `the manifest is of seed ${manifest.seed}, ${manifest.events} events, data version ${manifest.dataVersion}; this seed is ${args.seed}, ${args.events} events, data version ${DEMO_DATA_VERSION}`,
      );
    for (const spec of specs) {
      const expected = manifest.highWatermarks[spec.name];
      const hw = actual.get(spec.name);
      if (spec.key === 'manifest' || !expected || !hw) continue;
      if (hw.length !== expected.length || hw.some((n, i) => n !== expected[i]))
        problems.push(
          `${spec.name} has end offsets [${hw.join(', ')}], the manifest says [${expected.join(', ')}]`,
        );
    }
  }
  return problems.length === 0 && manifest ? { kind: 'seeded', manifest } : { kind: 'different', problems };
}

// ---------------------------------------------------------------------------------------------
// writing

interface Ctx {
  cluster: ClusterConfig;
  topic: (key: DemoTopicKey) => string;
  suffix: string;
  /** End offsets of every topic written, for the manifest and the consumer groups. */
  written: Map<DemoTopicKey, number[]>;
}

function sameOffsets(
  topic: string,
  planned: readonly { partition: number; offset: number }[],
  produced: readonly { partition: number; offset: bigint }[],
): void {
  planned.forEach((p, i) => {
    const got = produced[i];
    if (!got || got.partition !== p.partition || got.offset !== BigInt(p.offset)) {
      throw new SeedError(
        `${topic}: a record planned at partition ${p.partition} offset ${p.offset} was written at partition ${got?.partition} offset ${got?.offset}; ` +
          'the topic was not empty or another producer wrote to it. Run with --reset.',
      );
    }
  });
}

/** Records the end offsets that records written in order leave in their topic. */
function noteWritten(ctx: Ctx, key: DemoTopicKey, records: readonly { partition: number; offset: number }[]) {
  const partitions = demoTopicSpecs().find((s) => s.key === key)!.partitions;
  const hw = ctx.written.get(key) ?? new Array<number>(partitions).fill(0);
  for (const r of records) hw[r.partition] = Math.max(hw[r.partition]!, r.offset + 1);
  ctx.written.set(key, hw);
}

/** Runs `work` with the topic's compression.type set to zstd, so that the broker compresses the batches. */
async function withBrokerZstd<T>(ctx: Ctx, topic: string, work: () => Promise<T>): Promise<T> {
  await alterTopicConfig(ctx.cluster, topic, { 'compression.type': 'zstd' });
  try {
    return await work();
  } finally {
    await alterTopicConfig(ctx.cluster, topic, { 'compression.type': null });
  }
}

/**
 * Node 20 has no zstd, so a zstd batch is sent uncompressed to a topic whose compression.type is
 * zstd, and the broker writes it compressed (verified on the log segments).
 */
function clientCompression(codec: DemoCodec): Compression {
  return codec === 'zstd' ? 'none' : codec;
}

/** Writes planned records in order with one producer, in sends of RECORDS_PER_SEND, checking offsets. */
async function producePlanned(
  ctx: Ctx,
  producer: KafkaProducer,
  key: DemoTopicKey,
  records: Iterable<PlannedRecord>,
  codec: DemoCodec = 'none',
): Promise<void> {
  const topic = ctx.topic(key);
  const send = async (chunk: PlannedRecord[]) => {
    const produced = await produceBatch(
      producer,
      chunk.map((r) => ({
        topic,
        partition: r.partition,
        key: r.key,
        value: r.value,
        headers: r.headers,
        timestamp: r.timestamp,
      })),
      { compression: clientCompression(codec) },
    );
    sameOffsets(topic, chunk, produced);
    noteWritten(ctx, key, chunk);
  };
  const write = async () => {
    let chunk: PlannedRecord[] = [];
    for (const record of records) {
      chunk.push(record);
      if (chunk.length === RECORDS_PER_SEND) {
        await send(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) await send(chunk);
  };
  await (codec === 'zstd' ? withBrokerZstd(ctx, topic, write) : write());
}

type SchemaIds = Record<SchemaVersion, number>;

/**
 * A reset deletes the demo's subjects for good, with its topics: it seeds afresh, and a demo schema
 * that has changed since an older seed (the payments' order-id pattern, for one) would otherwise
 * meet the registry's compatibility check against the version that seed registered, and fail.
 */
async function deleteSubjectsIfPresent(ctx: Ctx): Promise<string[]> {
  if (!ctx.cluster.registry) return [];
  const registry = new RegistryClient(ctx.cluster.registry);
  const present = new Set(await registry.listSubjects());
  const deleted: string[] = [];
  for (const subject of [`${ctx.topic('orders')}-value`, `${ctx.topic('payments')}-value`]) {
    if (!present.has(subject)) continue;
    await registry.deleteSubject(subject, true);
    deleted.push(subject);
  }
  return deleted;
}

async function registerSchemas(ctx: Ctx): Promise<{ orders: SchemaIds; payments: number }> {
  const registryConfig = ctx.cluster.registry;
  if (!registryConfig)
    throw new SeedError(`cluster "${ctx.cluster.id}" has no schema registry configured; the demo needs one`);
  const registry = new RegistryClient(registryConfig);
  const subject = `${ctx.topic('orders')}-value`;
  const orders = {} as SchemaIds;
  for (const version of orderSchemaVersions) {
    orders[version] = await registry.register(subject, JSON.stringify(orderEventSchema(version)));
    // After the first version, so that the subject exists (Apicurio wants that), and before the
    // next: every later version must pass the BACKWARD check.
    if (version === 1) await registry.setCompatibility(subject, 'BACKWARD');
  }
  const paymentsSubject = `${ctx.topic('payments')}-value`;
  const payments = await registry.register(paymentsSubject, JSON.stringify(paymentJsonSchema), 'JSON');
  return { orders, payments };
}

// Keys and repeated header values are encoded once; the cache is bounded so that it does not
// grow with the topic (order ids repeat only while the order is open).
const textBytes = new Map<string, Buffer>();
function cachedBytes(text: string): Buffer {
  let bytes = textBytes.get(text);
  if (!bytes) {
    if (textBytes.size >= 50_000) textBytes.clear();
    textBytes.set(text, (bytes = Buffer.from(text)));
  }
  return bytes;
}

function orderRecord(topic: string, p: PlacedOrderEvent, ids: SchemaIds): OutgoingRecord {
  const e = p.event;
  const headers: [string, Buffer][] = [];
  for (const [name, value] of Object.entries(p.headers))
    headers.push([name, name === 'correlation-id' ? Buffer.from(value) : cachedBytes(value)]);
  return {
    topic,
    partition: p.partition,
    key: cachedBytes(e.orderId),
    value: encodeConfluentFrame(ids[e.schemaVersion], encodeOrderEvent(e, e.schemaVersion)),
    headers,
    timestamp: e.occurredAt,
  };
}

function paymentRecord(p: PlannedPayment, schemaId: number): PlannedRecord {
  return {
    partition: p.partition,
    offset: p.offset,
    key: Buffer.from(p.key),
    value: encodePaymentValue(p.value, schemaId),
    timestamp: p.timestamp,
  };
}

/** Sends of `orders` gathered before they are written: at most this many are held at once. */
const SENDS_IN_FLIGHT = 6;

/**
 * Writes `orders` as the stream places the events, and `payments` as they become final, in
 * bounded memory: sends are gathered up to SENDS_IN_FLIGHT (all of one codec) and written by
 * the producers side by side, each owning the partitions p with p % N == its index, before the
 * next are generated.
 */
async function produceOrdersAndPayments(
  ctx: Ctx,
  stream: DemoSeedStream,
  ids: { orders: SchemaIds; payments: number },
): Promise<void> {
  const topic = ctx.topic('orders');
  const paymentsTopic = ctx.topic('payments');
  const producers = Array.from({ length: ORDER_PRODUCERS }, (_, i) =>
    createProducer(ctx.cluster, { clientIdSuffix: `seed-orders-${i}` }),
  );
  const paymentProducer = createProducer(ctx.cluster, { clientIdSuffix: 'seed-payments' });
  let brokerZstd = false;
  const setBrokerZstd = async (on: boolean) => {
    if (on === brokerZstd) return;
    await alterTopicConfig(ctx.cluster, topic, { 'compression.type': on ? 'zstd' : null });
    brokerZstd = on;
  };
  let sends: PlacedOrderEvent[][] = [];
  let send: PlacedOrderEvent[] = [];
  let payments: PlannedRecord[] = [];
  let done = 0;
  let nextReport = 0.1;

  const writePayments = async (all: boolean) => {
    while (payments.length >= RECORDS_PER_SEND || (all && payments.length > 0)) {
      const chunk = payments.slice(0, RECORDS_PER_SEND);
      payments = payments.slice(chunk.length);
      const produced = await produceBatch(
        paymentProducer,
        chunk.map((r) => ({
          topic: paymentsTopic,
          partition: r.partition,
          key: r.key,
          value: r.value,
          timestamp: r.timestamp,
        })),
        { compression: 'lz4' },
      );
      sameOffsets(paymentsTopic, chunk, produced);
      noteWritten(ctx, 'payments', chunk);
    }
  };
  const writeSends = async () => {
    if (sends.length === 0) return;
    const codec = sends[0]![0]!.compression;
    await setBrokerZstd(codec === 'zstd');
    await Promise.all([
      ...producers.map(async (producer, index) => {
        for (const s of sends) {
          const mine = s.filter((p) => p.partition % ORDER_PRODUCERS === index);
          if (mine.length === 0) continue;
          const produced = await produceBatch(
            producer,
            mine.map((p) => orderRecord(topic, p, ids.orders)),
            { compression: clientCompression(codec) },
          );
          sameOffsets(topic, mine, produced);
          noteWritten(ctx, 'orders', mine);
        }
      }),
      writePayments(false),
    ]);
    done += sends.reduce((n, s) => n + s.length, 0);
    sends = [];
    if (stream.events >= 100_000 && done / stream.events >= nextReport) {
      const { rss, heapUsed } = process.memoryUsage();
      log(
        `  orders: ${Math.round((done / stream.events) * 100)}% (resident ${mb(rss)} MB, JavaScript heap ${mb(heapUsed)} MB)`,
      );
      nextReport = Math.floor((done / stream.events) * 10 + 1) / 10;
    }
  };

  try {
    for (const { placed, payments: ready } of stream.placed()) {
      if (send.length > 0 && send[0]!.send !== placed.send) {
        // A codec change ends a group: the topic's compression.type may have to change with it.
        if (sends.length > 0 && sends[0]![0]!.compression !== send[0]!.compression) await writeSends();
        sends.push(send);
        send = [];
        if (sends.length === SENDS_IN_FLIGHT) await writeSends();
      }
      send.push(placed);
      for (const payment of ready) payments.push(paymentRecord(payment, ids.payments));
    }
    if (send.length > 0) {
      if (sends.length > 0 && sends[0]![0]!.compression !== send[0]!.compression) await writeSends();
      sends.push(send);
    }
    await writeSends();
    await setBrokerZstd(false);
    for (const payment of stream.finish().payments) payments.push(paymentRecord(payment, ids.payments));
    await writePayments(true);
  } finally {
    if (brokerZstd) await alterTopicConfig(ctx.cluster, topic, { 'compression.type': null });
    await Promise.all([...producers, paymentProducer].map(closeProducer));
  }
}

async function produceDeadLetters(
  ctx: Ctx,
  producer: KafkaProducer,
  letters: Iterable<{ letter: DemoDeadLetter; original: PlacedOrderEvent }>,
  ids: SchemaIds,
): Promise<{ count: number; causes: number }> {
  let count = 0;
  const causes = new Set<string>();
  // Encoded as they are sent: at 10,000,000 events there are 30,000, each with its stack trace.
  function* records(): Generator<PlannedRecord> {
    for (const { letter, original } of letters) {
      if (original.event.eventId !== letter.eventId)
        throw new SeedError(`dead letter ${letter.eventId} does not match orders`);
      const { value } = orderRecord(ctx.topic('orders'), original, ids);
      const headers = deadLetterHeaders(letter, original.headers, ctx.topic('orders'));
      count++;
      causes.add(letter.cause.causeClass);
      yield {
        partition: letter.partition,
        offset: letter.offset,
        key: Buffer.from(letter.orderId),
        value,
        headers,
        timestamp: letter.timestamp,
      };
    }
  }
  await producePlanned(ctx, producer, 'deadLetters', records(), 'snappy');
  return { count, causes: causes.size };
}

async function produceTransfers(ctx: Ctx, transfers: PlannedTransaction[]): Promise<void> {
  const topic = ctx.topic('transfers');
  const producer = createProducer(ctx.cluster, {
    transactionalId: `demo-seed-transfers${ctx.suffix}`,
    clientIdSuffix: 'seed-transfers',
  });
  try {
    for (const transaction of transfers) {
      await runTransaction(
        producer,
        async (send) => {
          const produced = await send(
            transaction.records.map((r) => ({
              topic,
              partition: r.partition,
              key: r.key,
              value: r.value,
              headers: r.headers,
              timestamp: r.timestamp,
            })),
          );
          sameOffsets(topic, transaction.records, produced);
        },
        transaction.outcome,
      );
      // The transaction marker takes an offset too.
      noteWritten(ctx, 'transfers', [
        ...transaction.records,
        { partition: 0, offset: transaction.markerOffset },
      ]);
    }
  } finally {
    await closeProducer(producer);
  }
}

async function commitGroups(ctx: Ctx, groups: PlannedGroup[]): Promise<string> {
  let kip848 = 'committed by a KIP-848 consumer';
  for (const group of groups) {
    const groupId = `${group.groupId}${ctx.suffix}`;
    const topic = `${group.topic}${ctx.suffix}`;
    if (group.protocol === 'consumer') {
      try {
        await consumeAndCommit(ctx.cluster, {
          groupId,
          topic,
          untilOffsets: group.offsets,
          protocol: 'consumer',
          timeoutMs: 60_000,
        });
        continue;
      } catch (error) {
        kip848 = `KIP-848 consumer failed (${(error as Error).message}); offsets committed through the admin API instead`;
      }
    }
    await commitGroupOffsets(ctx.cluster, groupId, [
      { topic, partitions: group.offsets.map((offset, partition) => ({ partition, offset })) },
    ]);
  }
  return kip848;
}

function highWatermarksOf(ctx: Ctx, specs: DemoTopicSpec[]): Record<string, number[]> {
  return Object.fromEntries(
    specs
      .filter((s) => s.key !== 'manifest')
      .map((s) => [s.name, ctx.written.get(s.key) ?? new Array<number>(s.partitions).fill(0)]),
  );
}

async function writeManifest(
  ctx: Ctx,
  producer: KafkaProducer,
  stream: DemoSeedStream,
  ids: { orders: SchemaIds; payments: number },
  specs: DemoTopicSpec[],
  groups: PlannedGroup[],
): Promise<void> {
  const manifest = {
    dataVersion: DEMO_DATA_VERSION,
    seed: stream.seed,
    events: stream.events,
    topicSuffix: ctx.suffix,
    finishedAt: new Date().toISOString(),
    schemaIds: {
      [`${ctx.topic('orders')}-value`]: ids.orders,
      [`${ctx.topic('payments')}-value`]: { 1: ids.payments },
    },
    highWatermarks: highWatermarksOf(ctx, specs),
    heavyOrders: stream.heavyOrders(),
    // Where each long-lived order's events are: partition, count, first and last offset.
    aggregates: stream.truth.aggregates(),
    // What the benchmark's filtered scan must find, so that it need not generate the data again.
    truth: { valuePredicate: stream.truth.valuePredicate() },
    groups: groups.map((g) => ({
      groupId: `${g.groupId}${ctx.suffix}`,
      topic: `${g.topic}${ctx.suffix}`,
      offsets: g.offsets,
      protocol: g.protocol,
    })),
  };
  await produceBatch(producer, [
    {
      topic: ctx.topic('manifest'),
      partition: 0,
      key: Buffer.from('demo-seed'),
      value: Buffer.from(JSON.stringify(manifest, null, 2)),
    },
  ]);
}

function summary(specs: DemoTopicSpec[], highWatermarks: Record<string, number[]>): string {
  const rows = [['topic', 'partitions', 'end offsets', 'content']];
  for (const spec of specs) {
    if (spec.key === 'manifest') continue;
    const records = (highWatermarks[spec.name] ?? []).reduce((a, b) => a + b, 0);
    rows.push([spec.name, String(spec.partitions), records.toLocaleString('en-US'), spec.description]);
  }
  return table(rows);
}

// ---------------------------------------------------------------------------------------------

async function seed(args: SeedArgs): Promise<void> {
  const started = performance.now();
  const cluster = pickCluster(args.clusterId);
  const specs = demoTopicSpecs(args.suffix);
  const topicNames = Object.fromEntries(specs.map((s) => [s.key, s.name])) as Record<DemoTopicKey, string>;
  log(
    `seeding cluster "${cluster.id}" (${cluster.bootstrapServers.join(',')}): ${args.events.toLocaleString('en-US')} order events, seed ${args.seed}${args.suffix ? `, topics *${args.suffix}` : ''}`,
  );
  const ctx: Ctx = { cluster, topic: (key) => topicNames[key], suffix: args.suffix, written: new Map() };
  const groupIds = planConsumerGroups({ orders: [], payments: [], users: [] }).map((g) => g.groupId);

  const state = await timed('inspect cluster', () => inspect(cluster, args, specs));
  if (state.kind === 'seeded' && !args.reset) {
    log('already seeded: every demo topic holds this seed.');
    log(summary(specs, state.manifest.highWatermarks));
    return;
  }
  if (state.kind === 'different' && !args.reset) {
    throw new SeedError(
      `the demo topics hold other data:\n  - ${state.problems.join('\n  - ')}\nRun again with --reset to delete the demo topics and groups and seed afresh.`,
    );
  }
  if (args.reset) {
    await timed('reset', async () => {
      const groups = await deleteGroupsIfPresent(
        cluster,
        groupIds.map((g) => `${g}${args.suffix}`),
      );
      const topics = await deleteTopicsIfPresent(
        cluster,
        specs.map((s) => s.name),
      );
      const subjects = await deleteSubjectsIfPresent(ctx);
      log(
        `reset: deleted ${topics.length} topics, ${groups.length} groups and ${subjects.length} schema subjects`,
      );
    });
  }

  const stream = await timed(
    'plan the orders (sizes, times, customers)',
    () => new DemoSeedStream({ seed: args.seed, events: args.events }),
  );
  await timed('create topics', async () => {
    for (const spec of specs)
      await createTopicIfMissing(cluster, {
        name: spec.name,
        partitions: spec.partitions,
        configs: spec.configs,
      });
  });
  const ids = await timed('register schemas', () => registerSchemas(ctx));
  await timed(
    `orders and payments (${args.events.toLocaleString('en-US')} events generated as written, ${ORDER_PRODUCERS} producers)`,
    () => produceOrdersAndPayments(ctx, stream, ids),
  );
  const { snapshots } = stream.finish();

  const producer = createProducer(cluster, { clientIdSuffix: 'seed' });
  try {
    await timed('snapshots', () =>
      producePlanned(
        ctx,
        producer,
        'snapshots',
        snapshots.map((s) => ({
          partition: s.partition,
          offset: s.offset,
          key: Buffer.from(s.value.orderId),
          value: Buffer.from(JSON.stringify(s.value)),
          headers: [['content-type', Buffer.from('application/json')]],
          timestamp: s.value.takenAt,
        })),
        'gzip',
      ),
    );
    const deadLetters = await timed('dead letters', () =>
      produceDeadLetters(ctx, producer, stream.deadLetterRecords(), ids.orders),
    );
    await timed('users (drawn as written)', () =>
      producePlanned(ctx, producer, 'users', stream.users(), 'none'),
    );
    await timed('audit-log, sensor-frames, inventory-levels', async () => {
      await producePlanned(ctx, producer, 'auditLog', planAuditLog(args.events, args.seed), 'gzip');
      await producePlanned(ctx, producer, 'sensorFrames', planSensorFrames(args.events, args.seed), 'none');
      await producePlanned(ctx, producer, 'inventory', planInventory(args.events, args.seed), 'snappy');
    });
    await timed('codecs (one batch per codec)', async () => {
      for (const batch of planCodecBatches())
        await producePlanned(ctx, producer, 'codecs', batch.records, batch.codec);
    });
    await timed('transfers (transactions)', () => produceTransfers(ctx, planTransfers()));
    const groups = stream.groups({
      orders: ctx.written.get('orders')!,
      payments: ctx.written.get('payments')!,
      users: ctx.written.get('users')!,
    });
    const kip848 = await timed('consumer groups', () => commitGroups(ctx, groups));
    await writeManifest(ctx, producer, stream, ids, specs, groups);

    log('');
    log(summary(specs, highWatermarksOf(ctx, specs)));
    log('');
    log(
      `schema ids: ${topicNames.orders}-value v1..v3 = ${orderSchemaVersions.map((v) => ids.orders[v]).join(', ')}; ${topicNames.payments}-value = ${ids.payments}`,
    );
    log(
      `heavy orders: ${stream
        .heavyOrders()
        .map((o) => `${o.orderId} (${o.events})`)
        .join(', ')}`,
    );
    log(
      `dead letters: ${deadLetters.count} (${deadLetters.causes} exception classes); snapshots: ${snapshots.length}`,
    );
    log(
      `groups: ${groups.map((g) => g.groupId + args.suffix).join(', ')}; ${KIP848_GROUP}${args.suffix}: ${kip848}`,
    );
  } finally {
    await closeProducer(producer);
  }
  log('');
  log(table([['step', 'ms', ''], ...timings.map(([label, ms]) => [label, ms.toFixed(0), ''])]));
  // The seeder's own peak memory (as /usr/bin/time reports it): it should not grow with --events.
  log(
    `total ${((performance.now() - started) / 1000).toFixed(1)} s, peak resident memory ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
  );
}

async function main(): Promise<number> {
  let args: SeedArgs | 'help';
  try {
    args = parseCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    log(USAGE);
    return 0;
  }
  try {
    await seed(args);
    return 0;
  } catch (error) {
    // Every cause in the chain ("... failed: connect ECONNREFUSED"); the stacks with DEBUG=1.
    const causes: string[] = [];
    for (let e: unknown = error; e && causes.length < 6; e = (e as { cause?: unknown }).cause)
      causes.push((e as Error).message ?? String(e));
    process.stderr.write(`seed failed: ${causes.join(': ')}\n`);
    if (process.env.DEBUG) console.error(error);
    return 1;
  } finally {
    await Promise.all([closeAdmins(), closeReaders()]);
  }
}

if (process.argv[1] && /scripts[\\/]seed\.ts$/.test(process.argv[1])) {
  void main().then((code) => process.exit(code));
}
