// Kafka in KRaft mode: each node is a combined broker+controller with a static voter set,
// formatted on first start, run detached from a flat classpath of jars, checked over the wire.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { HOST, startTimeoutMs, extraJavaOpts } from './config.mjs';
import { StackError } from './errors.mjs';
import { livePid, isOurs, readPid, portIsFree, spawnDetached, stopPid, waitFor, seconds } from './proc.mjs';
import { fetchMetadata, fetchApiVersions, CONSUMER_GROUP_HEARTBEAT } from './kafka-protocol.mjs';

export const nodeFiles = (node) => ({
  properties: path.join(node.dir, 'server.properties'),
  log4j: path.join(node.dir, 'log4j2.xml'),
  pid: path.join(node.dir, 'kafka.pid'),
  stdout: path.join(node.dir, 'logs', 'stdout.log'),
  serverLog: path.join(node.dir, 'logs', 'server.log'),
  formatLog: path.join(node.dir, 'logs', 'format.log'),
  data: path.join(node.dir, 'data'),
});

const isKafka3 = (version) => version.startsWith('3.');

function serverProperties(variant, node) {
  const n = variant.brokers;
  const files = nodeFiles(node);
  const lines = [
    '# Written by scripts/stack on every start; edit scripts/stack/kafka.mjs instead.',
    'process.roles=broker,controller',
    `node.id=${node.id}`,
    `controller.quorum.voters=${variant.nodes.map((v) => `${v.id}@${HOST}:${v.controllerPort}`).join(',')}`,
    `listeners=PLAINTEXT://${HOST}:${node.port},CONTROLLER://${HOST}:${node.controllerPort}`,
    `advertised.listeners=PLAINTEXT://${HOST}:${node.port}`,
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${files.data}`,
    '# Dev-box settings: internal topics fit the cluster size, no waiting, no surprise topics.',
    'num.partitions=1',
    `default.replication.factor=${n}`,
    'min.insync.replicas=1',
    `offsets.topic.replication.factor=${n}`,
    `transaction.state.log.replication.factor=${n}`,
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    '# An event store keeps its history: no time-based deletion (seeded events may carry old timestamps).',
    'log.retention.hours=-1',
    'log.cleaner.dedupe.buffer.size=33554432',
    'num.network.threads=2',
    'num.io.threads=4',
    'num.recovery.threads.per.data.dir=1',
  ];
  if (n > 1) {
    // A node that dies without a word is fenced when its session times out, and only then do its
    // partitions get new leaders: 4 s instead of the default 9 s keeps the fault tests short.
    lines.push('broker.session.timeout.ms=4000', 'broker.heartbeat.interval.ms=1000');
  }
  if (isKafka3(variant.kafkaVersion)) {
    // KIP-848 in 3.9 is a preview: the consumer protocol needs group.version=1, which 3.9 only
    // offers through unstable features. With these flags on, the formatter bootstraps the newest
    // (unstable 4.0-IV) metadata.version, which finalizes group.version=1; a 3.9 data dir formatted
    // this way must keep the flags (a node without them refuses the metadata log and exits).
    lines.push(
      '# KIP-848 (new consumer group protocol) preview; GA and default from Kafka 4.0.',
      'group.coordinator.rebalance.protocols=classic,consumer',
      'unstable.feature.versions.enable=true',
      'unstable.api.versions.enable=true',
    );
  } else {
    lines.push(
      `share.coordinator.state.topic.replication.factor=${n}`,
      'share.coordinator.state.topic.min.isr=1',
    );
  }
  return `${lines.join('\n')}\n`;
}

function log4jConfig(node) {
  const logs = path.join(node.dir, 'logs');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by scripts/stack: everything goes to ${logs}/server.log, nothing to the console. -->
<Configuration status="WARN" shutdownHook="disable">
  <Appenders>
    <RollingFile name="file" fileName="${logs}/server.log" filePattern="${logs}/server.log.%i">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
      <Policies><SizeBasedTriggeringPolicy size="10 MB"/></Policies>
      <DefaultRolloverStrategy max="3"/>
    </RollingFile>
  </Appenders>
  <Loggers>
    <Root level="INFO"><AppenderRef ref="file"/></Root>
    <Logger name="kafka.request.logger" level="WARN"/>
    <Logger name="state.change.logger" level="WARN"/>
    <Logger name="org.apache.kafka.clients" level="WARN"/>
    <Logger name="org.apache.kafka.common.utils.AppInfoParser" level="WARN"/>
  </Loggers>
</Configuration>
`;
}

function javaArgs(libs, node, heap = '512m') {
  const files = nodeFiles(node);
  return [
    `-Xmx${heap}`,
    '-Xms128m',
    '-XX:+UseSerialGC',
    '-Djava.awt.headless=true',
    ...extraJavaOpts('STACK_KAFKA_JAVA_OPTS'),
    `-Dlog4j2.configurationFile=${files.log4j}`,
    `-Dkafka.logs.dir=${path.dirname(files.serverLog)}`,
    '-cp',
    `${libs}${path.sep}*`,
  ];
}

function clusterId(variant) {
  const file = path.join(variant.dir, 'cluster.id');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  let id;
  do id = crypto.randomBytes(16).toString('base64url');
  while (id.startsWith('-'));
  fs.mkdirSync(variant.dir, { recursive: true });
  fs.writeFileSync(file, `${id}\n`);
  return id;
}

function format(java, libs, variant, node) {
  const files = nodeFiles(node);
  const args = [
    ...javaArgs(libs, node, '256m'),
    'kafka.tools.StorageTool',
    'format',
    '-t',
    clusterId(variant),
    '-c',
    files.properties,
  ];
  return new Promise((resolve, reject) => {
    const out = fs.openSync(files.formatLog, 'w');
    const child = spawn(java, args, { stdio: ['ignore', out, out] });
    child.on('error', reject);
    child.on('exit', (code) => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else
        reject(
          new StackError(`Formatting Kafka storage for node ${node.id} failed (see ${files.formatLog}).`, {
            logFile: files.formatLog,
          }),
        );
    });
  });
}

