// Shared helpers for the client evaluation scripts (not part of the app build).
// The candidate clients are installed outside the repo, one folder each, see README.md:
//   $CLIENTS_DIR/plat  -> @platformatic/kafka@1.35.0 fzstd
//   $CLIENTS_DIR/cfl   -> @confluentinc/kafka-javascript@1.10.1 (CKJS_LINKING=dynamic)
//   $CLIENTS_DIR/kjs   -> kafkajs@2.2.4 kafkajs-snappy lz4js fzstd
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { execFileSync, spawnSync } from 'node:child_process'

export const CLIENTS_DIR = process.env.CLIENTS_DIR ?? '/tmp/clienteval'
export const BROKER = process.env.BROKER ?? '127.0.0.1:19092'
export const KAFKA_JARS = process.env.KAFKA_JARS ?? `${CLIENTS_DIR}/t43` // kafka-tools + kafka-clients jars
export const HELPER_CLASSES = process.env.HELPER_CLASSES ?? `${CLIENTS_DIR}/java`

/** import a package installed in $CLIENTS_DIR/<folder> */
export async function load (folder, name) {
  const require = createRequire(`${CLIENTS_DIR}/${folder}/package.json`)
  const resolved = require.resolve(name)
  try {
    return await import(pathToFileURL(resolved).href)
  } catch (e) {
    if (e.code === 'ERR_REQUIRE_ESM') throw e
    return require(name)
  }
}

/** groups as seen by Kafka's own ConsumerGroupCommand (--list), used as the referee */
export function javaListGroups (broker = BROKER) {
  const out = execFileSync('java', ['-cp', `${KAFKA_JARS}/*`, 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
    '--bootstrap-server', broker, '--list'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  return out.split('\n').map(s => s.trim()).filter(Boolean).sort()
}

export function javaHelper (...args) {
  return execFileSync('java', ['-cp', `${HELPER_CLASSES}:${KAFKA_JARS}/*`, 'EvalHelper', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
}

/** kcat -P with the given stdin, one message per line */
export function kcatProduce (topic, lines, extra = []) {
  const r = spawnSync('kcat', ['-P', '-b', BROKER, '-t', topic, ...extra], { input: lines.join('\n') + '\n', encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`kcat failed: ${r.stderr}`)
}

export const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** print a result line and remember it for the summary */
const results = []
export function record (client, test, ok, detail = '') {
  results.push({ client, test, ok, detail })
  console.log(`${ok === true ? 'PASS' : ok === false ? 'FAIL' : 'INFO'} [${client}] ${test}${detail ? ' — ' + detail : ''}`)
}
export function summary () {
  return results
}
