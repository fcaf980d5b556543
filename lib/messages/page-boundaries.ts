import { encodeCursor, type Positions, type ScanDirection } from './cursor';

/** What a page needs to know of the scan behind it. */
export interface PagedScan {
  direction: ScanDirection;
  /** Where the scan started (forward: first offsets; backward: exclusive ends). */
  from: Positions;
  /** With a forward cursor that remembers where the page before it started. */
  back: Positions | undefined;
  watermarks: readonly { partition: number; low: bigint; high: bigint }[];
}

export interface PageBoundaries {
  nextCursor: string | null;
  prevCursor: string | null;
  atStart: boolean;
  atEnd: boolean;
  /** [from, to) per partition. */
  pageFrom: Positions;
  pageTo: Positions;
}

/**
 * Cursors for the neighbours of a page that was scanned from `plan.from` and stopped at
 * `stoppedAt`. Next is always a forward cursor that remembers where this page started, so
 * Next-then-Previous returns the same page; Previous is a backward cursor otherwise.
 */
export function pageBoundaries(plan: PagedScan, stoppedAt: Positions, exhausted: boolean): PageBoundaries {
  const forward = plan.direction === 'forward';
  const pageFrom = forward ? plan.from : stoppedAt;
  const pageTo = forward ? stoppedAt : plan.from;
  const lows = new Map(plan.watermarks.map((w) => [w.partition, w.low]));
  const highs = new Map(plan.watermarks.map((w) => [w.partition, w.high]));
  const atStart = forward ? [...pageFrom].every(([p, o]) => o <= lows.get(p)!) : exhausted;
  const atEnd = forward ? exhausted : [...pageTo].every(([p, o]) => o >= highs.get(p)!);
  const nextCursor = encodeCursor({ direction: 'forward', positions: pageTo, back: pageFrom });
  let prevCursor: string | null = null;
  if (!atStart) {
    prevCursor =
      forward && plan.back
        ? encodeCursor({ direction: 'forward', positions: plan.back })
        : encodeCursor({ direction: 'backward', positions: pageFrom });
  }
  return { nextCursor, prevCursor, atStart, atEnd, pageFrom, pageTo };
}
