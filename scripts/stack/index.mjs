// The local stack (Kafka + Apicurio Registry) as a library: used by scripts/stack.mjs, the test
// harness (vitest globalSetup) and the demo. Types: ./index.d.ts.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DATA_DIR, STACK_DIR, HOST, variantOf, parseVariantId } from './config.mjs';
import { StackError } from './errors.mjs';
import { checkJava, ensureKafka, ensureApicurio } from './dist.mjs';
import { isAlive, portIsFree, readPid, stopPid } from './proc.mjs';
import { startKafka, stopKafka, kafkaHealth, livePids, supportsKip848, nodeFiles } from './kafka.mjs';
import {
  startRegistry,
  stopRegistry,
  registryHealth,
  registryPid,
  ccompatUrl,
  registryBaseUrl,
} from './registry.mjs';

export { StackError } from './errors.mjs';

const LOCK = path.join(STACK_DIR, 'lock');
let inProcess = Promise.resolve();

function prepareStackDir() {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  // Self-ignoring: the folder stays out of git even without a root .gitignore entry.
  const ignore = path.join(STACK_DIR, '.gitignore');
  if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '*\n');
}

/** One stack command at a time, across processes (CLI, test setup, demo) and within one. */
function exclusive(fn) {
  const run = inProcess.then(async () => {
    prepareStackDir();
    let announced = false;
    for (;;) {
      try {
        fs.writeFileSync(LOCK, `${process.pid}\n`, { flag: 'wx' });
        break;
      } catch (err) {
        if (err.code !== 'EEXIST') throw err;
        const holder = readPid(LOCK);
        if (!holder || holder === process.pid || !isAlive(holder)) {
          fs.rmSync(LOCK, { force: true });
          continue;
        }
        if (!announced)
          process.stderr.write(`stack: waiting for another stack command (pid ${holder}) to finish\n`);
        announced = true;
        await sleep(500);
      }
    }
    try {
      return await fn();
    } finally {
      fs.rmSync(LOCK, { force: true });
    }
  });
  inProcess = run.catch(() => {});
  return run;
}

/** The ports a variant was last started on (a stack moved to its own ports by a test). */
const portsFile = (variant) => path.join(variant.dir, 'ports.json');

function recordPorts(variant) {
  fs.mkdirSync(variant.dir, { recursive: true });
  fs.writeFileSync(
    portsFile(variant),
    `${JSON.stringify({ kafkaPort: variant.nodes[0].port, registryPort: variant.registry.port })}\n`,
  );
}

function startedPorts(id) {
  try {
    return JSON.parse(fs.readFileSync(path.join(DATA_DIR, id, 'ports.json'), 'utf8'));
  } catch {
    return {};
  }
}

const portsOf = (v) => [...v.nodes.flatMap((n) => [n.port, n.controllerPort]), v.registry.port];
const overlaps = (a, b) => portsOf(a).some((p) => portsOf(b).includes(p));

/** Variants that have at least one live process of ours, on the ports they were started on. */
function runningVariants() {
  if (!fs.existsSync(DATA_DIR)) return [];
  return fs
    .readdirSync(DATA_DIR)
    .map((id) => {
      const opts = parseVariantId(id);
      return opts && { ...opts, ...startedPorts(id) };
    })
    .filter(Boolean)
    .map((opts) => variantOf(opts))
    .filter((variant) => registryPid(variant) || livePids(variant).some(Boolean));
}

const describe = (v) => `kafka ${v.kafkaVersion}, ${v.brokers} broker${v.brokers > 1 ? 's' : ''}`;
const logger = (quiet) => (quiet ? () => {} : (text) => process.stdout.write(text));

/**
 * Starts whatever is not running (Kafka first, then the registry) and waits until both answer.
 * Reuses a running stack. Throws StackError with a one-sentence message on failure.
 */
export function ensureStackUp({ kafka = '4', brokers = 1, quiet = false, kafkaPort, registryPort } = {}) {
  return exclusive(async () => {
    const variant = variantOf({ kafka, brokers, kafkaPort, registryPort });
    const log = logger(quiet);
    // Another stack may run beside this one on its own ports (the fault tests run a three-node
    // cluster beside the single node everyone else uses); one on the same ports may not.
    const other = runningVariants().find((v) => v.id !== variant.id && overlaps(v, variant));
    if (other) {
      throw new StackError(
        `Another stack is running (${describe(other)}); stop it first with \`npm run stack -- down\`.`,
      );
    }
    const java = checkJava();
    const libs = ensureKafka(variant.kafkaVersion, { quiet });
    const jar = ensureApicurio(variant.registry.version, { quiet });
    recordPorts(variant);
    const kafkaStarted = await startKafka({ java, libs, variant, log });
    const registryStarted = await startRegistry({ java, jar, variant, log });
    return {
      bootstrapServers: variant.bootstrapServers,
      registryUrl: ccompatUrl(variant),
      registryBaseUrl: registryBaseUrl(variant),
      kafkaVersion: variant.kafkaVersion,
      brokers: variant.brokers,
      startedNow: kafkaStarted || registryStarted,
    };
  });
}

