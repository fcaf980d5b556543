import { innermostCause, type CauseLink } from './innermost-cause';
import { fingerprintMessage } from './fingerprint';

/**
 * Reads the headers of a dead-letter record into one record of origin and error, whatever
 * framework wrote it. Pure: headers in, record out; never throws on odd bytes (a field that
 * cannot be read is null).
 *
 * Conventions, as the frameworks really write them:
 * - Kafka Connect `__connect.errors.*`: every value is UTF-8 text, numbers included.
 * - Spring Kafka `kafka_dlt-*`: strings are UTF-8, but the original partition is a 4-byte and
 *   the offset and timestamp 8-byte big-endian integers.
 * - Kafka Streams (KIP-1034) `__streams.errors.*`: text.
 * - SmallRye Reactive Messaging `dead-letter-*`: text.
 * - Karafka `original_*`: text.
 * - A mapping from configuration, for home-grown conventions: numbers as text or binary.
 */

export type DeadLetterConvention = 'connect' | 'spring' | 'streams' | 'smallrye' | 'karafka' | 'configured';

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

/** Header names of a home-grown convention (any field may be absent). */
export interface DeadLetterHeaderMapping {
  topic?: string;
  partition?: string;
  offset?: string;
  timestamp?: string;
  consumerGroup?: string;
  exceptionClass?: string;
  causeClass?: string;
  message?: string;
  stacktrace?: string;
}

export interface DeadLetterInfo {
  /** The convention whose headers were found; null when the record carries none. */
  convention: DeadLetterConvention | null;
  origin: {
    topic: string | null;
    partition: number | null;
    /** Decimal string: offsets are 64-bit. */
    offset: string | null;
    /** Epoch milliseconds of the original record, when the convention keeps it. */
    timestamp: number | null;
    consumerGroup: string | null;
  };
  error: {
    /** The class the framework reports (Spring: often a wrapper such as ListenerExecutionFailedException). */
    exceptionClass: string | null;
    /** The cause class the framework reports separately (Spring, SmallRye). */
    causeClass: string | null;
    message: string | null;
    stacktrace: string | null;
  };
  /** The innermost meaningful cause: wrappers unwrapped, "Caused by" lines read. */
  rootCause: { className: string | null; message: string | null };
  /** Class and masked message of the root cause: dead letters with the same fingerprint fail for the same reason. */
  fingerprint: string;
  /** Framework-specific facts worth showing (Connect's connector, task and stage). */
  details: Record<string, string>;
  /** The header keys that belong to the dead-letter convention: a redrive leaves them out. */
  deadLetterHeaderKeys: string[];
}

type NumberEncoding = 'text' | 'binary' | 'auto';

interface ConventionSpec {
  convention: Exclude<DeadLetterConvention, 'configured'>;
  /** Every header of the convention starts with this (used to recognise and to strip them). */
  prefix: string;
  fields: DeadLetterHeaderMapping;
  numbers: NumberEncoding;
  details?: Record<string, string>;
}

const CONVENTIONS: ConventionSpec[] = [
  {
    convention: 'spring',
    prefix: 'kafka_dlt-',
    numbers: 'binary',
    fields: {
      topic: 'kafka_dlt-original-topic',
      partition: 'kafka_dlt-original-partition',
      offset: 'kafka_dlt-original-offset',
      timestamp: 'kafka_dlt-original-timestamp',
      consumerGroup: 'kafka_dlt-original-consumer-group',
      exceptionClass: 'kafka_dlt-exception-fqcn',
      causeClass: 'kafka_dlt-exception-cause-fqcn',
      message: 'kafka_dlt-exception-message',
      stacktrace: 'kafka_dlt-exception-stacktrace',
    },
    details: { timestampType: 'kafka_dlt-original-timestamp-type' },
  },
  {
    convention: 'connect',
    prefix: '__connect.errors.',
    numbers: 'text',
    fields: {
      topic: '__connect.errors.topic',
      partition: '__connect.errors.partition',
      offset: '__connect.errors.offset',
      exceptionClass: '__connect.errors.exception.class.name',
      message: '__connect.errors.exception.message',
      stacktrace: '__connect.errors.exception.stacktrace',
    },
    details: {
      connector: '__connect.errors.connector.name',
      task: '__connect.errors.task.id',
      stage: '__connect.errors.stage',
      className: '__connect.errors.class.name',
    },
  },
  {
    convention: 'streams',
    prefix: '__streams.errors.',
    numbers: 'text',
    fields: {
      topic: '__streams.errors.topic',
      partition: '__streams.errors.partition',
      offset: '__streams.errors.offset',
      exceptionClass: '__streams.errors.exception',
      message: '__streams.errors.message',
      stacktrace: '__streams.errors.stacktrace',
    },
  },
  {
    convention: 'smallrye',
    prefix: 'dead-letter-',
    numbers: 'text',
    fields: {
      topic: 'dead-letter-topic',
      partition: 'dead-letter-partition',
      offset: 'dead-letter-offset',
      exceptionClass: 'dead-letter-exception-class-name',
      causeClass: 'dead-letter-cause-class-name',
      message: 'dead-letter-reason',
    },
    details: { cause: 'dead-letter-cause' },
  },
  {
    convention: 'karafka',
    prefix: 'original_',
    numbers: 'text',
    fields: {
      topic: 'original_topic',
      partition: 'original_partition',
      offset: 'original_offset',
      consumerGroup: 'original_consumer_group',
    },
    details: { attempts: 'original_attempts', key: 'original_key' },
  },
];

