// Functional checks 1-5 for @platformatic/kafka (run prepare.mjs first on the same broker).
//   BROKER=127.0.0.1:19092 node eval-platformatic.mjs
import { spawn } from 'node:child_process'
import { load, BROKER, javaListGroups, javaHelper, HELPER_CLASSES, KAFKA_JARS, record } from './lib.mjs'

const K = await load('plat', '@platformatic/kafka')
const fzstd = await load('plat', 'fzstd')
const {
  Admin, Consumer, Producer, IS_CONTROL, IS_TRANSACTIONAL, FetchIsolationLevels, ListOffsetTimestamps, ConfigResourceTypes,
  IncrementalAlterConfigOperationTypes, compressionsAlgorithms, consumerGroupDescribeV0, describeClusterV1,
  DescribeClusterEndpointTypes, FindCoordinatorKeyTypes, compatibilityPartitioner, murmur2, createAPI
} = K
const C = 'platformatic'
const base = { clientId: 'eval-plat', bootstrapBrokers: [BROKER] }
const admin = new Admin(base)

// A Consumer is only used as a handle for Fetch/ListOffsets/Metadata: groupId is mandatory in the
// constructor but no group is joined as long as consume()/joinGroup()/commit() are never called.
const NEVER_JOINED = 'eval-plat-never-joined'
const consumer = new Consumer({ ...base, groupId: NEVER_JOINED })

/**
 * Read [from, to) of one partition with raw Fetch requests, no group.
 * ownAbortFilter: with READ_COMMITTED, drop aborted transactional batches ourselves, keeping the
 * aborted-transaction list across responses (the library only filters aborted ranges whose abort
 * marker is in the same response, and keys them by producer id only).
 */
export async function fetchRange (topic, partition, from, to, { isolationLevel = FetchIsolationLevels.READ_UNCOMMITTED, partitionMaxBytes = 1 << 20, ownAbortFilter = true } = {}) {
  const md = await consumer.metadata({ topics: [topic] })
  const t = md.topics.get(topic)
  const leader = t.partitions[partition].leader
  const readCommitted = isolationLevel === FetchIsolationLevels.READ_COMMITTED
  const out = []
  const pending = [] // aborted transactions not yet entered: { producerId, firstOffset }
  const seen = new Set()
  const inAborted = new Set() // producer ids currently inside an aborted transaction
  let next = from
  while (next < to) {
    const res = await consumer.fetch({
      node: leader, maxWaitTime: 100, minBytes: 1, maxBytes: partitionMaxBytes, isolationLevel,
      topics: [{ topicId: t.id, partitions: [{ partition, fetchOffset: next, currentLeaderEpoch: -1, lastFetchedEpoch: -1, partitionMaxBytes }] }]
    })
    const p = res.responses[0].partitions[0]
    if (p.errorCode) throw new Error(`fetch error ${p.errorCode}`)
    for (const a of p.abortedTransactions ?? []) {
      const id = `${a.producerId}:${a.firstOffset}`
      if (!seen.has(id)) { seen.add(id); pending.push(a) }
    }
    pending.sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : 1))
    const batches = p.records ?? []
    for (const b of batches) {
      const last = b.firstOffset + BigInt(b.lastOffsetDelta)
      if (last + 1n > next) next = last + 1n
      if (readCommitted && ownAbortFilter) {
        while (pending.length && pending[0].firstOffset <= last) inAborted.add(pending.shift().producerId)
      }
      if (b.attributes & IS_CONTROL) {
        // control record key: int16 version, int16 type (0 = ABORT, 1 = COMMIT)
        if (b.records[0]?.key?.readInt16BE(2) === 0) inAborted.delete(b.producerId)
        continue
      }
      if (readCommitted && ownAbortFilter && (b.attributes & IS_TRANSACTIONAL) && inAborted.has(b.producerId)) continue
      for (const r of b.records) {
        const offset = b.firstOffset + BigInt(r.offsetDelta)
        if (offset >= from && offset < to) out.push({ offset, key: r.key, value: r.value, timestamp: b.firstTimestamp + r.timestampDelta, headers: r.headers })
      }
    }
    const end = readCommitted ? p.lastStableOffset : p.highWatermark
    if (batches.length === 0 || next >= end) break
  }
  return out
}

