/**
 * The Protobuf message indexes of the Confluent wire format: after magic byte and schema id, the
 * Protobuf serializers write which message of the .proto file the payload is, as a path of
 * indexes (top-level message, then nested message, ...). Encoding, as Confluent's
 * `MessageIndexes.toByteArray`: a zigzag varint count, then each index as a zigzag varint; the
 * common path [0] (the first top-level message) is shortened to the single byte 0 (count 0).
 * Pure.
 */

/** Zigzag varint (Kafka's `ByteUtils.writeVarint`) of a 32-bit signed integer. */
function writeZigzagVarint(value: number, out: number[]): void {
  let v = ((value << 1) ^ (value >> 31)) >>> 0;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
}

export function encodeMessageIndexes(indexes: readonly number[]): Buffer {
  for (const index of indexes) {
    if (!Number.isInteger(index) || index < 0 || index > 0x7fffffff)
      throw new RangeError(`a message index is a non-negative 32-bit integer, not ${index}`);
  }
  if (indexes.length === 0) throw new RangeError('a message index path has at least one index');
  const out: number[] = [];
  if (indexes.length === 1 && indexes[0] === 0) {
    out.push(0);
  } else {
    writeZigzagVarint(indexes.length, out);
    for (const index of indexes) writeZigzagVarint(index, out);
  }
  return Buffer.from(out);
}

export type DecodedMessageIndexes =
  { ok: true; indexes: number[]; bytesRead: number } | { ok: false; reason: string };

/** Reads one zigzag varint at `offset`; returns [value, next offset] or null when truncated or too long. */
function readZigzagVarint(bytes: Uint8Array, offset: number): [number, number] | null {
  let raw = 0;
  let shift = 0;
  for (let i = offset; i < bytes.length && shift <= 28; i++) {
    const b = bytes[i]!;
    raw |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) {
      raw >>>= 0;
      return [(raw >>> 1) ^ -(raw & 1), i + 1];
    }
    shift += 7;
  }
  return null;
}

/** Sanity bound: nesting deeper than this is not a real .proto but garbage. */
const MAX_DEPTH = 64;

/** Reads the message-index path at the start of a framed Protobuf payload. */
export function decodeMessageIndexes(bytes: Uint8Array): DecodedMessageIndexes {
  const count = readZigzagVarint(bytes, 0);
  if (!count) return { ok: false, reason: 'the Protobuf message indexes are missing or truncated' };
  const [n, start] = count;
  if (n === 0) return { ok: true, indexes: [0], bytesRead: start };
  if (n < 0 || n > MAX_DEPTH)
    return { ok: false, reason: `the Protobuf message-index count ${n} is not plausible` };
  const indexes = new Array<number>(n);
  let offset = start;
  for (let i = 0; i < n; i++) {
    const next = readZigzagVarint(bytes, offset);
    if (!next) return { ok: false, reason: 'the Protobuf message indexes are truncated' };
    if (next[0] < 0) return { ok: false, reason: `the Protobuf message index ${next[0]} is negative` };
    indexes[i] = next[0];
    offset = next[1];
  }
  return { ok: true, indexes, bytesRead: offset };
}
