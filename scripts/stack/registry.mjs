// Apicurio Registry 3 with kafkasql storage: schemas live in a Kafka topic (kafkasql-journal) of
// the local cluster, so they survive restarts; the Confluent-compatible API is /apis/ccompat/v7.
import fs from 'node:fs';
import path from 'node:path';
import { HOST, startTimeoutMs, extraJavaOpts } from './config.mjs';
import { StackError } from './errors.mjs';
import { livePid, isOurs, readPid, portIsFree, spawnDetached, stopPid, waitFor, seconds } from './proc.mjs';

export const registryFiles = (variant) => ({
  pid: path.join(variant.registry.dir, 'registry.pid'),
  log: path.join(variant.registry.dir, 'registry.log'),
  tmp: path.join(variant.registry.dir, 'tmp'),
});

export const registryBaseUrl = (variant) => `http://${HOST}:${variant.registry.port}`;
export const ccompatUrl = (variant) => `${registryBaseUrl(variant)}/apis/ccompat/v7`;

async function ok(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
  await res.arrayBuffer();
  return res.status === 200;
}

export async function registryHealth(variant) {
  try {
    return (
      (await ok(`${registryBaseUrl(variant)}/health/ready`)) && (await ok(`${ccompatUrl(variant)}/subjects`))
    );
  } catch {
    return false;
  }
}

export const registryPid = (variant) => livePid(registryFiles(variant).pid, variant.registry.dir);

function javaArgs(variant, jar) {
  const files = registryFiles(variant);
  const props = {
    'quarkus.http.host': HOST,
    'quarkus.http.port': variant.registry.port,
    'quarkus.http.access-log.enabled': 'false',
    'apicurio.storage.kind': 'kafkasql',
    'apicurio.kafkasql.bootstrap.servers': variant.bootstrapServers.join(','),
    // Topics are created through the admin client (replication factor = min(3, brokers)), so the
    // broker's auto.create.topics.enable=false is fine. Named here to make them easy to spot.
    'apicurio.kafkasql.topic': 'kafkasql-journal',
    'apicurio.kafkasql.snapshots.topic': 'kafkasql-snapshots',
    // The registry replays its journal under a fresh group id (apicurio-<uuid>) on every boot and
    // commits offsets, so each start leaves an empty group behind. A fixed group id was tried and
    // made startup hang on rebalancing; the console lists these groups as the registry's own.
    'apicurio.storage.snapshot.location': files.tmp,
    'apicurio.import.work-dir': files.tmp,
    // A dev registry: allow deleting subjects and versions through ccompat and the v3 API.
    'apicurio.rest.deletion.group.enabled': 'true',
    'apicurio.rest.deletion.artifact.enabled': 'true',
    'apicurio.rest.deletion.artifact-version.enabled': 'true',
    'quarkus.log.console.format': '%d{yyyy-MM-dd HH:mm:ss} %p [%c{3.}] (%t) %m%n',
    'java.io.tmpdir': files.tmp,
  };
  return [
    '-Xmx512m',
    '-Xms64m',
    '-XX:+UseSerialGC',
    '-Djava.awt.headless=true',
    ...extraJavaOpts('STACK_REGISTRY_JAVA_OPTS'),
    ...Object.entries(props).map(([k, v]) => `-D${k}=${v}`),
    '-jar',
    jar,
  ];
}

/** Starts the registry if it is not running (Kafka must be up) and waits until it answers. */
export async function startRegistry({ java, jar, variant, log }) {
  const label = `registry ${variant.registry.version}`;
  const url = registryBaseUrl(variant);
  const files = registryFiles(variant);
  const pid = registryPid(variant);
  if (pid && (await registryHealth(variant))) {
    log(`${label}: already up on ${url} (pid ${pid})\n`);
    return false;
  }
  const startedAt = Date.now();
  if (!pid) {
    if (!(await portIsFree(variant.registry.port, HOST))) {
      throw new StackError(
        `Port ${HOST}:${variant.registry.port} is already in use by another process, so the registry cannot start (set STACK_REGISTRY_PORT to move it).`,
      );
    }
    fs.mkdirSync(files.tmp, { recursive: true });
    log(`${label}: starting on ${url} ... `);
    spawnDetached(java, javaArgs(variant, jar), {
      cwd: variant.registry.dir,
      logFile: files.log,
      pidFile: files.pid,
    });
  } else {
    log(`${label}: waiting for pid ${pid} on ${url} ... `);
  }
  const result = await waitFor(() => registryHealth(variant), {
    timeoutMs: startTimeoutMs(),
    isDead: () => !isOurs(readPid(files.pid), variant.registry.dir),
  });
  if (result !== 'ok') {
    log('failed\n');
    if (result === 'died')
      throw new StackError(`The registry exited during startup (see ${files.log}).`, { logFile: files.log });
    throw new StackError(
      `The registry did not answer on ${url} within ${startTimeoutMs() / 1000} s (see ${files.log}).`,
      { logFile: files.log },
    );
  }
  await defaultCompatibility(variant).catch(() => {});
  log(`up (${seconds(startedAt)})\n`);
  return true;
}

/**
 * Confluent's registry defaults to BACKWARD compatibility, Apicurio to none. On a fresh cluster with
 * no global rule, store BACKWARD once through ccompat, so GET /config reports it too. A marker file
 * remembers this, so a later PUT /config NONE (which deletes the rule) is kept. Apicurio's default
 * property apicurio.rules.global.compatibility would enforce the rule but leave GET /config at NONE.
 * Best effort: the stack is usable without it.
 */
async function defaultCompatibility(variant) {
  const marker = path.join(variant.registry.dir, 'default-compatibility.applied');
  if (fs.existsSync(marker)) return;
  const rules = await fetch(`${registryBaseUrl(variant)}/apis/registry/v3/admin/rules`, {
    signal: AbortSignal.timeout(5000),
  });
  if (!rules.ok) return;
  if ((await rules.json()).length === 0) {
    const res = await fetch(`${ccompatUrl(variant)}/config`, {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ compatibility: 'BACKWARD' }),
      signal: AbortSignal.timeout(5000),
    });
    await res.arrayBuffer();
    if (!res.ok) return;
  }
  fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
}

export async function stopRegistry(variant, log) {
  const pid = registryPid(variant);
  if (!pid) return false;
  const startedAt = Date.now();
  log(`registry ${variant.registry.version}: stopping (pid ${pid}) ... `);
  const result = await stopPid(pid, variant.registry.dir, 20_000);
  fs.rmSync(registryFiles(variant).pid, { force: true });
  log(`${result === 'killed' ? 'killed after 20 s' : 'stopped'} (${seconds(startedAt)})\n`);
  return true;
}
