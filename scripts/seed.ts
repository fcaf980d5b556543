/**
 * Seeds a cluster with the demo data set: `npm run seed -- [--events N] [--seed S] [--cluster ID]
 * [--reset] [--topic-suffix=S]`.
 *
 * What is written is computed first, without Kafka, by lib/demo (planDemoSeed); this script only
 * creates topics, registers schemas, produces the plan and commits the consumer groups, checking
 * every produce result against the planned partition and offset. Fresh topics written in plan
 * order by one idempotent producer per partition give exactly the planned offsets, so tests can
 * take the plan as the truth.
 *
 * Idempotent: when the topics already hold this seed (the manifest record in `__demo-seed` exists
 * and every topic has the expected high watermarks) it says so and exits 0. Other data in the
 * demo topics is an error unless --reset, which deletes the demo topics and groups first.
 */
import { parseArgs } from 'node:util';
import type { ClusterConfig } from '@/lib/config/schema';
import { loadConfig } from '@/lib/config/load';
import {
  DEFAULT_DEMO_EVENTS,
  DEFAULT_DEMO_SEED,
  deadLetterHeaders,
  demoTopicSpecs,
  encodeOrderEvent,
  encodePaymentValue,
  KIP848_GROUP,
  orderEventSchema,
  orderSchemaVersions,
  paymentJsonSchema,
  planDemoSeed,
  type DemoCodec,
  type DemoSeedPlan,
  type DemoTopicKey,
  type DemoTopicSpec,
  type PlacedOrderEvent,
  type PlannedRecord,
  type SchemaVersion,
} from '@/lib/demo';
import { closeAdmins } from '@/lib/kafka/admin';
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
  --reset           delete the demo topics and consumer groups first (needed to change --events)
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
// what the topics should hold

function recordsOf(plan: DemoSeedPlan, key: DemoTopicKey): { partition: number; offset: number }[] {
  switch (key) {
    case 'orders':
      return plan.orders;
    case 'snapshots':
      return plan.snapshots;
    case 'deadLetters':
      return plan.deadLetters;
    case 'payments':
      return plan.payments;
    case 'users':
      return plan.users;
    case 'auditLog':
      return plan.auditLog;
    case 'sensorFrames':
      return plan.sensorFrames;
    case 'inventory':
      return plan.inventory;
    case 'codecs':
      return plan.codecs.flatMap((b) => b.records);
    case 'transfers':
      // The transaction markers take offsets too.
      return plan.transfers.flatMap((t) => [...t.records, { partition: 0, offset: t.markerOffset }]);
    case 'manifest':
      return [{ partition: 0, offset: 0 }];
  }
}

function expectedHighWatermarks(plan: DemoSeedPlan, spec: DemoTopicSpec): number[] {
  const hw = new Array<number>(spec.partitions).fill(0);
  for (const r of recordsOf(plan, spec.key)) hw[r.partition] = Math.max(hw[r.partition]!, r.offset + 1);
  return hw;
}

type ClusterState = { kind: 'empty' } | { kind: 'seeded' } | { kind: 'different'; problems: string[] };

async function inspect(
  cluster: ClusterConfig,
  plan: DemoSeedPlan,
  specs: DemoTopicSpec[],
): Promise<ClusterState> {
  const problems: string[] = [];
  let present = 0;
  for (const spec of specs) {
    const actual = await topicHighWatermarks(cluster, spec.name);
    if (actual === undefined) {
      problems.push(`${spec.name} does not exist`);
      continue;
    }
    present++;
    const expected = expectedHighWatermarks(plan, spec);
    const same =
      spec.key === 'manifest'
        ? (actual[0] ?? 0) >= 1
        : actual.length === expected.length && actual.every((n, i) => n === expected[i]);
    if (!same)
      problems.push(
        `${spec.name} has end offsets [${actual.join(', ')}], this seed needs [${expected.join(', ')}]`,
      );
  }
  if (present === 0) return { kind: 'empty' };
  return problems.length === 0 ? { kind: 'seeded' } : { kind: 'different', problems };
}

// ---------------------------------------------------------------------------------------------
// writing

interface Ctx {
  cluster: ClusterConfig;
  plan: DemoSeedPlan;
  topic: (key: DemoTopicKey) => string;
  suffix: string;
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
  records: readonly PlannedRecord[],
  codec: DemoCodec = 'none',
): Promise<void> {
  const topic = ctx.topic(key);
  const write = async () => {
    for (let i = 0; i < records.length; i += RECORDS_PER_SEND) {
      const chunk = records.slice(i, i + RECORDS_PER_SEND);
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
    }
  };
  await (codec === 'zstd' ? withBrokerZstd(ctx, topic, write) : write());
}

