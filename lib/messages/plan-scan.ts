import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { readWatermarks, type PartitionWatermarks } from '@/lib/kafka/reader';
import { AppError } from '@/lib/errors/app-error';
import { crc32PartitionForKey } from '@/lib/kafka/crc32-partitioner';
import { partitionForKey } from '@/lib/kafka/murmur2';
import type { PartitionRange } from '@/lib/schemas/messages';
import type { ParsedMessageQuery } from './message-query';
import { CursorError, decodeCursor, type MessageCursor, type Positions, type ScanDirection } from './cursor';
import type { LaneSpec } from './scan-engine';

/**
 * Turns "where to start" (earliest, latest, an offset, a time, or a cursor) into per-partition
 * lanes for the scan engine, against the topic's current watermarks. Out-of-range offsets,
 * unknown partitions and foreign cursors are refused in words.
 */

export interface ScanPlan {
  topic: string;
  direction: ScanDirection;
  lanes: LaneSpec[];
  /** Start positions of the scan (forward: first offsets; backward: exclusive ends). */
  from: Positions;
  /** With a forward cursor that knows where the page before it started. */
  back: Positions | undefined;
  watermarks: PartitionWatermarks[];
  /** Records (offsets) in the range to scan. */
  total: number;
  /** Set when an exact key narrowed the scan to the partition its producer's partitioner chose. */
  keyPartition?: { partition: number; partitioner: 'murmur2' | 'crc32'; stream: string };
}

/**
 * The one partition that can hold an exact key, when the topic is an event stream keyed by
 * aggregate id with a known partitioner (the rule time travel and produce follow). A cursor
 * already names its partitions, and a chosen partition is the user's.
 */
function keyPartitionOf(
  cluster: ClusterConfig,
  topic: string,
  query: ParsedMessageQuery,
  partitionCount: number,
): ScanPlan['keyPartition'] {
  const key = query.filterSpec.key;
  if (!key || key.match !== 'exact' || query.partition !== 'all' || query.cursor) return undefined;
  const stream = cluster.streams?.find(
    (s) => s.topic === topic && s.aggregateIdFrom === 'key' && s.partitioner !== 'scan-all',
  );
  if (!stream || stream.partitioner === 'scan-all' || partitionCount < 1) return undefined;
  const partition =
    stream.partitioner === 'murmur2'
      ? partitionForKey(key.value, partitionCount)
      : crc32PartitionForKey(key.value, partitionCount);
  return { partition, partitioner: stream.partitioner, stream: stream.id };
}

const clamp = (v: bigint, low: bigint, high: bigint) => (v < low ? low : v > high ? high : v);

function partitionList(watermarks: PartitionWatermarks[]): string {
  return watermarks.length === 1 ? 'partition 0' : `partitions 0 to ${watermarks.length - 1}`;
}

function checkPartition(
  topic: string,
  watermarks: PartitionWatermarks[],
  partition: number,
): PartitionWatermarks {
  const w = watermarks[partition];
  if (!w)
    throw new AppError(
      'UNKNOWN_PARTITION',
      `topic "${topic}" has no partition ${partition}; it has ${partitionList(watermarks)}`,
    );
  return w;
}

export function rangesOf(watermarks: PartitionWatermarks[]): PartitionRange[] {
  return watermarks.map((w) => ({ partition: w.partition, low: w.low.toString(), high: w.high.toString() }));
}

export async function planScan(
  cluster: ClusterConfig,
  topic: string,
  query: ParsedMessageQuery,
): Promise<ScanPlan> {
  // A start by time is looked up in the same ListOffsets round as the watermarks.
  const at = !query.cursor && query.timestamp !== undefined ? query.timestamp : undefined;
  const watermarks = await readWatermarks(cluster, topic, { at });
  let cursor: MessageCursor | undefined;
  if (query.cursor) {
    try {
      cursor = decodeCursor(query.cursor);
    } catch (error) {
      if (error instanceof CursorError) throw new AppError('BAD_REQUEST', `invalid cursor: ${error.message}`);
      throw error;
    }
  }

  let direction: ScanDirection = 'forward';
  let keyPartition: ScanPlan['keyPartition'];
  const from: Positions = new Map();
  let back: Positions | undefined;

  if (cursor) {
    direction = cursor.direction;
    for (const [partition, offset] of cursor.positions) {
      const w = checkPartition(topic, watermarks, partition);
      // Records may have been deleted (retention) or the cursor may be from before a truncation.
      from.set(partition, clamp(offset, w.low, w.high));
    }
    if (cursor.back) {
      back = new Map();
      for (const [partition, offset] of cursor.back) {
        const w = checkPartition(topic, watermarks, partition);
        back.set(partition, clamp(offset, w.low, w.high));
      }
    }
  } else {
    const keyed = keyPartitionOf(cluster, topic, query, watermarks.length);
    keyPartition = keyed;
    const selected = keyed
      ? [checkPartition(topic, watermarks, keyed.partition)]
      : query.partition === 'all'
        ? watermarks
        : [checkPartition(topic, watermarks, query.partition)];
    const mode =
      query.start ??
      (query.offset !== undefined ? 'offset' : query.timestamp !== undefined ? 'timestamp' : 'latest');
    switch (mode) {
      case 'earliest':
        for (const w of selected) from.set(w.partition, w.low);
        break;
      case 'latest':
        direction = 'backward';
        for (const w of selected) from.set(w.partition, w.high);
        break;
      case 'offset': {
        if (query.offset === undefined) throw new AppError('BAD_REQUEST', 'start=offset needs an offset');
        const offset = query.offset;
        if (query.partition !== 'all') {
          const w = selected[0]!;
          if (offset < w.low || offset > w.high) {
            const held =
              w.high > w.low ? `offsets ${w.low} to ${w.high - 1n}` : `no records (next offset ${w.high})`;
            throw new AppError(
              'OFFSET_OUT_OF_RANGE',
              `offset ${offset} is outside ${topic}/${w.partition}, which holds ${held}`,
            );
          }
          from.set(w.partition, offset);
        } else {
          if (selected.every((w) => offset > w.high)) {
            const max = selected.reduce((m, w) => (w.high > m ? w.high : m), 0n);
            throw new AppError(
              'OFFSET_OUT_OF_RANGE',
              `offset ${offset} is beyond the end of every partition of ${topic} (the highest end is ${max})`,
            );
          }
          for (const w of selected) from.set(w.partition, clamp(offset, w.low, w.high));
        }
        break;
      }
      case 'timestamp': {
        if (query.timestamp === undefined)
          throw new AppError('BAD_REQUEST', 'start=timestamp needs a timestamp');
        for (const w of selected) {
          const offset = w.atTimestamp;
          // No record at or after that time: start at the end, so the page is empty but Previous works.
          from.set(
            w.partition,
            offset === undefined || offset === null ? w.high : clamp(offset, w.low, w.high),
          );
        }
        break;
      }
    }
  }

  const lanes: LaneSpec[] = [];
  let total = 0;
  for (const [partition, start] of [...from.entries()].sort((a, b) => a[0] - b[0])) {
    const w = watermarks[partition]!;
    const bound = direction === 'forward' ? w.high : w.low;
    lanes.push({ partition, start, bound });
    total += Number(direction === 'forward' ? bound - start : start - bound);
  }
  return { topic, direction, lanes, from, back, watermarks, total, keyPartition };
}