/** What is running (or, when nothing is, the requested/default stack reported as down). */
export async function stackStatus(options = {}) {
  const variant = runningVariants()[0] ?? variantOf(options);
  const pids = livePids(variant);
  const health = await kafkaHealth(variant);
  const rPid = registryPid(variant);
  const rUp = rPid ? await registryHealth(variant) : false;
  const busy = async (pid, port) => !pid && !(await portIsFree(port, HOST));
  const kUp = health.up && pids.some(Boolean); // a Kafka we did not start does not count
  return {
    running: kUp && rUp,
    kafka: {
      version: variant.kafkaVersion,
      brokers: variant.brokers,
      up: kUp,
      clusterId: kUp ? health.clusterId : null,
      consumerGroupProtocol: kUp ? await supportsKip848(variant) : false,
      bootstrapServers: variant.bootstrapServers,
      dataDir: variant.dir,
      nodes: await Promise.all(
        variant.nodes.map(async (node, i) => ({
          id: node.id,
          port: node.port,
          controllerPort: node.controllerPort,
          pid: pids[i],
          portUsedByOther: await busy(pids[i], node.port),
          logFile: path.join(node.dir, 'logs', 'server.log'),
        })),
      ),
    },
    registry: {
      version: variant.registry.version,
      up: rUp,
      port: variant.registry.port,
      pid: rPid,
      portUsedByOther: await busy(rPid, variant.registry.port),
      url: ccompatUrl(variant),
      logFile: path.join(variant.registry.dir, 'registry.log'),
    },
  };
}

/** Stops every process the stack started (registry first, then Kafka). @returns whether anything ran */
export function stopStack({ quiet = false } = {}) {
  return exclusive(async () => {
    const log = logger(quiet);
    let stopped = false;
    for (const variant of runningVariants()) {
      stopped = (await stopRegistry(variant, log)) || stopped;
      stopped = (await stopKafka(variant, log)) || stopped;
    }
    if (!stopped) log('stack: nothing running\n');
    return stopped;
  });
}

/** down, then delete all data and logs (downloads in .stack/dist are kept). */
export async function resetStack({ quiet = false } = {}) {
  await stopStack({ quiet });
  return exclusive(async () => {
    for (const entry of fs.readdirSync(DATA_DIR))
      fs.rmSync(path.join(DATA_DIR, entry), { recursive: true, force: true });
    if (!quiet)
      process.stdout.write(`stack: deleted ${path.relative(process.cwd(), DATA_DIR) || DATA_DIR}\n`);
  });
}

/**
 * Stops one Kafka node of a running stack: SIGTERM and a clean shutdown, or with `kill` a SIGKILL
 * (a crashed machine: no leadership hand-over, no flushed log). `ensureStackUp` with the same
 * options starts it again. @returns whether it was running
 */
export function stopBroker(
  { kafka = '4', brokers = 3, kafkaPort, registryPort } = {},
  nodeId,
  { kill = false } = {},
) {
  return exclusive(async () => {
    const variant = variantOf({ kafka, brokers, kafkaPort, registryPort });
    const index = variant.nodes.findIndex((n) => n.id === nodeId);
    if (index < 0)
      throw new StackError(
        `The stack has no Kafka node ${nodeId} (nodes ${variant.nodes.map((n) => n.id).join(', ')}).`,
      );
    const node = variant.nodes[index];
    const pid = livePids(variant)[index];
    if (!pid) return false;
    if (kill) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
    } else {
      await stopPid(pid, node.dir, 30_000);
    }
    fs.rmSync(nodeFiles(node).pid, { force: true });
    return true;
  });
}

/** Stops the registry of one stack (Kafka keeps running); `ensureStackUp` starts it again. */
export function stopStackRegistry({ kafka = '4', brokers = 1, kafkaPort, registryPort, quiet = true } = {}) {
  return exclusive(() => stopRegistry(variantOf({ kafka, brokers, kafkaPort, registryPort }), logger(quiet)));
}

/** Stops one stack only (registry, then Kafka), leaving any other running stack alone. */
export function stopStackVariant({ kafka = '4', brokers = 1, kafkaPort, registryPort, quiet = true } = {}) {
  return exclusive(async () => {
    const variant = variantOf({ kafka, brokers, kafkaPort, registryPort });
    const log = logger(quiet);
    const registryStopped = await stopRegistry(variant, log);
    return (await stopKafka(variant, log)) || registryStopped;
  });
}