/**
 * ConsumerGroupDescribe v0 (API 69, KIP-848 groups). The library ships this API but its response parser
 * reads subscribed_topic_names as one string and skips the assignment struct's tagged fields, so it
 * fails with "Out of bounds" on real brokers. Same request, corrected parser:
 */
const consumerGroupDescribe = createAPI(69, 0, consumerGroupDescribeV0.createRequest, (_c, _k, _v, r) => {
  const topicPartitions = r => ({ topicId: r.readUUID(), topicName: r.readString(), partitions: r.readArray(r => r.readInt32(), true, false) })
  const assignment = r => { const tps = r.readArray(topicPartitions); r.readTaggedFields(); return { topicPartitions: tps } }
  return {
    throttleTimeMs: r.readInt32(),
    groups: r.readArray(r => ({
      errorCode: r.readInt16(),
      errorMessage: r.readNullableString(),
      groupId: r.readString(),
      groupState: r.readString(),
      groupEpoch: r.readInt32(),
      assignmentEpoch: r.readInt32(),
      assignorName: r.readString(),
      members: r.readArray(r => ({
        memberId: r.readString(),
        instanceId: r.readNullableString(),
        rackId: r.readNullableString(),
        memberEpoch: r.readInt32(),
        clientId: r.readString(),
        clientHost: r.readString(),
        subscribedTopicNames: r.readArray(r => r.readString(), true, false),
        subscribedTopicRegex: r.readNullableString(),
        assignment: assignment(r),
        targetAssignment: assignment(r)
      })),
      authorizedOperations: r.readInt32()
    }))
  }
})

async function adminGroups () {
  const all = await admin.listGroups({ types: ['classic', 'consumer'] })
  return [...all.keys()].sort()
}

// ---------- 1. range read without a group ----------
try {
  const before = { java: javaListGroups(), client: await adminGroups() }
  const msgs = await fetchRange('eval-range', 1, 500n, 600n)
  const ok = msgs.length === 100 && msgs[0].offset === 500n && msgs.every((m, i) => m.value.toString() === `p1-m${500 + i}`)
  const after = { java: javaListGroups(), client: await adminGroups() }
  const noGroup = JSON.stringify(before) === JSON.stringify(after) && !after.java.includes(NEVER_JOINED)
  record(C, '1 range read p1 [500,600) no group', ok && noGroup, `${msgs.length} msgs, first=${msgs[0]?.value}, groups before=${JSON.stringify(before.java)} after=${JSON.stringify(after.java)} (client: ${JSON.stringify(after.client)})`)
} catch (e) { record(C, '1 range read', false, e.message) }

// ---------- 2. compressed batches written by kcat ----------
async function checkCodec (codec) {
  const msgs = await fetchRange(`eval-${codec}`, 0, 0n, 1000n)
  return msgs.length === 1000 && msgs.every((m, i) => m.value.toString() === `${codec}-${i}-${'abcdefgh'.repeat(8)}`)
}
for (const codec of ['gzip', 'snappy', 'lz4', 'zstd']) {
  try { record(C, `2 read ${codec}`, await checkCodec(codec)) } catch (e) { record(C, `2 read ${codec}`, false, `${e.constructor.name}: ${e.message}`) }
}
if (!compressionsAlgorithms.zstd.available) {
  // Node 20 has no zlib.zstd*: plug a pure-JS decoder into the exported codec table
  compressionsAlgorithms.zstd.decompressSync = data => Buffer.from(fzstd.decompress(data))
  try { record(C, '2 read zstd with fzstd patch', await checkCodec('zstd')) } catch (e) { record(C, '2 read zstd with fzstd patch', false, e.message) }
}

