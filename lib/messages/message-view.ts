import { isUtf8 } from 'node:buffer';
import { lastHeaderOf, type RawRecord } from '@/lib/kafka/records';
import type { DecodedMessage, DecodedPart } from '@/lib/serde/types';
import { UNKNOWN, type FilterValue, type MessageView } from './evaluate-filter';

/**
 * What a filter sees of one record, before and after decoding. One mutable instance is reused
 * for every record of a scan (`reset`), so filtering allocates nothing per record that the
 * filter does not ask for.
 *
 * `key` is the key as text when it is not schema-framed (UTF-8, or hex when the bytes are not
 * UTF-8), and the decoded key when it is (Avro, JSON Schema, Protobuf). The rule is the same
 * before and after decoding, so the verdict on the raw record never contradicts the final one.
 */

/** Confluent framing: magic byte 0 and a 4-byte schema id. Such bytes may need the registry. */
function mayBeFramed(bytes: Buffer): boolean {
  return bytes.length >= 5 && bytes[0] === 0;
}

function isSchemaFormat(
  part: DecodedPart,
): part is Extract<DecodedPart, { format: 'avro' | 'json-schema' | 'protobuf' }> {
  return part.format === 'avro' || part.format === 'json-schema' || part.format === 'protobuf';
}

/** The data of a decoded part, for paths: structures as they are, text as text, bytes as hex. */
function partData(part: DecodedPart): FilterValue {
  switch (part.format) {
    case 'null':
      return null;
    case 'avro':
    case 'json-schema':
    case 'protobuf':
    case 'json':
      return part.value;
    case 'text':
      return part.text;
    case 'binary':
      return part.hex;
    case 'error':
      return undefined;
  }
}

/**
 * Whether a raw key certainly differs from the text whose UTF-8 bytes are `text`, decided on
 * the bytes: a key that is valid UTF-8 and not possibly schema-framed reads as its decoded text,
 * and distinct valid UTF-8 decodes to distinct text. A null key is no text. Other keys (framed,
 * or shown as hex) are left to the filter.
 */
export function keyDiffersFrom(raw: Buffer | null, text: Buffer): boolean {
  if (raw === null) return true;
  if (raw.equals(text)) return false;
  return !mayBeFramed(raw) && isUtf8(raw);
}

function keyText(bytes: Buffer): string {
  return isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('hex');
}

const NOT_COMPUTED: unique symbol = Symbol('not computed');

export class RecordFilterView implements MessageView {
  topic = '';
  partition = 0;
  timestamp = 0;
  private record: RawRecord | undefined;
  private decoded: Pick<DecodedMessage, 'key' | 'value'> | undefined;
  private cachedKey: FilterValue | typeof NOT_COMPUTED = NOT_COMPUTED;

  constructor(topic: string) {
    this.topic = topic;
  }

  /** Points the view at a record; `decoded` when it has been decoded. */
  reset(record: RawRecord, decoded?: Pick<DecodedMessage, 'key' | 'value'>): this {
    this.record = record;
    this.decoded = decoded;
    this.partition = record.partition;
    this.timestamp = record.timestamp;
    this.cachedKey = NOT_COMPUTED;
    return this;
  }

  /** Computed when a filter reads it: a 64-bit offset costs an allocation per record. */
  get offset(): number {
    return Number(this.record!.offset);
  }

  key(): FilterValue {
    if (this.cachedKey !== NOT_COMPUTED) return this.cachedKey;
    const raw = this.record!.key;
    let result: FilterValue;
    if (raw === null) result = null;
    else if (this.decoded)
      result = isSchemaFormat(this.decoded.key)
        ? this.decoded.key.value
        : this.decoded.key.format === 'error' && mayBeFramed(raw)
          ? undefined
          : keyText(raw);
    else result = mayBeFramed(raw) ? UNKNOWN : keyText(raw);
    this.cachedKey = result;
    return result;
  }

  keyData(): FilterValue {
    if (!this.decoded) return this.record!.key === null ? null : UNKNOWN;
    return partData(this.decoded.key);
  }

  value(): FilterValue {
    if (!this.decoded) return this.record!.value === null ? null : UNKNOWN;
    return partData(this.decoded.value);
  }

  header(name: string): string | null | undefined {
    const value = lastHeaderOf(this.record!, name);
    return value === undefined ? undefined : value === null ? null : value.toString('utf8');
  }

  headers(): Record<string, string | null> {
    // No prototype: a header called __proto__ stays a plain entry.
    const out = Object.create(null) as Record<string, string | null>;
    for (const h of this.record!.headers) out[h.key] = h.value === null ? null : h.value.toString('utf8');
    return out;
  }
}
