// Baseline: the same checks with KafkaJS 2.2.4 (the rejected first design).
//   BROKER=127.0.0.1:19092 node eval-kafkajs.mjs
import { spawn } from 'node:child_process'
import { load, BROKER, javaListGroups, HELPER_CLASSES, KAFKA_JARS, record } from './lib.mjs'

const kjs = await load('kjs', 'kafkajs')
const { Kafka, logLevel, CompressionTypes, CompressionCodecs } = kjs.default ?? kjs
const SnappyCodec = (await load('kjs', 'kafkajs-snappy')).default
const lz4js = (await load('kjs', 'lz4js')).default
const fzstd = await load('kjs', 'fzstd')
const C = 'kafkajs'
// codecs are plugins in KafkaJS; pure-JS ones here (lz4-kafkajs and @kafkajs/zstd need node-gyp / fail to build)
CompressionCodecs[CompressionTypes.Snappy] = SnappyCodec
CompressionCodecs[CompressionTypes.LZ4] = () => ({ compress: async e => Buffer.from(lz4js.compress(e.buffer)), decompress: async b => Buffer.from(lz4js.decompress(b)) })
CompressionCodecs[CompressionTypes.ZSTD] = () => ({ compress: async () => { throw new Error('not needed') }, decompress: async b => Buffer.from(fzstd.decompress(b)) })

const kafka = new Kafka({ brokers: [BROKER], clientId: 'eval-kjs', logLevel: logLevel.NOTHING })
const admin = kafka.admin()
await admin.connect()

/** KafkaJS can only consume through a group: subscribe, then seek, stop when enough was read. */
async function readRange (topic, partition, from, count, readUncommitted = true, groupId = `eval-kjs-${Date.now()}`) {
  const consumer = kafka.consumer({ groupId, readUncommitted })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  const out = []
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(), 15000)
    consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (batch.partition !== partition) return
        for (const m of batch.messages) if (BigInt(m.offset) >= from && out.length < count) out.push(m)
        if (out.length >= count) { clearTimeout(timer); resolve() }
      }
    }).catch(reject)
    consumer.seek({ topic, partition, offset: String(from) })
  })
  await consumer.disconnect()
  return { out, groupId }
}

try {
  const before = javaListGroups()
  const { out, groupId } = await readRange('eval-range', 1, 500n, 100)
  const after = javaListGroups()
  record(C, '1 range read p1 [500,600)', out.length === 100 && out[0].value.toString() === 'p1-m500', `creates a group: ${after.includes(groupId) && !before.includes(groupId)} (${groupId})`)
  await admin.deleteGroups([groupId])
} catch (e) { record(C, '1 range read', false, e.message) }
for (const codec of ['gzip', 'snappy', 'lz4', 'zstd']) {
  try {
    const { out, groupId } = await readRange(`eval-${codec}`, 0, 0n, 1000)
    record(C, `2 read ${codec} (plugin codec)`, out.length === 1000 && out.every((m, i) => m.value.toString() === `${codec}-${i}-${'abcdefgh'.repeat(8)}`))
    await admin.deleteGroups([groupId])
  } catch (e) { record(C, `2 read ${codec}`, false, e.message) }
}
try {
  const rc = (await readRange('eval-tx', 0, 0n, 25, false)).out.map(m => m.value.toString())
  const ru = (await readRange('eval-tx', 0, 0n, 25, true)).out.map(m => m.value.toString())
  record(C, '3 read_committed hides aborted', rc.length === 15 && rc.every(v => v.startsWith('c-')), JSON.stringify(rc))
  record(C, '3 read_uncommitted shows aborted', ru.length === 25)
} catch (e) { record(C, '3 transactions', false, e.message) }
{
  const group = `eval-kip848-kjs-${Date.now()}`
  const java = spawn('java', ['-cp', `${HELPER_CLASSES}:${KAFKA_JARS}/*`, 'EvalHelper', 'kip848', BROKER, 'eval-kip848', group], { stdio: ['ignore', 'pipe', 'ignore'] })
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no assignment in 30s')), 30000)
      java.stdout.on('data', d => { if (String(d).includes('assigned')) { clearTimeout(timer); resolve() } })
    })
    const l = (await admin.listGroups()).groups.find(g => g.groupId === group)
    record(C, '4 listGroups shows KIP-848 group', !!l, JSON.stringify(l))
    const d = (await admin.describeGroups([group])).groups[0]
    record(C, '4 describeGroups KIP-848', d.members.length === 1, JSON.stringify(d).slice(0, 200))
  } catch (e) { record(C, '4 KIP-848', false, e.message) } finally { java.kill('SIGTERM') }
}
const needs = {
  'describe log dirs': ['describeLogDirs'], 'incremental alter configs': ['incrementalAlterConfigs', 'alterConfigs'], 'describe configs': ['describeConfigs'],
  'delete records': ['deleteTopicRecords'], 'list offsets by timestamp': ['fetchTopicOffsetsByTimestamp'], 'describe cluster': ['describeCluster'],
  'list/describe groups': ['listGroups', 'describeGroups'], 'alter group offsets': ['setOffsets', 'resetOffsets'], 'delete group offsets': ['deleteConsumerGroupOffsets'],
  'create/delete topics': ['createTopics', 'deleteTopics']
}
for (const [need, names] of Object.entries(needs)) {
  const found = names.filter(n => typeof admin[n] === 'function')
  record(C, `5 ${need}`, found.length > 0, found.join(', ') || 'not exposed')
}
await admin.disconnect()