type SchemaIds = Record<SchemaVersion, number>;

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

// At a million events, allocations dominate: keys and repeated header values are encoded once.
const textBytes = new Map<string, Buffer>();
function cachedBytes(text: string): Buffer {
  let bytes = textBytes.get(text);
  if (!bytes) textBytes.set(text, (bytes = Buffer.from(text)));
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

async function produceOrders(ctx: Ctx, ids: SchemaIds): Promise<void> {
  const topic = ctx.topic('orders');
  const orders = ctx.plan.orders;
  const producers = Array.from({ length: ORDER_PRODUCERS }, (_, i) =>
    createProducer(ctx.cluster, { clientIdSuffix: `seed-orders-${i}` }),
  );
  try {
    // Sends in runs of one codec; zstd runs need the topic switched, so the producers meet there.
    const runs: { codec: DemoCodec; sends: PlacedOrderEvent[][] }[] = [];
    for (let i = 0; i < orders.length;) {
      const send = orders[i]!.send;
      let j = i;
      while (j < orders.length && orders[j]!.send === send) j++;
      const chunk = orders.slice(i, j);
      const codec = chunk[0]!.compression;
      const last = runs[runs.length - 1];
      if (last && last.codec === codec) last.sends.push(chunk);
      else runs.push({ codec, sends: [chunk] });
      i = j;
    }
    let done = 0;
    let nextReport = 0.1;
    for (const run of runs) {
      const write = () =>
        Promise.all(
          producers.map(async (producer, index) => {
            for (const send of run.sends) {
              const mine = send.filter((p) => p.partition % ORDER_PRODUCERS === index);
              if (mine.length === 0) continue;
              const produced = await produceBatch(
                producer,
                mine.map((p) => orderRecord(topic, p, ids)),
                { compression: clientCompression(run.codec) },
              );
              sameOffsets(topic, mine, produced);
              done += mine.length;
              if (orders.length >= 100_000 && done / orders.length >= nextReport) {
                log(`  orders: ${Math.round((done / orders.length) * 100)}%`);
                nextReport += 0.1;
              }
            }
          }),
        );
      await (run.codec === 'zstd' ? withBrokerZstd(ctx, topic, write) : write());
    }
  } finally {
    await Promise.all(producers.map(closeProducer));
  }
}

async function produceDeadLetters(ctx: Ctx, producer: KafkaProducer, ids: SchemaIds): Promise<void> {
  const byPartition = new Map<number, PlacedOrderEvent[]>();
  for (const p of ctx.plan.orders) {
    let list = byPartition.get(p.partition);
    if (!list) byPartition.set(p.partition, (list = []));
    list.push(p);
  }
  const records: PlannedRecord[] = ctx.plan.deadLetters.map((letter) => {
    const original = byPartition.get(letter.originalPartition)?.[letter.originalOffset];
    if (!original || original.event.eventId !== letter.eventId)
      throw new SeedError(`dead letter ${letter.eventId} does not match orders`);
    const { value } = orderRecord(ctx.topic('orders'), original, ids);
    const headers = deadLetterHeaders(letter, original.headers, ctx.topic('orders'));
    return {
      partition: letter.partition,
      offset: letter.offset,
      key: Buffer.from(letter.orderId),
      value,
      headers,
      timestamp: letter.timestamp,
    };
  });
  await producePlanned(ctx, producer, 'deadLetters', records, 'snappy');
}

async function produceTransfers(ctx: Ctx): Promise<void> {
  const topic = ctx.topic('transfers');
  const producer = createProducer(ctx.cluster, {
    transactionalId: `demo-seed-transfers${ctx.suffix}`,
    clientIdSuffix: 'seed-transfers',
  });
  try {
    for (const transaction of ctx.plan.transfers) {
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
    }
  } finally {
    await closeProducer(producer);
  }
}

async function commitGroups(ctx: Ctx): Promise<string> {
  let kip848 = 'committed by a KIP-848 consumer';
  for (const group of ctx.plan.groups) {
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

async function writeManifest(
  ctx: Ctx,
  producer: KafkaProducer,
  ids: { orders: SchemaIds; payments: number },
  specs: DemoTopicSpec[],
): Promise<void> {
  const manifest = {
    dataVersion: ctx.plan.dataVersion,
    seed: ctx.plan.seed,
    events: ctx.plan.events,
    topicSuffix: ctx.suffix,
    finishedAt: new Date().toISOString(),
    schemaIds: {
      [`${ctx.topic('orders')}-value`]: ids.orders,
      [`${ctx.topic('payments')}-value`]: { 1: ids.payments },
    },
    highWatermarks: Object.fromEntries(
      specs.filter((s) => s.key !== 'manifest').map((s) => [s.name, expectedHighWatermarks(ctx.plan, s)]),
    ),
    heavyOrders: ctx.plan.heavyOrders,
    groups: ctx.plan.groups.map((g) => ({
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

function summary(plan: DemoSeedPlan, specs: DemoTopicSpec[]): string {
  const rows = [['topic', 'partitions', 'messages', 'content']];
  for (const spec of specs) {
    if (spec.key === 'manifest') continue;
    const messages =
      spec.key === 'transfers'
        ? plan.transfers.reduce((n, t) => n + t.records.length, 0)
        : recordsOf(plan, spec.key).length;
    rows.push([spec.name, String(spec.partitions), messages.toLocaleString('en-US'), spec.description]);
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

  const plan = await timed('plan (generate, place, derive)', () =>
    planDemoSeed({ seed: args.seed, events: args.events }),
  );
  const ctx: Ctx = { cluster, plan, topic: (key) => topicNames[key], suffix: args.suffix };

  const state = await timed('inspect cluster', () => inspect(cluster, plan, specs));
  if (state.kind === 'seeded' && !args.reset) {
    log('already seeded: every demo topic holds this seed.');
    log(summary(plan, specs));
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
        plan.groups.map((g) => `${g.groupId}${args.suffix}`),
      );
      const topics = await deleteTopicsIfPresent(
        cluster,
        specs.map((s) => s.name),
      );
      log(`reset: deleted ${topics.length} topics and ${groups.length} groups`);
    });
  }

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
    `orders (${plan.orders.length.toLocaleString('en-US')} events, ${ORDER_PRODUCERS} producers)`,
    () => produceOrders(ctx, ids.orders),
  );

  const producer = createProducer(cluster, { clientIdSuffix: 'seed' });
  try {
    await timed('snapshots', () =>
      producePlanned(
        ctx,
        producer,
        'snapshots',
        plan.snapshots.map((s) => ({
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
    await timed('dead letters', () => produceDeadLetters(ctx, producer, ids.orders));
    await timed('payments', () =>
      producePlanned(
        ctx,
        producer,
        'payments',
        plan.payments.map((p) => ({
          partition: p.partition,
          offset: p.offset,
          key: Buffer.from(p.key),
          value: encodePaymentValue(p.value, ids.payments),
          timestamp: p.timestamp,
        })),
        'lz4',
      ),
    );
    await timed('users, audit-log, sensor-frames, inventory-levels', async () => {
      await producePlanned(ctx, producer, 'users', plan.users, 'none');
      await producePlanned(ctx, producer, 'auditLog', plan.auditLog, 'gzip');
      await producePlanned(ctx, producer, 'sensorFrames', plan.sensorFrames, 'none');
      await producePlanned(ctx, producer, 'inventory', plan.inventory, 'snappy');
    });
    await timed('codecs (one batch per codec)', async () => {
      for (const batch of plan.codecs)
        await producePlanned(ctx, producer, 'codecs', batch.records, batch.codec);
    });
    await timed('transfers (transactions)', () => produceTransfers(ctx));
    const kip848 = await timed('consumer groups', () => commitGroups(ctx));
    await writeManifest(ctx, producer, ids, specs);

    log('');
    log(summary(plan, specs));
    log('');
    log(
      `schema ids: ${topicNames.orders}-value v1..v3 = ${orderSchemaVersions.map((v) => ids.orders[v]).join(', ')}; ${topicNames.payments}-value = ${ids.payments}`,
    );
    log(`heavy orders: ${plan.heavyOrders.map((o) => `${o.orderId} (${o.events})`).join(', ')}`);
    log(
      `dead letters: ${plan.deadLetters.length} (${new Set(plan.deadLetters.map((d) => d.cause.causeClass)).size} exception classes); snapshots: ${plan.snapshots.length}`,
    );
    log(
      `groups: ${plan.groups.map((g) => g.groupId + args.suffix).join(', ')}; ${KIP848_GROUP}${args.suffix}: ${kip848}`,
    );
  } finally {
    await closeProducer(producer);
  }
  log('');
  log(table([['step', 'ms', ''], ...timings.map(([label, ms]) => [label, ms.toFixed(0), ''])]));
  log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
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
    const e = error as Error & { cause?: unknown };
    process.stderr.write(`seed failed: ${e.message}\n`);
    if (process.env.DEBUG && e.cause) console.error(e.cause);
    return 1;
  } finally {
    await closeAdmins();
  }
}

// For integration tests: the truth is planDemoSeed (lib/demo), and this gives the end offsets of each topic.
export { expectedHighWatermarks };

if (process.argv[1] && /scripts[\\/]seed\.ts$/.test(process.argv[1])) {
  void main().then((code) => process.exit(code));
}
