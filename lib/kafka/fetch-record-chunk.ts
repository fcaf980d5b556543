import 'server-only';
import { Consumer, FetchIsolationLevels, compressionsAlgorithmsByBitmask, createAPI, fetchV17, protocolErrorsCodesById } from '@platformatic/kafka';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/http/errors';
import './codecs';
import { DecompressionLimitError } from './decompression-limit';
import { connectionOptions } from './connection';
import { toAppError } from './errors';
import type { Isolation } from './reader';
import { ATTR_COMPRESSION_MASK, ATTR_CONTROL, ATTR_TIMESTAMP_LOG_APPEND, ATTR_TRANSACTIONAL, compressionNames, type AbortedTransaction, type RawRecord } from './records';

/**
 * One Fetch of one partition, parsed lean: the scan path of message search and export.
 *
 * The client library turns every record of a Fetch response into objects (64-bit timestamps as
 * BigInt, header pairs, a growable-buffer reader per varint), which costs more than the Avro
 * decoding that follows and makes garbage collection dominate a scan. Here the response keeps
 * its record bytes, and this module walks the record batches itself, straight into the
 * `RawRecord`s every reader uses: same semantics as `readPartitionRange` (records at or after
 * `fromOffset`, control batches skipped, aborted transactions dropped under read_committed).
 *
 * Group-free like the reader: Metadata and Fetch only, on a client that never joins a group.
 */

const NEVER_JOINED_GROUP = 'event-store-console-scanner-never-joins';

interface RawPartition {
  partitionIndex: number;
  errorCode: number;
  highWatermark: bigint;
  lastStableOffset: bigint;
  logStartOffset: bigint;
  abortedTransactions: AbortedTransaction[];
  records: Buffer | null;
}

type FetchReader = Parameters<Parameters<typeof createAPI>[3]>[3];

/** Fetch v17 with the request writer of the library and a response parser that keeps record bytes. */
const fetchRaw = createAPI(1, 17, fetchV17.createRequest, (_correlationId: number, _apiKey: number, _apiVersion: number, r: FetchReader) => {
  const throttleTimeMs = r.readInt32();
  const errorCode = r.readInt16();
  const sessionId = r.readInt32();
  const responses = r.readArray((r: FetchReader) => ({
    topicId: r.readUUID(),
    partitions: r.readArray((r: FetchReader): RawPartition => {
      const partition: RawPartition = {
        partitionIndex: r.readInt32(),
        errorCode: r.readInt16(),
        highWatermark: r.readInt64(),
        lastStableOffset: r.readInt64(),
        logStartOffset: r.readInt64(),
        abortedTransactions: r.readArray((r: FetchReader) => ({ producerId: r.readInt64(), firstOffset: r.readInt64() })),
        records: null,
      };
      r.readInt32(); // preferred read replica
      const size = r.readUnsignedVarInt() - 1;
      if (size > 0) {
        partition.records = r.buffer.slice(r.position, r.position + size) as Buffer;
        r.skip(size);
      }
      return partition;
    }),
  }));
  return { throttleTimeMs, errorCode, sessionId, responses };
});

const scanners = globalThis as unknown as { __kafkaScanners?: Map<string, Consumer> };

/** A separate group-free client, so long scans do not queue behind (or in front of) page reads on one connection. */
function scannerFor(cluster: ClusterConfig): Consumer {
  scanners.__kafkaScanners ??= new Map();
  let client = scanners.__kafkaScanners.get(cluster.id);
  if (!client || client.closed) {
    client = new Consumer({ ...connectionOptions(cluster), clientId: `${cluster.clientId}-scan`, groupId: NEVER_JOINED_GROUP, autocommit: false });
    scanners.__kafkaScanners.set(cluster.id, client);
  }
  return client;
}

export async function closeScanners(): Promise<void> {
  const all = [...(scanners.__kafkaScanners?.values() ?? [])];
  scanners.__kafkaScanners?.clear();
  await Promise.allSettled(all.map((c) => c.close()));
}

export interface RecordChunk {
  records: RawRecord[];
  /** Where the next read starts: after the last batch of this response (or fromOffset when it held none). */
  nextOffset: bigint;
  highWatermark: bigint;
  logStartOffset: bigint;
}

export interface FetchChunkOptions {
  topic: string;
  partition: number;
  fromOffset: bigint;
  maxBytes: number;
  isolation?: Isolation;
}

/** A length or count that runs past the bytes of its batch. */
class TruncatedBatch extends Error {}