// ---------- 3. read_committed over aborted transactions (Java-written: c-0..4, a-* aborted, c-5..9, b-* aborted, c-10..14) ----------
try {
  const vals = async (iso, max, own) => (await fetchRange('eval-tx', 0, 0n, 100n, { isolationLevel: iso, partitionMaxBytes: max, ownAbortFilter: own })).map(m => m.value.toString())
  const good = v => v.length === 15 && v.every(x => x.startsWith('c-'))
  const RC = FetchIsolationLevels.READ_COMMITTED
  const ru = await vals(FetchIsolationLevels.READ_UNCOMMITTED, 1 << 20, false)
  record(C, '3 read_uncommitted shows aborted', ru.length === 25 && ru.filter(v => !v.startsWith('c-')).length === 10)
  for (const [max, label] of [[1 << 20, '1 MiB fetches'], [1, 'one batch per fetch']]) {
    const lib = await vals(RC, max, false)
    record(C, `3 read_committed, library filter only, ${label}`, good(lib), good(lib) ? '' : `leaked ${lib.filter(x => !x.startsWith('c-')).join(',')}`)
    const own = await vals(RC, max, true)
    record(C, `3 read_committed, + own abort filter, ${label}`, good(own), good(own) ? '' : JSON.stringify(own))
  }
} catch (e) { record(C, '3 transactions', false, e.message) }
// producing transactions with the client itself
try {
  const topic = 'eval-tx-plat'
  if (!(await admin.listTopics()).includes(topic)) await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 })
  const producer = new Producer({ ...base, transactionalId: `eval-plat-tx-${Date.now()}`, idempotent: true })
  const send = async (tx, prefix) => tx.send({ messages: Array.from({ length: 3 }, (_, i) => ({ topic, partition: 0, value: Buffer.from(`${prefix}-${i}`) })) })
  let tx = await producer.beginTransaction(); await send(tx, 'c1'); await tx.commit()
  tx = await producer.beginTransaction(); await send(tx, 'ab'); await tx.abort()
  tx = await producer.beginTransaction(); await send(tx, 'c2'); await tx.commit()
  await producer.close()
  const rc = (await fetchRange(topic, 0, 0n, 1000n, { isolationLevel: FetchIsolationLevels.READ_COMMITTED })).map(m => m.value.toString())
  const ru = (await fetchRange(topic, 0, 0n, 1000n)).map(m => m.value.toString())
  record(C, '3b own transactional producer commit/abort', rc.length % 6 === 0 && !rc.some(v => v.startsWith('ab')) && ru.some(v => v.startsWith('ab')), `rc=${rc.length} ru=${ru.length}`)
} catch (e) { record(C, '3b own transactional producer', false, e.message) }

// reusing a transactionalId in a new Producer (what a restarted console does)
for (const [label, ids] of [['default producerId/epoch', {}], ['producerId -1n, producerEpoch -1', { producerId: -1n, producerEpoch: -1 }]]) {
  const txId = `eval-plat-reuse-${label.length}-${Date.now()}`
  const results = []
  for (let i = 0; i < 2; i++) {
    const p = new Producer({ ...base, transactionalId: txId, idempotent: true, retries: 0, ...ids })
    try {
      const tx = await p.beginTransaction()
      await tx.send({ messages: [{ topic: 'eval-tx-plat', partition: 0, value: Buffer.from('reuse') }] })
      await tx.abort()
      results.push('ok')
    } catch (e) { results.push((e.errors?.[0] ?? e).message) } finally { await p.close().catch(() => {}) }
  }
  record(C, `3c transactionalId reused by a second producer, ${label}`, results.every(r => r === 'ok'), results.join(' | '))
}

