// API recipe for @platformatic/kafka 1.35.0 on Node 20: the JavaScript twin of the TypeScript in
// docs/decisions/0001-kafka-client.md (that version type-checks with strict + noUncheckedIndexedAccess).
// Runs against Kafka 4.3.1 and 3.9.2:   BROKER=127.0.0.1:19092 node recipe.mjs
import { readFileSync, existsSync } from 'node:fs';
import { load } from './lib.mjs';
const { Admin, Consumer, Producer, FetchIsolationLevels, IS_CONTROL, IS_TRANSACTIONAL, ListOffsetTimestamps, compressionsAlgorithms, compatibilityPartitioner, createAPI, consumerGroupDescribeV0, describeClusterV1, DescribeClusterEndpointTypes, FindCoordinatorKeyTypes, ConfigResourceTypes, IncrementalAlterConfigOperationTypes, ProduceAcks } = await load('plat', '@platformatic/kafka');
const { decompress: zstdDecompress } = await load('plat', 'fzstd');
const BROKER = process.env.BROKER ?? '127.0.0.1:19092';
const must = (v, what) => { if (v === undefined)
    throw new Error(`missing ${what}`); return v; };
// (i) connection options shared by Admin, Consumer and Producer
const conn = {
    clientId: 'console',
    bootstrapBrokers: [BROKER],
    timeout: 10_000, // per request
    retries: 1,
    // sasl: { mechanism: 'SCRAM-SHA-512', username: 'carol', password: 'carol-secret' }, // or 'PLAIN', 'SCRAM-SHA-256'
    // tls: { ca: readFileSync('ca.pem') },                                             // node:tls ConnectionOptions
    ...(process.env.TLS_CA && existsSync(process.env.TLS_CA) ? { tls: { ca: readFileSync(process.env.TLS_CA) } } : {})
};
// zstd on Node 20: node:zlib has no zstd before 22.15, the library then throws UnsupportedCompressionError.
// Plug a pure-JS decoder into the library's (runtime-mutable, TS-readonly) codec table, once at startup.
if (!compressionsAlgorithms.zstd.available) {
    const zstd = compressionsAlgorithms.zstd;
    zstd.decompressSync = d => Buffer.from(zstdDecompress(Buffer.isBuffer(d) ? d : d.buffer));
}
const admin = new Admin(conn);
// A Consumer used only as a Fetch/ListOffsets handle: groupId is required by the constructor, but no group is
// created as long as consume(), joinGroup() and commit() are never called (verified with kafka-consumer-groups --list).
const reader = new Consumer({ ...conn, groupId: 'console-no-group' });
// (a) read [from, to) of one partition, no group. Handles: batches starting before `from`, control batches,
// aborted transactions across fetch responses (the library's own read_committed filter leaks them).
export async function readRange(topic, partition, from, to, { readCommitted = true, maxBytes = 1 << 20, signal } = {}) {
    const md = await reader.metadata({ topics: [topic] });
    const t = must(md.topics.get(topic), `topic ${topic}`);
    const node = must(t.partitions[partition], `partition ${partition}`).leader; // a Fetch must go to the partition leader
    const isolationLevel = readCommitted ? FetchIsolationLevels.READ_COMMITTED : FetchIsolationLevels.READ_UNCOMMITTED;
    const out = [];
    const pending = [];
    const seen = new Set();
    const inAborted = new Set();
    let next = from;
    while (next < to && !signal?.aborted) { // cancel = stop between fetches (no AbortSignal in the library)
        const res = await reader.fetch({
            node, maxWaitTime: 200, minBytes: 1, maxBytes, isolationLevel,
            topics: [{ topicId: t.id, partitions: [{ partition, fetchOffset: next, currentLeaderEpoch: -1, lastFetchedEpoch: -1, partitionMaxBytes: maxBytes }] }]
        });
        const p = must(res.responses[0]?.partitions[0], 'fetch response partition');
        if (p.errorCode !== 0)
            throw new Error(`Fetch error ${p.errorCode}`); // 1 = OFFSET_OUT_OF_RANGE: clamp to p.logStartOffset
        for (const a of p.abortedTransactions) {
            const id = `${a.producerId}:${a.firstOffset}`;
            if (!seen.has(id)) {
                seen.add(id);
                pending.push(a);
            }
        }
        pending.sort((x, y) => (x.firstOffset < y.firstOffset ? -1 : 1));
        const batches = p.records ?? [];
        for (const b of batches) {
            const last = b.firstOffset + BigInt(b.lastOffsetDelta);
            if (last + 1n > next)
                next = last + 1n;
            if (readCommitted)
                while (pending[0] !== undefined && pending[0].firstOffset <= last)
                    inAborted.add(must(pending.shift(), 'txn').producerId);
            if (b.attributes & IS_CONTROL) { // control record key = int16 version, int16 type (0 ABORT, 1 COMMIT)
                if (b.records[0]?.key?.readInt16BE(2) === 0)
                    inAborted.delete(b.producerId);
                continue;
            }
            if (readCommitted && (b.attributes & IS_TRANSACTIONAL) && inAborted.has(b.producerId))
                continue;
            for (const r of b.records) {
                const offset = b.firstOffset + BigInt(r.offsetDelta);
                if (offset >= from && offset < to)
                    out.push({ offset, timestamp: b.firstTimestamp + r.timestampDelta, key: r.key, value: r.value, headers: r.headers });
            }
        }
        const end = readCommitted ? p.lastStableOffset : p.highWatermark;
        if (batches.length === 0 || next >= end)
            break;
    }
    return out;
}
// (e) ConsumerGroupDescribe (API 69) for KIP-848 groups: the library exports consumerGroupDescribeV0 but its
// response parser is wrong ("Out of bounds"); reuse its request writer with a correct parser.
export const consumerGroupDescribe = createAPI(69, 0, consumerGroupDescribeV0.createRequest, (_c, _k, _v, r) => {
    const tps = (r) => ({ topicId: r.readUUID(), topicName: r.readString(), partitions: r.readArray(r => r.readInt32(), true, false) });
    const assignment = (r) => { const topicPartitions = r.readArray(tps); r.readTaggedFields(); return { topicPartitions }; };
    return {
        throttleTimeMs: r.readInt32(),
        groups: r.readArray(r => ({
            errorCode: r.readInt16(),
            errorMessage: r.readNullableString(),
            groupId: r.readString(),
            groupState: r.readString(), // 'Stable' | 'Empty' | 'Assigning' | 'Reconciling' | 'Dead'
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
    };
});
export async function describeKip848Group(groupId) {
    const [coord] = await admin.findCoordinator({ keyType: FindCoordinatorKeyTypes.GROUP, keys: [groupId] });
    const nodeId = must(coord, 'coordinator').nodeId;
    const connection = must((await admin.connectToBrokers([nodeId])).get(nodeId), 'coordinator connection');
    return must((await consumerGroupDescribe.async(connection, [groupId], false)).groups[0], 'group');
}
async function main() {
    const T = 'recipe-demo';
    if ((await admin.listTopics()).includes(T)) {
        await admin.deleteTopics({ topics: [T] });
        await new Promise(r => setTimeout(r, 1000));
    }
    await admin.createTopics({ topics: [T], partitions: 3, replicas: 1, configs: [{ name: 'cleanup.policy', value: 'delete' }] });
    // (f) produce: idempotent, acks=all, lz4 (gzip/snappy/lz4 work on Node 20; zstd *producing* throws on Node 20),
    // Java-compatible key partitioning (the default partitioner is NOT murmur2 & 0x7fffffff).
    // Headers: with the default Buffer serializers pass a Map<Buffer, Buffer>; a plain object { name: Buffer }
    // makes send() hang forever without an error (string header keys reach the Buffer writer).
    const producer = new Producer({ ...conn, idempotent: true, acks: ProduceAcks.ALL, compression: 'lz4', partitioner: compatibilityPartitioner });
    const t0 = BigInt(Date.now());
    await producer.send({ messages: Array.from({ length: 30 }, (_, i) => ({ topic: T, key: Buffer.from(`order-${i % 5}`), value: Buffer.from(JSON.stringify({ i })), headers: new Map([[Buffer.from('source'), Buffer.from('recipe')]]), timestamp: t0 + BigInt(i) })) });
    // (g) transactions
    // producerId -1n / producerEpoch -1 are required to reuse a transactionalId after a restart: the library's
    // default (0n / 0) is answered with PRODUCER_FENCED (error 90) once the id has been used before.
    const txp = new Producer({ ...conn, transactionalId: 'console-recipe-tx', idempotent: true, acks: ProduceAcks.ALL, producerId: -1n, producerEpoch: -1 });
    const tx = await txp.beginTransaction();
    await tx.send({ messages: [{ topic: T, partition: 0, value: Buffer.from('in-tx') }] });
    await tx.abort(); // or tx.commit()
    await txp.close();
    // (b) offsets: earliest / latest / by timestamp (-1 offset = no record at or after that time)
    // the response's partitions are NOT in request order: index them by partitionIndex
    const q = async (timestamp) => {
        const res = await admin.listOffsets({ topics: [{ name: T, partitions: [0, 1, 2].map(partitionIndex => ({ partitionIndex, timestamp })) }] });
        const byPartition = [];
        for (const p of must(res[0], 'topic').partitions)
            byPartition[p.partitionIndex] = p.offset;
        return byPartition;
    };
    const low = await q(ListOffsetTimestamps.EARLIEST);
    const high = await q(ListOffsetTimestamps.LATEST);
    const atTs = await q(t0 + 10n);
    console.log('(b) low', low, 'high', high, 'ts', atTs);
    // also: admin.listOffsets({ ..., isolationLevel: FetchIsolationLevels.READ_COMMITTED }) gives the last stable offset
    // (a) read a range with no group
    for (const [part, end] of high.entries()) {
        const recs = await readRange(T, part, 0n, end);
        const uncommitted = await readRange(T, part, 0n, end, { readCommitted: false });
        console.log('(a) partition', part, 'high', end, 'read_committed', recs.length, 'read_uncommitted', uncommitted.length, 'keys', [...new Set(recs.map(r => r.key?.toString()))]);
    }
    // (c) metadata and describe cluster
    const md = await admin.metadata({ topics: [T] }); // metadata({}) returns no topics: list them first
    console.log('(c) cluster', md.id, 'controller', md.controllerId, 'brokers', [...md.brokers.entries()], 'partitions', must(md.topics.get(T), T).partitions.map(p => ({ leader: p.leader, replicas: p.replicas, isr: p.isr })));
    console.log('(c) topics', (await admin.listTopics({ includeInternals: false })).length);
    const anyConn = must([...(await admin.connectToBrokers(null)).values()][0], 'connection');
    const dc = await describeClusterV1.api.async(anyConn, false, DescribeClusterEndpointTypes.BROKERS);
    console.log('(c) describeCluster', dc.clusterId, dc.controllerId, dc.brokers.length);
    const cfg = await admin.describeConfigs({ resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: T, configurationKeys: ['cleanup.policy', 'retention.ms'] }] });
    console.log('(c) configs', must(cfg[0], 'config').configs.map(c => [c.name, c.value]));
    await admin.incrementalAlterConfigs({ resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: T, configs: [{ name: 'retention.ms', configOperation: IncrementalAlterConfigOperationTypes.SET, value: '604800000' }] }] });
    // (d) log dirs (size on disk per partition)
    const dirs = await admin.describeLogDirs({ topics: [{ name: T, partitions: [0, 1, 2] }] });
    console.log('(d) logdirs', dirs.map(b => ({ broker: b.broker, dirs: b.results.map(d => ({ dir: d.logDir, bytes: d.topics.flatMap(t => t.partitions.map(p => p.partitionSize)) })) })));
    // (h) seed / reset a group's committed offsets (the group must have no active members)
    const G = 'recipe-read-model';
    await admin.alterConsumerGroupOffsets({ groupId: G, topics: [{ name: T, partitionOffsets: [{ partition: 0, offset: 1n }, { partition: 1, offset: 0n }] }] });
    const committed = await admin.listConsumerGroupOffsets({ groups: [G] });
    console.log('(h) committed', must(committed[0], 'group').topics.map(t => t.partitions.map(p => [p.partitionIndex, p.committedOffset])));
    // (e) groups: ask for both types, the default is types: ['classic'] and hides KIP-848 groups
    const groups = await admin.listGroups({ types: ['classic', 'consumer'] });
    console.log('(e) groups', [...groups.values()].map(g => [g.id, g.groupType, g.state]));
    for (const g of groups.values()) {
        if (g.groupType === 'consumer') {
            const d = await describeKip848Group(g.id);
            console.log('(e) KIP-848', d.groupId, d.groupState, d.assignorName, d.members.map(m => [m.clientId, m.assignment.topicPartitions.map(tp => [tp.topicName, tp.partitions])]));
        }
        else {
            const d = must((await admin.describeGroups({ groups: [g.id] })).get(g.id), g.id);
            console.log('(e) classic', d.id, d.state, d.protocolType, d.protocol, d.members.size);
        }
    }
    await admin.deleteGroups({ groups: [G] });
    await producer.close();
    await reader.close();
    await admin.deleteTopics({ topics: [T] });
    await admin.close();
}
await main();
