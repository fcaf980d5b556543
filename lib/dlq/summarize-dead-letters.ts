import type { CauseGroup, DeadLetterSelection, DeadLetterTriage } from '@/lib/schemas/dlq';
import type { DeadLetterConvention, DeadLetterInfo } from './read-dead-letter';

/**
 * Triage figures of a dead-letter topic from its records' dead-letter records: totals, arrivals
 * over time, groups by cause (root-cause fingerprint), origin topic and key. Pure.
 */

export interface DeadLetterEntry {
  partition: number;
  offset: bigint;
  /** Timestamp of the dead-letter record (when it was dead-lettered, for most frameworks). */
  timestamp: number;
  key: string | null;
  info: DeadLetterInfo;
}

const MINUTE = 60_000;
const BUCKETS = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  60 * MINUTE,
  6 * 60 * MINUTE,
  24 * 60 * MINUTE,
  7 * 24 * 60 * MINUTE,
  30 * 24 * 60 * MINUTE,
];
const MAX_POINTS = 60;
const TOP_KEYS = 100;

/** The smallest round bucket that shows the span in at most 60 points. */
export function arrivalBucketMs(oldest: number, newest: number): number {
  const span = Math.max(0, newest - oldest);
  return (
    BUCKETS.find((b) => span / b < MAX_POINTS) ??
    Math.ceil(span / MAX_POINTS / BUCKETS[BUCKETS.length - 1]!) * BUCKETS[BUCKETS.length - 1]!
  );
}

export function arrivals(entries: readonly DeadLetterEntry[]): DeadLetterTriage['arrivals'] {
  if (entries.length === 0) return { bucketMs: MINUTE, points: [] };
  let oldest = Infinity;
  let newest = -Infinity;
  for (const e of entries) {
    oldest = Math.min(oldest, e.timestamp);
    newest = Math.max(newest, e.timestamp);
  }
  const bucketMs = arrivalBucketMs(oldest, newest);
  const first = Math.floor(oldest / bucketMs) * bucketMs;
  const counts = new Array<number>(Math.floor((newest - first) / bucketMs) + 1).fill(0);
  for (const e of entries) counts[Math.floor((e.timestamp - first) / bucketMs)]!++;
  // Empty buckets stay in: a gap in arrivals is information.
  return { bucketMs, points: counts.map((count, i) => ({ at: first + i * bucketMs, count })) };
}

export function summarizeDeadLetters(
  topic: string,
  entries: readonly DeadLetterEntry[],
  truncated: boolean,
): Omit<DeadLetterTriage, 'parkingTopic'> {
  const causes = new Map<
    string,
    CauseGroup & { conventionSet: Set<DeadLetterConvention>; originSet: Set<string> }
  >();
  const origins = new Map<string | null, { count: number; groups: Set<string> }>();
  const keys = new Map<string | null, { count: number; firstAt: number; lastAt: number }>();
  let oldest: number | null = null;
  let newest: number | null = null;
  let withHeaders = 0;

  for (const e of entries) {
    const { info } = e;
    if (info.convention !== null) withHeaders++;
    oldest = oldest === null ? e.timestamp : Math.min(oldest, e.timestamp);
    newest = newest === null ? e.timestamp : Math.max(newest, e.timestamp);

    let cause = causes.get(info.fingerprint);
    if (!cause) {
      cause = {
        fingerprint: info.fingerprint,
        className: info.rootCause.className,
        message: info.rootCause.message,
        exceptionClass: info.error.exceptionClass,
        conventions: [],
        count: 0,
        firstAt: e.timestamp,
        lastAt: e.timestamp,
        originTopics: [],
        conventionSet: new Set(),
        originSet: new Set(),
      };
      causes.set(info.fingerprint, cause);
    }
    cause.count++;
    cause.firstAt = Math.min(cause.firstAt, e.timestamp);
    cause.lastAt = Math.max(cause.lastAt, e.timestamp);
    if (info.convention) cause.conventionSet.add(info.convention);
    if (info.origin.topic) cause.originSet.add(info.origin.topic);

    let origin = origins.get(info.origin.topic);
    if (!origin) origins.set(info.origin.topic, (origin = { count: 0, groups: new Set() }));
    origin.count++;
    const group = info.origin.consumerGroup ?? info.details.connector ?? null;
    if (group) origin.groups.add(group);

    const k = keys.get(e.key);
    if (k) {
      k.count++;
      k.firstAt = Math.min(k.firstAt, e.timestamp);
      k.lastAt = Math.max(k.lastAt, e.timestamp);
    } else keys.set(e.key, { count: 1, firstAt: e.timestamp, lastAt: e.timestamp });
  }

  return {
    topic,
    total: entries.length,
    truncated,
    withHeaders,
    oldest,
    newest,
    arrivals: arrivals(entries),
    causes: [...causes.values()]
      .map(({ conventionSet, originSet, ...c }) => ({
        ...c,
        conventions: [...conventionSet].sort(),
        originTopics: [...originSet].sort(),
      }))
      .sort((a, b) => b.count - a.count || a.fingerprint.localeCompare(b.fingerprint)),
    origins: [...origins]
      .map(([topic, o]) => ({ topic, count: o.count, consumerGroups: [...o.groups].sort() }))
      .sort((a, b) => b.count - a.count),
    keys: [...keys]
      .map(([key, k]) => ({ key, ...k }))
      .sort((a, b) => b.count - a.count || a.firstAt - b.firstAt)
      .slice(0, TOP_KEYS),
    keyCount: keys.size,
  };
}

/** A test of whether a dead letter is in a selection: every given criterion must hold. */
export function deadLetterSelector(selection: DeadLetterSelection): (entry: DeadLetterEntry) => boolean {
  const chosen = selection.letters
    ? new Set(selection.letters.map((l) => `${l.partition}@${BigInt(l.offset)}`))
    : null;
  return (entry) => {
    if (selection.cause !== undefined && entry.info.fingerprint !== selection.cause) return false;
    if (selection.originTopic !== undefined && entry.info.origin.topic !== selection.originTopic)
      return false;
    if (selection.key !== undefined && entry.key !== selection.key) return false;
    if (selection.from !== undefined && entry.timestamp < selection.from) return false;
    if (selection.to !== undefined && entry.timestamp > selection.to) return false;
    if (chosen && !chosen.has(`${entry.partition}@${entry.offset}`)) return false;
    return true;
  };
}