/** Parses record batches (magic 2) from a Fetch response's bytes. Pure; exported for tests. */
export function parseRecordBatches(partition: number, bytes: Buffer, fromOffset: bigint, abortedTransactions: readonly AbortedTransaction[] | undefined): { records: RawRecord[]; nextOffset: bigint } {
  const out: RawRecord[] = [];
  const pending = abortedTransactions ? [...abortedTransactions].sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : 1)) : [];
  const abortedProducers = new Set<bigint>();
  let nextOffset = fromOffset;
  let pos = 0;
  // Cursor over the current records area (the response bytes, or a decompressed batch).
  let data = bytes;
  let p = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    let b: number;
    do {
      b = data[p++]!;
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80 && shift < 35);
    return (result >>> 1) ^ -(result & 1);
  };
  const varlong = (): number => {
    let result = 0;
    let mul = 1;
    let b: number;
    do {
      b = data[p++]!;
      result += (b & 0x7f) * mul;
      mul *= 128;
    } while (b & 0x80 && mul < 2 ** 70);
    return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
  };
  // Header names repeat on every record: decode each distinct name once per response.
  const names: { bytes: Buffer; name: string }[] = [];
  const headerName = (buf: Buffer, start: number, length: number): string => {
    search: for (const known of names) {
      if (known.bytes.length !== length) continue;
      for (let i = 0; i < length; i++) if (known.bytes[i] !== buf[start + i]) continue search;
      return known.name;
    }
    const name = buf.toString('utf8', start, start + length);
    if (names.length < 64) names.push({ bytes: Buffer.from(buf.subarray(start, start + length)), name });
    return name;
  };
  // The end of the current records area: counts and lengths read from the bytes are trusted
  // only as far as the bytes go, so a corrupt or hostile batch cannot make the parser allocate
  // or loop beyond what it was sent.
  let dataEnd = bytes.length;
  const bytesOrNull = (): Buffer | null => {
    const length = varint();
    if (length < 0) return null;
    if (length > dataEnd - p) throw new TruncatedBatch();
    const slice = data.subarray(p, p + length);
    p += length;
    return slice;
  };

  while (bytes.length - pos >= 12) {
    const baseOffset = bytes.readBigInt64BE(pos);
    const batchLength = bytes.readInt32BE(pos + 8);
    const end = pos + 12 + batchLength;
    if (end > bytes.length) break; // a partial batch at the end of the response
    const magic = bytes.readInt8(pos + 16);
    const attributes = bytes.readInt16BE(pos + 21);
    const lastOffsetDelta = bytes.readInt32BE(pos + 23);
    const lastOffset = baseOffset + BigInt(lastOffsetDelta);
    if (lastOffset + 1n > nextOffset) nextOffset = lastOffset + 1n;
    if (magic !== 2) {
      pos = end;
      continue;
    }
    // Epoch ms fit a double: read the two halves rather than a BigInt.
    const firstTimestamp = bytes.readInt32BE(pos + 27) * 4294967296 + bytes.readUInt32BE(pos + 31);
    const maxTimestamp = bytes.readInt32BE(pos + 35) * 4294967296 + bytes.readUInt32BE(pos + 39);
    const producerId = bytes.readBigInt64BE(pos + 43);
    const count = bytes.readInt32BE(pos + 57);
    const control = (attributes & ATTR_CONTROL) !== 0;
    const transactional = (attributes & ATTR_TRANSACTIONAL) !== 0;
    if (abortedTransactions) while (pending.length && pending[0]!.firstOffset <= lastOffset) abortedProducers.add(pending.shift()!.producerId);
    const codec = attributes & ATTR_COMPRESSION_MASK;
    const skipBatch = lastOffset < fromOffset || (!control && abortedTransactions !== undefined && transactional && abortedProducers.has(producerId));
    if (skipBatch && !control) {
      pos = end;
      continue;
    }
    if (codec !== 0) {
      const algorithm = (compressionsAlgorithmsByBitmask as Record<number, { decompressSync(data: Buffer): Buffer } | undefined>)[codec];
      if (!algorithm) throw new AppError('DECODE_FAILED', `the batch at offsets ${baseOffset}–${lastOffset} of partition ${partition} uses an unknown compression codec (${codec})`);
      try {
        data = algorithm.decompressSync(bytes.subarray(pos + 61, end));
      } catch (error) {
        const reason = error instanceof DecompressionLimitError ? error.message : `it could not be decompressed (${(error as Error).message})`;
        throw new AppError('DECODE_FAILED', `the batch at offsets ${baseOffset}–${lastOffset} of partition ${partition}: ${reason}`, { cause: error });
      }
      p = 0;
      dataEnd = data.length;
    } else {
      data = bytes;
      p = pos + 61;
      dataEnd = end;
    }
    if (control) {
      // A control record's key is (version int16, type int16): type 0 ends an aborted transaction.
      if (abortedTransactions && count > 0) {
        varint(); // length
        p += 1; // attributes
        varlong(); // timestamp delta
        varint(); // offset delta
        const key = bytesOrNull();
        if (key && key.length >= 4 && key.readInt16BE(2) === 0) abortedProducers.delete(producerId);
      }
      pos = end;
      continue;
    }
    const logAppend = (attributes & ATTR_TIMESTAMP_LOG_APPEND) !== 0;
    const compression = compressionNames[codec] ?? 'none';
    // A record takes at least 7 bytes, a header at least 2: counts beyond what the bytes can hold are corrupt.
    if (count < 0 || count > (dataEnd - p) / 7) throw new AppError('DECODE_FAILED', `the batch at offsets ${baseOffset}–${lastOffset} of partition ${partition} claims ${count} records, more than its bytes can hold`);
    try {
      for (let i = 0; i < count; i++) {
        varint(); // record length
        p += 1; // attributes
        const timestampDelta = varlong();
        const offsetDelta = varint();
        const key = bytesOrNull();
        const value = bytesOrNull();
        const headerCount = varint();
        if (headerCount < 0 || headerCount > (dataEnd - p) / 2) throw new TruncatedBatch();
        const headers: RawRecord['headers'] = headerCount > 0 ? new Array(headerCount) : [];
        for (let h = 0; h < headerCount; h++) {
          const keyLength = varint();
          if (keyLength < 0 || keyLength > dataEnd - p) throw new TruncatedBatch();
          const name = headerName(data, p, keyLength);
          p += keyLength;
          headers[h] = { key: name, value: bytesOrNull() };
        }
        const offset = baseOffset + BigInt(offsetDelta);
        if (offset < fromOffset) continue;
        out.push({
          partition,
          offset,
          timestamp: logAppend ? maxTimestamp : firstTimestamp + timestampDelta,
          timestampType: logAppend ? 'log-append' : 'create',
          key,
          value,
          headers,
          compression,
          transactional,
        });
      }
    } catch (error) {
      if (!(error instanceof TruncatedBatch)) throw error;
      throw new AppError('DECODE_FAILED', `the batch at offsets ${baseOffset}–${lastOffset} of partition ${partition} is corrupt: a length or count in it runs past its end`);
    }
    pos = end;
  }
  return { records: out, nextOffset };
}

