// Where things live and which versions run. Everything the stack writes sits under <repo>/.stack/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StackError } from './errors.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * The real path: processes are recognised as ours by this folder in their command line, so a
 * checkout whose .stack is a symbolic link must not take the running stack's pid files for stale.
 */
export const STACK_DIR = realPathOrSelf(path.join(REPO_ROOT, '.stack'));

function realPathOrSelf(dir) {
  try {
    return fs.realpathSync(dir);
  } catch {
    return dir;
  }
}
export const DIST_DIR = path.join(STACK_DIR, 'dist');
export const DATA_DIR = path.join(STACK_DIR, 'data');
export const MAVEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'maven');

/** The newest releases fully published on Maven Central (4.4.0 lacks kafka-tools-api). */
export const KAFKA_RELEASES = { 4: '4.3.1', 3.9: '3.9.2' };
export const APICURIO_VERSION = '3.0.9';
export const HOST = '127.0.0.1';

function envPort(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new StackError(`${name}=${raw} is not a valid port number.`);
  return port;
}

export function startTimeoutMs() {
  const seconds = Number(process.env.STACK_START_TIMEOUT ?? 90);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 90) * 1000;
}

/** Extra JVM flags from an environment variable (space-separated), e.g. STACK_KAFKA_JAVA_OPTS. */
export function extraJavaOpts(name) {
  return (process.env[name] ?? '').split(/\s+/).filter(Boolean);
}

/** Accepts '4', '4.3', '4.3.1', '3.9', '3.9.2' (and numbers). */
export function resolveKafkaVersion(requested = '4') {
  const value = String(requested);
  if (value === '4' || value.startsWith('4.')) return KAFKA_RELEASES['4'];
  if (value === '3.9' || value.startsWith('3.9.')) return KAFKA_RELEASES['3.9'];
  throw new StackError(
    `Kafka ${value} is not supported; use --kafka 4 (${KAFKA_RELEASES['4']}) or --kafka 3.9 (${KAFKA_RELEASES['3.9']}).`,
  );
}

/**
 * A variant is one Kafka version with one cluster size; each has its own data folder, so 4.x and 3.9
 * data, or 1-node and 3-node data, never meet. The registry keeps its schemas inside that cluster
 * (kafkasql storage), so its pid and log live in the same folder.
 *
 * With --brokers 3 we run three combined broker+controller nodes (a quorum of 3, like a small
 * production cluster) rather than 1 controller + 3 brokers: one JVM fewer on a small machine, and
 * every node is both a voter and a replica. Node i (0-based) listens for clients on base+2i and
 * for the controller quorum on base+2i+1: 9092/9093, 9094/9095, 9096/9097.
 */
export function variantOf({ kafka = '4', brokers = 1, kafkaPort, registryPort } = {}) {
  const version = resolveKafkaVersion(kafka);
  const count = Number(brokers);
  if (count !== 1 && count !== 3) throw new StackError(`--brokers must be 1 or 3, not ${brokers}.`);
  // Explicit ports (a test running a second stack beside the usual one) win over the environment.
  const basePort = kafkaPort ?? envPort('STACK_KAFKA_PORT', 9092);
  const id = `kafka-${version}-${count}n`;
  const dir = path.join(DATA_DIR, id);
  const nodes = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    port: basePort + 2 * i,
    controllerPort: basePort + 2 * i + 1,
    dir: path.join(dir, `node-${i + 1}`),
  }));
  return {
    id,
    dir,
    kafkaVersion: version,
    brokers: count,
    nodes,
    bootstrapServers: nodes.map((n) => `${HOST}:${n.port}`),
    registry: {
      version: APICURIO_VERSION,
      port: registryPort ?? envPort('STACK_REGISTRY_PORT', 8081),
      dir: path.join(dir, 'registry'),
    },
  };
}

/** Parses a variant id such as kafka-4.3.1-3n back into its options (used by status and down). */
export function parseVariantId(id) {
  const m = /^kafka-(\d+\.\d+\.\d+)-(\d)n$/.exec(id);
  return m ? { kafka: m[1], brokers: Number(m[2]) } : null;
}

export const kafkaDist = (version) => path.join(DIST_DIR, `kafka-${version}`);
export const apicurioDist = (version) => path.join(DIST_DIR, `apicurio-${version}`);
