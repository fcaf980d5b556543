import type { ClusterConfig } from '@/lib/config/schema';
import type { RawRecord } from '@/lib/kafka/records';
import { fetchRecordColumns, type ColumnChunk } from '@/lib/kafka/reader';

/**
 * The records at given offsets of one partition, in offset order, read with as few bytes and
 * round trips as the batches allow:
 *
 * - The first Fetch (a small one) tells how many bytes an offset takes in this partition.
 * - The offsets left are cut into ranges: wanted offsets closer than GAP_BYTES share a range (one
 *   Fetch reads through the gap rather than paying a round trip for it); a range holds at most
 *   RANGE_BYTES. Each range is one Fetch of about its own size (the broker returns at least the
 *   whole batch of its first offset whatever the size asked), continued if it fell short.
 * - Up to IN_FLIGHT ranges are fetched at once, and their records are handed on in offset order.
 * - A response stays columns (records.ts): only the wanted records become objects, so an aggregate
 *   with an event in every batch does not make one for each of the partition's records.
 *
 * So an aggregate dense in its partition reads the partition in large Fetches, and a sparse one
 * reads the batches that hold its events and not what lies between them.
 */

const FIRST_BYTES = 256 * 1024;
const GAP_BYTES = 64 * 1024;
const RANGE_BYTES = 1024 * 1024;
const MIN_FETCH_BYTES = 16 * 1024;
const IN_FLIGHT = 4;

interface Range {
  offsets: bigint[];
}

/** Cuts sorted offsets into ranges by their distance in (estimated) bytes. */
export function planRanges(offsets: readonly bigint[], bytesPerOffset: number): Range[] {
  const ranges: Range[] = [];
  let current: bigint[] = [];
  for (const offset of offsets) {
    const first = current[0];
    const last = current.at(-1);
    if (
      first !== undefined &&
      last !== undefined &&
      (Number(offset - last) * bytesPerOffset > GAP_BYTES ||
        Number(offset - first) * bytesPerOffset > RANGE_BYTES)
    ) {
      ranges.push({ offsets: current });
      current = [];
    }
    current.push(offset);
  }
  if (current.length) ranges.push({ offsets: current });
  return ranges;
}

export async function* readOffsets(
  cluster: ClusterConfig,
  options: { topic: string; partition: number; offsets: bigint[]; signal?: AbortSignal },
): AsyncGenerator<RawRecord> {
  const { topic, partition, signal } = options;
  const offsets = options.offsets;
  if (offsets.length === 0) return;
  const fetch = (fromOffset: bigint, maxBytes: number): Promise<ColumnChunk> =>
    fetchRecordColumns(cluster, { topic, partition, fromOffset, maxBytes });

  /** The wanted records of `wanted` (sorted), fetching from its first until past its last. */
  async function readRange(wanted: bigint[], bytesPerOffset: number, first?: ColumnChunk) {
    // Offsets as numbers (exact below 2^53), compared without making a BigInt per record.
    const want = new Set(wanted.map(Number));
    const out: RawRecord[] = [];
    let i = 0;
    let chunk = first;
    while (i < wanted.length && !signal?.aborted) {
      const from = wanted[i]!;
      if (!chunk) {
        const span = Number(wanted.at(-1)! - from + 1n);
        chunk = await fetch(from, Math.max(MIN_FETCH_BYTES, Math.ceil(span * bytesPerOffset)));
      }
      const columns = chunk.columns;
      const fromNumber = Number(from);
      for (let r = 0; r < columns.length; r++) {
        const offset = columns.offsetNumber(r);
        if (offset >= fromNumber && want.has(offset)) out.push(columns.record(r));
      }
      // No progress (the end of what is readable): the offsets left are not there to read.
      if (chunk.nextOffset <= from) break;
      while (i < wanted.length && wanted[i]! < chunk.nextOffset) i++;
      chunk = undefined;
    }
    return out;
  }

  const head = await fetch(offsets[0]!, FIRST_BYTES);
  const covered = Number(head.nextOffset - offsets[0]!);
  // What an offset costs here, from how far the first Fetch got (whole batches up to its size).
  const bytesPerOffset = covered > 0 ? FIRST_BYTES / covered : FIRST_BYTES;
  let start = 0;
  while (start < offsets.length && offsets[start]! < head.nextOffset) start++;
  yield* await readRange(offsets.slice(0, start), bytesPerOffset, head);
  if (head.nextOffset <= offsets[0]!) return;

  const ranges = planRanges(offsets.slice(start), bytesPerOffset);
  const pending: Promise<RawRecord[]>[] = [];
  let next = 0;
  const launch = () => {
    while (pending.length < IN_FLIGHT && next < ranges.length && !signal?.aborted) {
      const read = readRange(ranges[next++]!.offsets, bytesPerOffset);
      // Awaited in order below; until then a failure must not count as unhandled.
      read.catch(() => undefined);
      pending.push(read);
    }
  };
  launch();
  while (pending.length && !signal?.aborted) {
    const records = await pending.shift()!;
    launch();
    yield* records;
  }
  // Settle what is still in flight after an abort, so no rejection goes unhandled.
  await Promise.allSettled(pending);
}