/** Metadata from any node: healthy when every node is registered as a broker. */
export async function kafkaHealth(variant) {
  for (const node of variant.nodes) {
    try {
      const md = await fetchMetadata(HOST, node.port, 2000);
      return {
        up: md.brokers.length >= variant.brokers,
        brokers: md.brokers.length,
        clusterId: md.clusterId,
      };
    } catch {
      /* try the next node */
    }
  }
  return { up: false, brokers: 0, clusterId: null };
}

export async function supportsKip848(variant) {
  try {
    return (await fetchApiVersions(HOST, variant.nodes[0].port, 2000)).has(CONSUMER_GROUP_HEARTBEAT);
  } catch {
    return false;
  }
}

export const livePids = (variant) => variant.nodes.map((node) => livePid(nodeFiles(node).pid, node.dir));

/** Starts the nodes that are not running and waits until the cluster answers. @returns started now? */
export async function startKafka({ java, libs, variant, log }) {
  const label = `kafka ${variant.kafkaVersion}`;
  const where = variant.bootstrapServers.join(',');
  const pids = livePids(variant);
  const missing = variant.nodes.filter((_, i) => !pids[i]);

  if (missing.length === 0) {
    if ((await kafkaHealth(variant)).up) {
      log(`${label}: already up on ${where} (pid ${pids.join(', ')})\n`);
      return false;
    }
  }

  for (const node of missing) {
    for (const port of [node.port, node.controllerPort]) {
      if (!(await portIsFree(port, HOST))) {
        throw new StackError(
          `Port ${HOST}:${port} is already in use by another process, so Kafka node ${node.id} cannot start (set STACK_KAFKA_PORT to move the stack).`,
        );
      }
    }
  }

  const startedAt = Date.now();
  const what =
    missing.length === 0
      ? 'waiting for'
      : `starting ${variant.brokers > 1 ? `${missing.length} nodes ` : ''}on`;
  log(`${label}: ${what} ${where} ... `);
  try {
    await Promise.all(
      missing.map(async (node) => {
        const files = nodeFiles(node);
        fs.mkdirSync(path.dirname(files.serverLog), { recursive: true });
        fs.writeFileSync(files.properties, serverProperties(variant, node));
        fs.writeFileSync(files.log4j, log4jConfig(node));
        if (!fs.existsSync(path.join(files.data, 'meta.properties'))) await format(java, libs, variant, node);
      }),
    );
    for (const node of missing) {
      const files = nodeFiles(node);
      spawnDetached(java, [...javaArgs(libs, node), 'kafka.Kafka', files.properties], {
        cwd: node.dir,
        logFile: files.stdout,
        pidFile: files.pid,
      });
    }
    const result = await waitFor(async () => (await kafkaHealth(variant)).up, {
      timeoutMs: startTimeoutMs(),
      isDead: () => variant.nodes.some((node) => !isOurs(readPid(nodeFiles(node).pid), node.dir)),
    });
    const logFile = nodeFiles(variant.nodes[0]).serverLog;
    if (result === 'died') {
      const dead = variant.nodes.find((node) => !livePid(nodeFiles(node).pid, node.dir));
      const f = nodeFiles(dead);
      throw new StackError(
        `Kafka node ${dead.id} exited during startup (see ${f.serverLog} and ${f.stdout}).`,
        { logFile: f.serverLog },
      );
    }
    if (result === 'timeout') {
      throw new StackError(
        `Kafka did not answer on ${where} within ${startTimeoutMs() / 1000} s (see ${logFile}).`,
        { logFile },
      );
    }
  } catch (err) {
    log('failed\n');
    throw err;
  }
  log(`up (${seconds(startedAt)})\n`);
  return true;
}

/** Stops every node in parallel (a combined cluster shuts down cleanly when all go together). */
export async function stopKafka(variant, log) {
  const pids = livePids(variant);
  if (pids.every((p) => !p)) return false;
  const startedAt = Date.now();
  log(`kafka ${variant.kafkaVersion}: stopping (pid ${pids.filter(Boolean).join(', ')}) ... `);
  const results = await Promise.all(
    variant.nodes.map(async (node, i) => {
      if (!pids[i]) return 'not-running';
      const result = await stopPid(pids[i], node.dir, 30_000);
      fs.rmSync(nodeFiles(node).pid, { force: true });
      return result;
    }),
  );
  log(`${results.includes('killed') ? 'killed after 30 s' : 'stopped'} (${seconds(startedAt)})\n`);
  return true;
}