// ---------- 4. KIP-848 group ----------
{
  const group = `eval-kip848-${Date.now()}`
  const java = spawn('java', ['-cp', `${HELPER_CLASSES}:${KAFKA_JARS}/*`, 'EvalHelper', 'kip848', BROKER, 'eval-kip848', group], { stdio: ['ignore', 'pipe', 'pipe'] })
  let javaErr = ''
  java.stderr.on('data', d => { javaErr += d })
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('java KIP-848 consumer got no assignment in 30s: ' + javaErr.slice(-500))), 30000)
      java.stdout.on('data', d => { if (String(d).includes('assigned')) { clearTimeout(timer); resolve() } })
      java.on('exit', code => { clearTimeout(timer); reject(new Error(`java exited ${code}: ${javaErr.slice(-800)}`)) })
    })
    const defaultList = await admin.listGroups()
    const fullList = await admin.listGroups({ types: ['classic', 'consumer'] })
    const g = fullList.get(group)
    record(C, '4 listGroups() default (types=[classic]) shows KIP-848 group', defaultList.has(group))
    record(C, '4 listGroups({types:[classic,consumer]})', !!g, JSON.stringify(g))
    let dg
    try { dg = (await admin.describeGroups({ groups: [group] })).get(group) } catch (e) { dg = { error: e.message } }
    record(C, '4 describeGroups (classic DescribeGroups API 15)', 'INFO', JSON.stringify(dg, (k, v) => v instanceof Map ? Object.fromEntries(v) : typeof v === 'bigint' ? String(v) : v).slice(0, 300))
    // ConsumerGroupDescribe (API 69) is exported but not wrapped by Admin: call it on the coordinator connection
    const [coord] = await admin.findCoordinator({ keyType: FindCoordinatorKeyTypes.GROUP, keys: [group] })
    const conn = (await admin.connectToBrokers([coord.nodeId])).get(coord.nodeId)
    try {
      await consumerGroupDescribeV0.api.async(conn, [group], false)
      record(C, '4 library consumerGroupDescribeV0 parser', true)
    } catch (e) { record(C, '4 library consumerGroupDescribeV0 parser', false, e.message) }
    const res = await consumerGroupDescribe.async(conn, [group], false)
    const d = res.groups[0]
    const m = d.members[0]
    record(C, '4 ConsumerGroupDescribe (API 69) with own parser', d.errorCode === 0 && d.members.length === 1 && m.assignment.topicPartitions.length > 0,
      `state=${d.groupState} epoch=${d.groupEpoch} assignor=${d.assignorName} members=${d.members.length} member0 client=${m?.clientId} subscribed=${m?.subscribedTopicNames} assignment=${JSON.stringify(m?.assignment.topicPartitions.map(tp => [tp.topicName, tp.partitions]))}`)
    const lag = await admin.listConsumerGroupOffsets({ groups: [group] })
    record(C, '4 listConsumerGroupOffsets on KIP-848 group', lag[0]?.topics?.length > 0, JSON.stringify(lag, (k, v) => typeof v === 'bigint' ? String(v) : v).slice(0, 200))
  } catch (e) { record(C, '4 KIP-848', false, e.message) } finally { java.kill('SIGTERM') }
}

