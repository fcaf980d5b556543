import type { DeadLetterInfo, RecordHeader } from '../read-dead-letter';

/**
 * What a redrive sends for one dead letter, and what it records: pure, so that the header rules,
 * the order and the ledger key are unit-tested.
 *
 * - The key and value are sent as they are (the value keeps its writer schema id).
 * - The original headers are kept, minus the dead-letter convention's own, plus the stamps below.
 * - Messages are sent in dead-letter order: by DLQ partition, then offset, so the dead letters
 *   of one key (which a framework writes to one DLQ partition) keep their order.
 */

export const REDRIVE_HEADERS = {
  id: 'x-redrive-id',
  job: 'x-redrive-job',
  sourceTopic: 'x-redrive-source-topic',
  sourcePartition: 'x-redrive-source-partition',
  sourceOffset: 'x-redrive-source-offset',
  attempt: 'x-redrive-attempt',
  parkReason: 'x-redrive-park-reason',
  editReason: 'x-redrive-edit-reason',
} as const;

const STAMPS = new Set<string>(Object.values(REDRIVE_HEADERS));

export interface RedriveSource {
  topic: string;
  partition: number;
  offset: bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: readonly RecordHeader[];
  info: DeadLetterInfo;
}

/** The ledger key of a dead letter: its coordinates, one ledger entry per dead letter however often it is tried. */
export function ledgerKey(topic: string, partition: number, offset: bigint | string): string {
  return `${topic}/${partition}/${offset}`;
}

/** How many times this record has been redriven before (its own stamp), plus one. */
export function nextAttempt(headers: readonly RecordHeader[]): number {
  let last: number | null = null;
  for (const h of headers) {
    if (h.key !== REDRIVE_HEADERS.attempt || !h.value) continue;
    const n = Number(h.value.toString('utf8'));
    if (Number.isSafeInteger(n) && n >= 0) last = n;
  }
  return (last ?? 0) + 1;
}

/**
 * The headers a redriven record carries: the originals minus the dead-letter ones and minus any
 * earlier redrive stamps, then this redrive's stamps. Repeated application headers keep their order.
 */
export function redriveHeaders(
  source: RedriveSource,
  stamp: { redriveId: string; jobId: string },
): [string, Buffer][] {
  const dropped = new Set(source.info.deadLetterHeaderKeys);
  const kept: [string, Buffer][] = [];
  for (const h of source.headers) {
    if (dropped.has(h.key) || STAMPS.has(h.key)) continue;
    kept.push([h.key, h.value ?? Buffer.alloc(0)]);
  }
  kept.push(
    [REDRIVE_HEADERS.id, Buffer.from(stamp.redriveId)],
    [REDRIVE_HEADERS.job, Buffer.from(stamp.jobId)],
    [REDRIVE_HEADERS.sourceTopic, Buffer.from(source.topic)],
    [REDRIVE_HEADERS.sourcePartition, Buffer.from(String(source.partition))],
    [REDRIVE_HEADERS.sourceOffset, Buffer.from(source.offset.toString())],
    [REDRIVE_HEADERS.attempt, Buffer.from(String(nextAttempt(source.headers)))],
  );
  return kept;
}

/**
 * The partition a redriven record goes to: back to its origin partition when it returns to its
 * origin topic (the aggregate's events stay together), else the key's partition (murmur2, by the
 * caller's partitioner), else round-robin by position.
 */
export function redrivePartition(
  source: RedriveSource,
  destination: string,
  partitionCount: number,
  byKey: (key: Buffer, count: number) => number,
  position: number,
): number {
  const { topic, partition } = source.info.origin;
  if (topic === destination && partition !== null && partition < partitionCount) return partition;
  if (source.key && source.key.length > 0) return byKey(source.key, partitionCount);
  return position % partitionCount;
}

/** Dead-letter order: by DLQ partition, then offset. */
export function redriveOrder<T extends { partition: number; offset: bigint }>(letters: readonly T[]): T[] {
  return [...letters].sort(
    (a, b) => a.partition - b.partition || (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0),
  );
}

/**
 * How long to wait before the next send so that `sent` messages since `startedAt` keep to
 * `ratePerSecond` (0 when unlimited or behind schedule).
 */
export function rateDelayMs(
  sent: number,
  startedAt: number,
  now: number,
  ratePerSecond: number | null,
): number {
  if (!ratePerSecond || ratePerSecond <= 0) return 0;
  const due = startedAt + (sent / ratePerSecond) * 1000;
  return Math.max(0, due - now);
}

/**
 * Records per transaction: large when unlimited (each transaction costs a commit round trip),
 * small at low rates, so progress and pauses are prompt.
 */
export function redriveBatchSize(ratePerSecond: number | null): number {
  if (!ratePerSecond) return 2_000;
  return Math.max(1, Math.min(500, Math.floor(ratePerSecond / 10)));
}

/**
 * Records for the next transaction of a job that has sent `sent` since `startedAt`: the usual
 * batch, or what is owed by now when the job fell behind its rate (transactions slower than a
 * tenth of a second, on a busy broker), up to one second's worth. With a fixed batch a job whose
 * commits take 200 ms would keep to half its rate however long it ran.
 */
export function redriveBatchDue(
  sent: number,
  startedAt: number,
  now: number,
  ratePerSecond: number | null,
): number {
  const batch = redriveBatchSize(ratePerSecond);
  if (!ratePerSecond) return batch;
  const owed = Math.floor(((now - startedAt) / 1000) * ratePerSecond) - sent;
  return Math.max(batch, Math.min(owed, Math.max(batch, Math.floor(ratePerSecond))));
}
