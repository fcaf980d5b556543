import type { IndexedEvent } from './store';

/** Offsets closer than this are read in one range: a few unwanted records cost less than a Fetch. */
export const COALESCE_GAP = 64n;

export interface OffsetRange {
  partition: number;
  from: bigint;
  /** Exclusive. */
  end: bigint;
  offsets: Set<bigint>;
}

/** Sorted offsets of one partition as few ranges as the gap allows. */
export function coalesce(events: IndexedEvent[], gap = COALESCE_GAP): OffsetRange[] {
  const out: OffsetRange[] = [];
  let current: OffsetRange | undefined;
  for (const e of events) {
    if (current && current.partition === e.partition && e.offset - (current.end - 1n) <= gap) {
      current.end = e.offset + 1n;
      current.offsets.add(e.offset);
    } else {
      current = { partition: e.partition, from: e.offset, end: e.offset + 1n, offsets: new Set([e.offset]) };
      out.push(current);
    }
  }
  return out;
}
