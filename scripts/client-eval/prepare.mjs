// Creates the evaluation topics on $BROKER and fills them with kcat / the Java helper.
//   BROKER=127.0.0.1:19092 node prepare.mjs [--bench]
import { writeFileSync, existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { load, BROKER, kcatProduce, javaHelper, CLIENTS_DIR } from './lib.mjs'

const { Admin } = await load('plat', '@platformatic/kafka')
const admin = new Admin({ clientId: 'eval-prepare', bootstrapBrokers: [BROKER] })
const existing = new Set(await admin.listTopics())
async function topic (name, partitions) {
  if (existing.has(name)) return false
  await admin.createTopics({ topics: [name], partitions, replicas: 1 })
  return true
}

// 1. plain topic, 3 partitions x 1000 messages "p<partition>-m<i>"
if (await topic('eval-range', 3)) {
  for (let p = 0; p < 3; p++) kcatProduce('eval-range', Array.from({ length: 1000 }, (_, i) => `p${p}-m${i}`), ['-p', String(p)])
}
// 2. one topic per codec, batches compressed by kcat (librdkafka)
for (const codec of ['gzip', 'snappy', 'lz4', 'zstd']) {
  if (await topic(`eval-${codec}`, 1)) {
    kcatProduce(`eval-${codec}`, Array.from({ length: 1000 }, (_, i) => `${codec}-${i}-${'abcdefgh'.repeat(8)}`), ['-z', codec, '-p', '0'])
  }
}
// 3. committed + aborted transactions written by the Java client (c-0..c-4, a-0..a-4 aborted, c-5..c-9)
if (await topic('eval-tx', 1)) javaHelper('tx', BROKER, 'eval-tx')
// 4. topic consumed by a KIP-848 group (see eval-*.mjs)
if (await topic('eval-kip848', 3)) kcatProduce('eval-kip848', Array.from({ length: 30 }, (_, i) => `m${i}`))
// 5. throughput topic: 1,000,000 x 200 bytes over 6 partitions
if (process.argv.includes('--bench') && await topic('eval-bench', 6)) {
  const file = `${CLIENTS_DIR}/bench.txt`
  if (!existsSync(file)) {
    const pad = 'x'.repeat(200)
    const lines = []
    for (let i = 0; i < 1_000_000; i++) lines.push((`msg-${i}-` + pad).slice(0, 200))
    writeFileSync(file, lines.join('\n') + '\n')
  }
  const t0 = Date.now()
  const r = spawnSync('sh', ['-c', `kcat -P -b ${BROKER} -t eval-bench -X linger.ms=20 -X batch.num.messages=10000 < ${file}`], { stdio: 'inherit' })
  if (r.status !== 0) throw new Error('kcat bench produce failed')
  console.log(`bench topic produced in ${Date.now() - t0} ms`)
}
console.log('topics:', (await admin.listTopics()).filter(t => t.startsWith('eval-')).sort().join(' '))
await admin.close()
