// SASL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) and TLS checks for @platformatic/kafka and the librdkafka client.
// Needs the 4.3.1 broker started with the extra listeners of README.md (SASL_PLAINTEXT :19094, SSL :19095).
//   SASL_BROKER=127.0.0.1:19094 TLS_BROKER=127.0.0.1:19095 TLS_CA=/tmp/clienteval/tls/ca.pem node eval-security.mjs
import { readFileSync } from 'node:fs'
import { load, record, CLIENTS_DIR } from './lib.mjs'

const SASL_BROKER = process.env.SASL_BROKER ?? '127.0.0.1:19094'
const TLS_BROKER = process.env.TLS_BROKER ?? '127.0.0.1:19095'
const ca = readFileSync(process.env.TLS_CA ?? `${CLIENTS_DIR}/tls/ca.pem`)
const users = [['PLAIN', 'alice', 'alice-secret'], ['SCRAM-SHA-256', 'bob', 'bob-secret'], ['SCRAM-SHA-512', 'carol', 'carol-secret']]

const { Admin } = await load('plat', '@platformatic/kafka')
async function plat (label, opts) {
  const admin = new Admin({ clientId: 'eval-sec', retries: 0, ...opts })
  try { record('platformatic', label, true, `${(await admin.listTopics()).length} topics`) } catch (e) { record('platformatic', label, false, e.message + ' ' + (e.errors ?? []).map(x => x.message).join('; ')) } finally { await admin.close() }
}
for (const [mechanism, username, password] of users) {
  await plat(`SASL ${mechanism}`, { bootstrapBrokers: [SASL_BROKER], sasl: { mechanism, username, password } })
}
await plat('SASL SCRAM-SHA-256 wrong password rejected (expect FAIL)', { bootstrapBrokers: [SASL_BROKER], sasl: { mechanism: 'SCRAM-SHA-256', username: 'bob', password: 'nope' } })
await plat('TLS (custom CA)', { bootstrapBrokers: [TLS_BROKER], tls: { ca } })

const mod = await load('cfl', '@confluentinc/kafka-javascript')
const { KafkaJS } = mod.default ?? mod
async function cfl (label, extra) {
  const admin = new KafkaJS.Kafka({ kafkaJS: { brokers: [extra.broker], logLevel: 0, ...extra.kafkaJS }, ...extra.rd }).admin()
  try { await admin.connect(); record('confluent', label, true, `${(await admin.listTopics()).length} topics`) } catch (e) { record('confluent', label, false, e.message) } finally { await admin.disconnect().catch(() => {}) }
}
for (const [mechanism, username, password] of users) {
  await cfl(`SASL ${mechanism}`, { broker: SASL_BROKER, kafkaJS: { sasl: { mechanism: mechanism.toLowerCase(), username, password } } })
}
await cfl('TLS (custom CA)', { broker: TLS_BROKER, kafkaJS: { ssl: true }, rd: { 'ssl.ca.pem': ca.toString() } })
