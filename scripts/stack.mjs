#!/usr/bin/env node
// The local stack: Kafka (KRaft) + Apicurio Registry, downloaded from Maven Central into .stack/.
//   node scripts/stack.mjs up|down|status|reset [--kafka 4|3.9] [--brokers 1|3] [--quiet]
// (npm run stack -- up). Logic lives in scripts/stack/; this file only parses and prints.
import { ensureStackUp, stackStatus, stopStack, resetStack, StackError } from './stack/index.mjs';

const USAGE = `usage: node scripts/stack.mjs <up|down|status|reset> [--kafka 4|3.9] [--brokers 1|3] [--quiet]
  up      start Kafka and the registry (reuses what is already running), wait until healthy
  down    stop everything the stack started
  status  show each component; exit code 0 when all is up, 3 when not
  reset   down, then delete data and logs under .stack/data (downloads are kept)
env: STACK_KAFKA_PORT (default 9092), STACK_REGISTRY_PORT (default 8081), STACK_START_TIMEOUT (seconds, default 90)`;

function parse(argv) {
  const opts = { command: undefined, kafka: '4', brokers: 1, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--kafka') opts.kafka = value();
    else if (flag === '--brokers') opts.brokers = Number(value());
    else if (flag === '--quiet' || flag === '-q') opts.quiet = true;
    else if (flag === '--help' || flag === '-h') opts.command = 'help';
    else if (!flag.startsWith('-') && !opts.command) opts.command = flag;
    else throw new StackError(`Unknown argument ${argv[i]}.\n${USAGE}`);
  }
  if (opts.kafka === undefined) throw new StackError('--kafka needs a version (4 or 3.9).');
  return opts;
}

function printStatus(s) {
  const state = (up, pid, portUsedByOther) =>
    up ? 'up' : pid ? 'not ready' : portUsedByOther ? 'down (port in use by another process)' : 'down';
  const row = (name, st, rest) => console.log(`${name.padEnd(16)}${st.padEnd(10)}${rest}`);
  const k = s.kafka;
  const kPid = k.nodes.find((n) => n.pid)?.pid;
  row(
    `kafka ${k.version}`,
    state(
      k.up,
      kPid,
      k.nodes.some((n) => n.portUsedByOther),
    ),
    `${k.bootstrapServers.join(',')}  pid ${k.nodes.map((n) => n.pid ?? '-').join(', ')}` +
      (k.brokers > 1 ? `  (${k.brokers} brokers)` : '') +
      (k.up
        ? `  cluster ${k.clusterId}, KIP-848 consumer protocol ${k.consumerGroupProtocol ? 'on' : 'off'}`
        : ''),
  );
  const r = s.registry;
  row(`registry ${r.version}`, state(r.up, r.pid, r.portUsedByOther), `${r.url}  pid ${r.pid ?? '-'}`);
  if (!s.running && (kPid || r.pid)) console.log(`logs: ${k.nodes[0].logFile}, ${r.logFile}`);
}

async function main() {
  const opts = parse(process.argv.slice(2));
  switch (opts.command) {
    case 'up': {
      const res = await ensureStackUp(opts);
      if (!opts.quiet)
        console.log(
          `stack ${res.startedNow ? 'ready' : 'already up'}: KAFKA_BROKERS=${res.bootstrapServers.join(',')} SCHEMA_REGISTRY_URL=${res.registryUrl}`,
        );
      return 0;
    }
    case 'down':
      await stopStack(opts);
      return 0;
    case 'status': {
      const s = await stackStatus(opts);
      printStatus(s);
      return s.running ? 0 : 3;
    }
    case 'reset':
      await resetStack(opts);
      return 0;
    case 'help':
      console.log(USAGE);
      return 0;
    default:
      throw new StackError(opts.command ? `Unknown command ${opts.command}.\n${USAGE}` : USAGE);
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof StackError) console.error(`stack: ${err.message}`);
    else
      console.error(
        `stack: unexpected failure: ${err?.message ?? err}${process.env.STACK_DEBUG ? `\n${err?.stack}` : ''}`,
      );
    process.exit(err?.exitCode ?? 1);
  },
);