// ---------- 5. admin coverage ----------
async function step (name, fn) {
  try { const detail = await fn(); record(C, `5 ${name}`, true, detail ?? '') } catch (e) { record(C, `5 ${name}`, false, e.message + (e.errors ? ' ' + e.errors.map(x => x.message).join('; ') : '')) }
}
const T = 'eval-admin'
const jsonb = v => JSON.stringify(v, (k, x) => typeof x === 'bigint' ? String(x) : x instanceof Map ? Object.fromEntries(x) : x)
await step('createTopics', async () => { await admin.createTopics({ topics: [T], partitions: 2, replicas: 1, configs: [{ name: 'cleanup.policy', value: 'delete' }] }) })
await step('metadata (topics, leaders, isr, topic ids)', async () => { const md = await admin.metadata({ topics: [T] }); return jsonb({ cluster: md.id, controller: md.controllerId, brokers: [...md.brokers.values()], parts: md.topics.get(T).partitions.length }) })
await step('describeCluster (raw describeClusterV1)', async () => {
  const conns = await admin.connectToBrokers(null); const conn = [...conns.values()][0]
  const r = await describeClusterV1.api.async(conn, false, DescribeClusterEndpointTypes.BROKERS); return jsonb({ clusterId: r.clusterId, controllerId: r.controllerId, brokers: r.brokers.length })
})
await step('listTopics', async () => (await admin.listTopics()).length + ' topics')
const producer = new Producer({ ...base, idempotent: true, compression: 'lz4', acks: -1 })
const t0 = BigInt(Date.now())
await producer.send({ messages: Array.from({ length: 20 }, (_, i) => ({ topic: T, partition: 0, key: Buffer.from('k' + i), value: Buffer.from('v' + i), timestamp: t0 + BigInt(i * 1000) })) })
await step('produce idempotent lz4 then listOffsets earliest/latest/by timestamp', async () => {
  const q = ts => admin.listOffsets({ topics: [{ name: T, partitions: [{ partitionIndex: 0, timestamp: ts }] }] }).then(r => r[0].partitions[0].offset)
  const [e, l, byTs] = [await q(ListOffsetTimestamps.EARLIEST), await q(ListOffsetTimestamps.LATEST), await q(t0 + 5500n)]
  if (e !== 0n || l !== 20n || byTs !== 6n) throw new Error(`unexpected ${e} ${l} ${byTs}`)
  const viaConsumer = await consumer.listOffsetsWithTimestamps({ topics: [T], timestamp: t0 + 5500n })
  return `earliest=${e} latest=${l} ts(t0+5.5s)=${byTs}; consumer.listOffsetsWithTimestamps=${jsonb(viaConsumer)}`
})
await step('describeConfigs', async () => {
  const r = await admin.describeConfigs({ resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: T, configurationKeys: ['retention.ms', 'cleanup.policy'] }], includeSynonyms: true })
  return jsonb(r[0].configs.map(c => [c.name, c.value, c.configSource ?? c.source]))
})
await step('incrementalAlterConfigs', async () => {
  await admin.incrementalAlterConfigs({ resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: T, configs: [{ name: 'retention.ms', configOperation: IncrementalAlterConfigOperationTypes.SET, value: '3600000' }] }] })
  const r = await admin.describeConfigs({ resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: T, configurationKeys: ['retention.ms'] }] })
  if (r[0].configs[0].value !== '3600000') throw new Error('not applied: ' + r[0].configs[0].value)
})
await step('describeConfigs BROKER', async () => { const r = await admin.describeConfigs({ resources: [{ resourceType: ConfigResourceTypes.BROKER, resourceName: '1', configurationKeys: ['log.retention.hours'] }] }); return jsonb(r[0].configs.map(c => [c.name, c.value])) })
await step('describeLogDirs', async () => {
  const r = await admin.describeLogDirs({ topics: [{ name: T, partitions: [0, 1] }] })
  return jsonb(r.map(b => ({ broker: b.broker, dirs: b.results.map(d => ({ dir: d.logDir, total: d.totalBytes, usable: d.usableBytes, parts: d.topics.flatMap(t => t.partitions.map(p => [t.name, p.partitionIndex, p.partitionSize])) })) })))
})
await step('deleteRecords', async () => { const r = await admin.deleteRecords({ topics: [{ name: T, partitions: [{ partition: 0, offset: 5n }] }] }); return jsonb(r) })
const G = 'eval-plat-seeded'
await step('alterConsumerGroupOffsets (seed an empty group)', async () => { await admin.alterConsumerGroupOffsets({ groupId: G, topics: [{ name: T, partitionOffsets: [{ partition: 0, offset: 10n }, { partition: 1, offset: 0n }] }] }) })
await step('listConsumerGroupOffsets', async () => jsonb(await admin.listConsumerGroupOffsets({ groups: [G] })))
await step('listGroups + describeGroups (classic, empty)', async () => { const l = await admin.listGroups(); const d = await admin.describeGroups({ groups: [G] }); return jsonb({ listed: l.get(G), described: d.get(G) }) })
await step('deleteConsumerGroupOffsets', async () => jsonb(await admin.deleteConsumerGroupOffsets({ groupId: G, topics: [{ name: T, partitionIndexes: [1] }] })))
await step('deleteGroups', async () => { await admin.deleteGroups({ groups: [G] }) })
await step('deleteTopics', async () => { await admin.deleteTopics({ topics: [T] }) })
await step('partitioner vs Java murmur2 (EvalHelper murmur 6 ...)', async () => {
  const keys = ['order-42', 'a', 'customer-7', 'ü-key', 'zz-999', 'aggregate-123456']
  const java = Object.fromEntries(javaHelper('murmur', '6', ...keys).trim().split('\n').map(l => { const i = l.lastIndexOf(' '); return [l.slice(0, i), Number(l.slice(i + 1))] }))
  const where = async (PT, partitioner) => {
    await admin.createTopics({ topics: [PT], partitions: 6, replicas: 1 })
    await producer.send({ messages: keys.map(k => ({ topic: PT, key: Buffer.from(k), value: Buffer.from('x') })), ...(partitioner ? { partitioner } : {}) })
    const at = {}
    for (let p = 0; p < 6; p++) for (const m of await fetchRange(PT, p, 0n, 100n)) at[m.key.toString()] = p
    await admin.deleteTopics({ topics: [PT] })
    return keys.map(k => at[k])
  }
  const byDefault = await where('eval-part-default', null)
  const byCompat = await where('eval-part-compat', compatibilityPartitioner)
  const expected = keys.map(k => java[k])
  const compatOk = JSON.stringify(byCompat) === JSON.stringify(expected)
  if (!compatOk) throw new Error(`compatibilityPartitioner differs from Java: ${byCompat} vs ${expected}`)
  return `java=${JSON.stringify(expected)} compatibilityPartitioner sent to=${JSON.stringify(byCompat)} default partitioner sent to=${JSON.stringify(byDefault)}`
})
await producer.close()
await consumer.close()
await admin.close()
console.log('groups at end (java):', javaListGroups().join(' '))
