// Functional checks 1-5 for @confluentinc/kafka-javascript (librdkafka), run prepare.mjs first.
//   BROKER=127.0.0.1:19092 node eval-confluent.mjs
import { spawn } from 'node:child_process'
import { load, BROKER, javaListGroups, HELPER_CLASSES, KAFKA_JARS, record } from './lib.mjs'

const mod = await load('cfl', '@confluentinc/kafka-javascript')
const Kafka = mod.default ?? mod
const C = 'confluent'
const { KafkaConsumer } = Kafka
const { Kafka: KJS, ConsumerGroupTypes } = Kafka.KafkaJS
const kafka = new KJS({ kafkaJS: { brokers: [BROKER], clientId: 'eval-cfl', logLevel: 0 } })
const admin = kafka.admin()
await admin.connect()

/**
 * Read [from, to) of one partition with a librdkafka consumer using assign() (no subscribe, no commit).
 * The JS binding insists on a group.id; librdkafka only talks to the group coordinator for subscribe/commit.
 */
async function readRange (topic, partition, from, to, isolation = 'read_uncommitted') {
  const c = new KafkaConsumer({ 'bootstrap.servers': BROKER, 'enable.auto.commit': false, 'enable.partition.eof': true, 'isolation.level': isolation, 'client.id': 'eval-cfl-range', 'group.id': 'eval-cfl-never-joined' }, {})
  await new Promise((resolve, reject) => c.connect({}, e => (e ? reject(e) : resolve())))
  c.assign([{ topic, partition, offset: Number(from) }])
  const out = []
  let eof = false
  c.on('partition.eof', () => { eof = true })
  while (!eof && out.length < Number(to - from)) {
    const batch = await new Promise((resolve, reject) => c.consume(500, (e, m) => (e ? reject(e) : resolve(m))))
    for (const m of batch) if (m.offset < Number(to)) out.push(m)
  }
  await new Promise(resolve => c.disconnect(resolve))
  return out
}
const listGroupIds = async () => (await admin.listGroups()).groups.map(g => g.groupId).sort()

// 1
try {
  const before = { java: javaListGroups(), client: await listGroupIds() }
  const msgs = await readRange('eval-range', 1, 500n, 600n)
  const ok = msgs.length === 100 && msgs.every((m, i) => m.value.toString() === `p1-m${500 + i}`)
  const after = { java: javaListGroups(), client: await listGroupIds() }
  record(C, '1 range read p1 [500,600) no group', ok && JSON.stringify(before) === JSON.stringify(after), `${msgs.length} msgs, groups after=${JSON.stringify(after)}`)
} catch (e) { record(C, '1 range read', false, e.message) }
// 2
for (const codec of ['gzip', 'snappy', 'lz4', 'zstd']) {
  try {
    const msgs = await readRange(`eval-${codec}`, 0, 0n, 1000n)
    record(C, `2 read ${codec}`, msgs.length === 1000 && msgs.every((m, i) => m.value.toString() === `${codec}-${i}-${'abcdefgh'.repeat(8)}`))
  } catch (e) { record(C, `2 read ${codec}`, false, e.message) }
}
// 3
try {
  const rc = (await readRange('eval-tx', 0, 0n, 100n, 'read_committed')).map(m => m.value.toString())
  const ru = (await readRange('eval-tx', 0, 0n, 100n, 'read_uncommitted')).map(m => m.value.toString())
  record(C, '3 read_committed hides aborted', rc.length === 15 && rc.every(v => v.startsWith('c-')), JSON.stringify(rc))
  record(C, '3 read_uncommitted shows aborted', ru.length === 25)
} catch (e) { record(C, '3 transactions', false, e.message) }
// 4
{
  const group = `eval-kip848-cfl-${Date.now()}`
  const java = spawn('java', ['-cp', `${HELPER_CLASSES}:${KAFKA_JARS}/*`, 'EvalHelper', 'kip848', BROKER, 'eval-kip848', group], { stdio: ['ignore', 'pipe', 'ignore'] })
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no assignment in 30s')), 30000)
      java.stdout.on('data', d => { if (String(d).includes('assigned')) { clearTimeout(timer); resolve() } })
    })
    const l = (await admin.listGroups()).groups.find(g => g.groupId === group)
    record(C, '4 listGroups shows KIP-848 group', !!l, JSON.stringify(l))
    const d = (await admin.describeGroups([group])).groups[0]
    const m = d.members[0]
    record(C, '4 describeGroups KIP-848', d.type === ConsumerGroupTypes.CONSUMER && d.members.length === 1 && !!m?.assignment,
      JSON.stringify({ type: d.type, state: d.state, protocol: d.protocol, assignor: d.partitionAssignor, members: d.members.length, assignment: m?.assignment, target: m?.targetAssignment, error: d.error?.message }))
  } catch (e) { record(C, '4 KIP-848', false, e.message) } finally { java.kill('SIGTERM') }
}
// 5 admin coverage: which of the app's admin needs are exposed by the KafkaJS-style and node-rdkafka-style admins
const rd = Kafka.AdminClient.create({ 'bootstrap.servers': BROKER })
const needs = {
  'describe log dirs': ['describeLogDirs'],
  'incremental alter configs': ['incrementalAlterConfigs', 'alterConfigs'],
  'describe configs': ['describeConfigs'],
  'delete records': ['deleteTopicRecords', 'deleteRecords'],
  'list offsets by timestamp': ['fetchTopicOffsetsByTimestamp', 'listOffsets'],
  'describe cluster': ['describeCluster'],
  'list/describe groups': ['listGroups', 'describeGroups'],
  'alter group offsets': ['setOffsets', 'alterConsumerGroupOffsets', 'resetOffsets'],
  'delete group offsets': ['deleteConsumerGroupOffsets', 'deleteOffsets'],
  'create/delete topics': ['createTopics', 'createTopic', 'deleteTopics', 'deleteTopic']
}
for (const [need, names] of Object.entries(needs)) {
  const found = names.filter(n => typeof admin[n] === 'function' || typeof rd[n] === 'function')
  record(C, `5 ${need}`, found.length > 0, found.join(', ') || 'not exposed')
}
try {
  const T = 'eval-admin-cfl'
  await admin.createTopics({ topics: [{ topic: T, numPartitions: 2 }] })
  const md = await admin.fetchTopicMetadata({ topics: [T] })
  const offs = await admin.fetchTopicOffsetsByTimestamp('eval-range', Date.now() - 3600_000)
  const del = await admin.deleteTopicRecords({ topic: 'eval-gzip', partitions: [{ partition: 0, offset: '0' }] })
  await admin.deleteTopics({ topics: [T] })
  record(C, '5 smoke: createTopics/fetchTopicMetadata/fetchTopicOffsetsByTimestamp/deleteTopicRecords/deleteTopics', true, JSON.stringify({ parts: md[0].partitions.length, offs, del: del.length }))
} catch (e) { record(C, '5 smoke', false, e.message) }
rd.disconnect()
await admin.disconnect()
