// Raw read throughput: read all of eval-bench (1,000,000 x 200 B, 6 partitions; prepare.mjs --bench)
// with each client, no decoding of values, median of 3 runs, each run in a fresh process.
//   BROKER=127.0.0.1:19092 node bench.mjs            (all clients)
//   BROKER=127.0.0.1:19092 node bench.mjs plat cfl   (some)
//   node bench.mjs --one plat                         (one run, prints JSON; used by the driver)
import { spawnSync, execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { load, BROKER, median } from './lib.mjs'

const TOPIC = 'eval-bench'
const TOTAL = 1_000_000
// Which install of @platformatic/kafka the plat* runners load: $CLIENTS_DIR/plat (1.x) or e.g. PLAT=plat2 (2.x)
const PLAT = process.env.PLAT ?? 'plat'
const PARTS = [0, 1, 2, 3, 4, 5]

const runners = {
  // @platformatic/kafka, raw Fetch of all 6 partitions in one request per round, no group
  async plat () {
    const { Consumer, IS_CONTROL } = await load(PLAT, '@platformatic/kafka')
    const c = new Consumer({ clientId: 'bench', bootstrapBrokers: [BROKER], groupId: 'bench-never-joined' })
    const t = (await c.metadata({ topics: [TOPIC] })).topics.get(TOPIC)
    const next = PARTS.map(() => 0n)
    let n = 0
    while (n < TOTAL) {
      const res = await c.fetch({
        node: t.partitions[0].leader, maxWaitTime: 100, minBytes: 1, maxBytes: 32 << 20,
        topics: [{ topicId: t.id, partitions: PARTS.map(p => ({ partition: p, fetchOffset: next[p], currentLeaderEpoch: -1, lastFetchedEpoch: -1, partitionMaxBytes: 4 << 20 })) }]
      })
      for (const p of res.responses[0].partitions) {
        for (const b of p.records ?? []) {
          if (!(b.attributes & IS_CONTROL)) n += b.records.length
          next[p.partitionIndex] = b.firstOffset + BigInt(b.lastOffsetDelta) + 1n
        }
      }
    }
    await c.close()
    return n
  },
  // @platformatic/kafka, raw Fetch, one request loop per partition running concurrently (overlaps broker I/O with parsing)
  async 'plat-par' () {
    const { Consumer, IS_CONTROL } = await load(PLAT, '@platformatic/kafka')
    const c = new Consumer({ clientId: 'bench', bootstrapBrokers: [BROKER], groupId: 'bench-never-joined' })
    const t = (await c.metadata({ topics: [TOPIC] })).topics.get(TOPIC)
    const ends = await c.listOffsets({ topics: [TOPIC] }) // Map topic -> bigint[] (latest)
    let n = 0
    await Promise.all(PARTS.map(async p => {
      let next = 0n
      const end = ends.get(TOPIC)[p]
      while (next < end) {
        const res = await c.fetch({
          node: t.partitions[p].leader, maxWaitTime: 100, minBytes: 1, maxBytes: 4 << 20,
          topics: [{ topicId: t.id, partitions: [{ partition: p, fetchOffset: next, currentLeaderEpoch: -1, lastFetchedEpoch: -1, partitionMaxBytes: 4 << 20 }] }]
        })
        for (const b of res.responses[0].partitions[0].records ?? []) {
          if (!(b.attributes & IS_CONTROL)) n += b.records.length
          next = b.firstOffset + BigInt(b.lastOffsetDelta) + 1n
        }
      }
    }))
    await c.close()
    return n
  },
  // @platformatic/kafka, what lib/kafka/reader.ts does: raw Fetch v17 without a fetch session (id 0, epoch -1),
  // one request loop per partition concurrently on one connection, the library's response parser.
  // (2.x's Consumer.fetch keeps an incremental fetch session per broker, so concurrent fetches need this.)
  async 'plat-raw' () {
    const { Consumer, IS_CONTROL, fetchV17 } = await load(PLAT, '@platformatic/kafka')
    const c = new Consumer({ clientId: 'bench', bootstrapBrokers: [BROKER], groupId: 'bench-never-joined' })
    const t = (await c.metadata({ topics: [TOPIC] })).topics.get(TOPIC)
    const ends = await c.listOffsets({ topics: [TOPIC] })
    let n = 0
    await Promise.all(PARTS.map(async p => {
      let next = 0n
      const end = ends.get(TOPIC)[p]
      const leader = t.partitions[p].leader
      while (next < end) {
        const connection = (await c.connectToBrokers([leader])).get(leader)
        const res = await fetchV17.api.async(connection, 0, 1, 4 << 20, 1, 0, -1,
          [{ topicId: t.id, partitions: [{ partition: p, currentLeaderEpoch: -1, fetchOffset: next, lastFetchedEpoch: -1, partitionMaxBytes: 4 << 20 }] }], [], '')
        for (const b of res.responses[0].partitions[0].records ?? []) {
          if (!(b.attributes & IS_CONTROL)) n += b.records.length
          next = b.firstOffset + BigInt(b.lastOffsetDelta) + 1n
        }
      }
    }))
    await c.close()
    return n
  },
  // @platformatic/kafka, the high-level MessagesStream (joins a throwaway classic group)
  async 'plat-stream' () {
    const { Consumer } = await load(PLAT, '@platformatic/kafka')
    const c = new Consumer({ clientId: 'bench', bootstrapBrokers: [BROKER], groupId: `bench-stream-${process.pid}-${Date.now()}` })
    const stream = await c.consume({ topics: [TOPIC], mode: 'earliest', autocommit: false })
    let n = 0
    for await (const m of stream) { if (++n >= TOTAL) break } // eslint-disable-line no-unused-vars
    await stream.close()
    await c.close(true)
    return n
  },
  // @confluentinc/kafka-javascript, librdkafka consumer with assign(), batches of 10,000
  async cfl () {
    const mod = await load('cfl', '@confluentinc/kafka-javascript')
    const { KafkaConsumer } = mod.default ?? mod
    // tuned: the defaults (10k batches, 1 s consume timeout, 100k queued.min.messages) give ~110k msg/s
    const c = new KafkaConsumer({ 'bootstrap.servers': BROKER, 'group.id': 'bench-never-joined', 'enable.auto.commit': false, 'queued.min.messages': 1000000, 'fetch.max.bytes': 32 << 20, 'max.partition.fetch.bytes': 4 << 20 }, {})
    await new Promise((resolve, reject) => c.connect({}, e => (e ? reject(e) : resolve())))
    c.setDefaultConsumeTimeout(10)
    c.assign(PARTS.map(p => ({ topic: TOPIC, partition: p, offset: 0 })))
    let n = 0
    while (n < TOTAL) n += (await new Promise((resolve, reject) => c.consume(10000, (e, m) => (e ? reject(e) : resolve(m))))).length
    await new Promise(resolve => c.disconnect(resolve))
    return n
  },
  // KafkaJS 2.2.4, group consumer (it has no other way), eachBatch
  async kjs () {
    const kjs = await load('kjs', 'kafkajs')
    const { Kafka, logLevel } = kjs.default ?? kjs
    const kafka = new Kafka({ brokers: [BROKER], clientId: 'bench', logLevel: logLevel.NOTHING })
    const c = kafka.consumer({ groupId: `bench-kjs-${process.pid}-${Date.now()}`, maxBytes: 32 << 20, maxBytesPerPartition: 4 << 20 })
    await c.connect()
    await c.subscribe({ topic: TOPIC, fromBeginning: true })
    let n = 0
    await new Promise(resolve => { c.run({ autoCommit: false, eachBatch: async ({ batch }) => { n += batch.messages.length; if (n >= TOTAL) resolve() } }) })
    await c.disconnect()
    return n
  },
  // kcat, same topic, output to /dev/null
  async kcat () {
    execFileSync('sh', ['-c', `kcat -C -b ${BROKER} -t ${TOPIC} -o beginning -e -q > /dev/null`])
    return TOTAL
  }
}

if (process.argv[2] === '--one') {
  const name = process.argv[3]
  const t0 = process.hrtime.bigint()
  let peak = 0
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss) }, 50)
  const n = await runners[name]()
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage().rss)
  console.log(JSON.stringify({ name, n, ms, rssMB: name === 'kcat' ? 'n/a' : Math.round(peak / 1048576) })) // kcat's own RSS is not measured
  process.exit(0)
} else {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(runners)
  const self = fileURLToPath(import.meta.url)
  console.log(`broker ${BROKER}, ${TOTAL} messages, median of 3, @platformatic/kafka from ${PLAT}`)
  for (const name of names) {
    const runs = []
    for (let i = 0; i < 3; i++) {
      const r = spawnSync(process.execPath, [self, '--one', name], { encoding: 'utf8', env: process.env, timeout: 300_000 })
      const line = r.stdout.trim().split('\n').pop()
      try { runs.push(JSON.parse(line)) } catch { console.log(`${name}: failed: ${r.stderr.slice(-400)}`); break }
    }
    if (!runs.length) continue
    const rates = runs.map(r => Math.round(r.n / (r.ms / 1000)))
    console.log(`${name.padEnd(12)} median ${median(rates).toLocaleString('en-US').padStart(10)} msg/s  runs ${rates.map(r => r.toLocaleString('en-US')).join(' / ')}  (ms ${runs.map(r => Math.round(r.ms)).join('/')}, peak RSS ${runs.map(r => r.rssMB).join('/')} MB)`)
  }
}