function text(value: Buffer | null | undefined): string | null {
  if (!value || value.length === 0) return value ? '' : null;
  return value.toString('utf8');
}

const DECIMAL = /^-?\d{1,20}$/;

/** A number header as text, or big-endian binary of 4 or 8 bytes; 'auto' prefers text when it is digits. */
function integer(value: Buffer | null | undefined, encoding: NumberEncoding): bigint | null {
  if (!value || value.length === 0) return null;
  const asText = value.toString('latin1').trim();
  if (encoding !== 'binary' && DECIMAL.test(asText)) return BigInt(asText);
  if (encoding === 'text') return null;
  if (value.length === 4) return BigInt(value.readInt32BE(0));
  if (value.length === 8) return value.readBigInt64BE(0);
  // Binary was expected but some writers (older Spring, hand-written producers) send text.
  return DECIMAL.test(asText) ? BigInt(asText) : null;
}

function toSafeNumber(n: bigint | null): number | null {
  if (n === null || n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) return null;
  return Number(n);
}

/** The last value of each header: Kafka allows repeats, and a re-dead-lettered record has the newest last. */
function lastByKey(headers: readonly RecordHeader[]): Map<string, Buffer | null> {
  const map = new Map<string, Buffer | null>();
  for (const h of headers) map.set(h.key, h.value);
  return map;
}

function detectConvention(
  byKey: Map<string, Buffer | null>,
  mapping: DeadLetterHeaderMapping | undefined,
): { spec: ConventionSpec | null; configured: boolean } {
  if (mapping && Object.values(mapping).some((name) => name !== undefined && byKey.has(name)))
    return { spec: null, configured: true };
  // A convention is present when its origin topic or its exception header is: a lone prefix match
  // (an application header called "original_id") does not make a dead letter.
  for (const spec of CONVENTIONS) {
    const { topic, exceptionClass, message } = spec.fields;
    if ([topic, exceptionClass, message].some((name) => name !== undefined && byKey.has(name)))
      return { spec, configured: false };
  }
  return { spec: null, configured: false };
}

/** True when the headers follow one of the known conventions (or the configured mapping). */
export function hasDeadLetterHeaders(
  headers: readonly RecordHeader[],
  mapping?: DeadLetterHeaderMapping,
): boolean {
  const { spec, configured } = detectConvention(lastByKey(headers), mapping);
  return spec !== null || configured;
}

/** Everything a dead-letter record says about where it came from and why it failed. */
export function readDeadLetter(
  headers: readonly RecordHeader[],
  options: { mapping?: DeadLetterHeaderMapping } = {},
): DeadLetterInfo {
  const byKey = lastByKey(headers);
  const { spec, configured } = detectConvention(byKey, options.mapping);
  const fields: DeadLetterHeaderMapping = configured ? options.mapping! : (spec?.fields ?? {});
  const numbers: NumberEncoding = configured ? 'auto' : (spec?.numbers ?? 'auto');
  const get = (name: string | undefined) => (name === undefined ? undefined : byKey.get(name));

  const offset = integer(get(fields.offset), numbers);
  const error = {
    exceptionClass: text(get(fields.exceptionClass)),
    causeClass: text(get(fields.causeClass)),
    message: text(get(fields.message)),
    stacktrace: text(get(fields.stacktrace)),
  };
  const details: Record<string, string> = {};
  for (const [label, name] of Object.entries(spec?.details ?? {})) {
    const v = text(byKey.get(name));
    if (v !== null) details[label] = v;
  }

  const chain: CauseLink[] = [];
  if (error.exceptionClass || error.message)
    chain.push({ className: error.exceptionClass, message: error.message });
  // SmallRye keeps the cause's message in its own header.
  if (error.causeClass) chain.push({ className: error.causeClass, message: details.cause ?? null });
  const rootCause = innermostCause(chain, error.stacktrace);

  const ownKeys = configured
    ? new Set(Object.values(options.mapping!).filter((n): n is string => n !== undefined))
    : null;
  const deadLetterHeaderKeys = [...byKey.keys()].filter((k) =>
    ownKeys ? ownKeys.has(k) : spec !== null && k.startsWith(spec.prefix),
  );

  return {
    convention: configured ? 'configured' : (spec?.convention ?? null),
    origin: {
      topic: text(get(fields.topic)),
      partition: toSafeNumber(integer(get(fields.partition), numbers)),
      offset: offset === null ? null : offset.toString(),
      timestamp: toSafeNumber(integer(get(fields.timestamp), numbers)),
      consumerGroup: text(get(fields.consumerGroup)),
    },
    error,
    rootCause,
    fingerprint: fingerprintMessage(rootCause.className, rootCause.message),
    details,
    deadLetterHeaderKeys,
  };
}