/**
 * Reads what one Fetch response holds of a partition from `fromOffset` (at most `maxBytes`,
 * at least one batch). Refuses unknown topics and partitions and out-of-range offsets in words.
 */
export async function fetchRecordChunk(cluster: ClusterConfig, options: FetchChunkOptions): Promise<RecordChunk> {
  const client = scannerFor(cluster);
  const { topic, partition, fromOffset } = options;
  const isolation = options.isolation ?? 'read_committed';
  let response;
  try {
    const metadata = await client.metadata({ topics: [topic] });
    const t = metadata.topics.get(topic);
    if (!t) throw new AppError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
    const leader = t.partitions[partition]?.leader;
    if (leader === undefined) throw new AppError('UNKNOWN_PARTITION', `topic "${topic}" has no partition ${partition}`);
    const connection = (await client.connectToBrokers([leader])).get(leader);
    if (!connection) throw new AppError('BROKER_UNAVAILABLE', `the leader of ${topic}/${partition} (broker ${leader}) could not be reached`);
    response = (await fetchRaw.async(
      connection,
      0,
      1,
      options.maxBytes,
      isolation === 'read_committed' ? FetchIsolationLevels.READ_COMMITTED : FetchIsolationLevels.READ_UNCOMMITTED,
      0,
      -1,
      [{ topicId: t.id, partitions: [{ partition, currentLeaderEpoch: -1, fetchOffset: fromOffset, lastFetchedEpoch: -1, partitionMaxBytes: options.maxBytes }] }],
      [],
      '',
    )) as { responses: { partitions: RawPartition[] }[] };
  } catch (error) {
    const mapped = toAppError(error, `reading ${topic}/${partition} at offset ${fromOffset}`);
    if (mapped.code === 'UNKNOWN_TOPIC') throw new AppError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
    throw mapped;
  }
  const p = response.responses[0]?.partitions[0];
  if (!p) return { records: [], nextOffset: fromOffset, highWatermark: -1n, logStartOffset: 0n };
  if (p.errorCode !== 0) {
    const apiId = (protocolErrorsCodesById as Record<number, string | undefined>)[p.errorCode] ?? String(p.errorCode);
    if (apiId === 'OFFSET_OUT_OF_RANGE') throw new AppError('OFFSET_OUT_OF_RANGE', `offset ${fromOffset} is outside ${topic}/${partition}`);
    if (apiId === 'UNKNOWN_TOPIC_OR_PARTITION' || apiId === 'UNKNOWN_TOPIC_ID') throw new AppError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
    throw new AppError('BROKER_UNAVAILABLE', `reading ${topic}/${partition} failed: ${apiId}`);
  }
  if (!p.records) return { records: [], nextOffset: fromOffset, highWatermark: p.highWatermark, logStartOffset: p.logStartOffset };
  const parsed = parseRecordBatches(partition, p.records, fromOffset, isolation === 'read_committed' ? p.abortedTransactions : undefined);
  return { ...parsed, highWatermark: p.highWatermark, logStartOffset: p.logStartOffset };
}
