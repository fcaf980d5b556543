import { copyRecord, type RawRecord } from '@/lib/kafka/records';
import type { DecodedMessage } from '@/lib/serde/types';
import type { CompiledFilter } from './compile-filter';
import type { Positions, ScanDirection } from './cursor';
import { UNKNOWN, evaluateFilter } from './evaluate-filter';
import { keyDiffersFrom, RecordFilterView } from './message-view';

/**
 * The scan at the heart of browse, search, export and tail: every partition ("lane") is read
 * in large chunks, several at once, ahead of the consumer (a pipeline: the next chunks are on
 * the wire while this one is filtered and decoded), and the matches of all lanes are merged by
 * timestamp (then partition, then offset); descending when scanning backwards.
 *
 * Filtering is staged: a filter is first evaluated on the raw record (key, headers, partition,
 * offset, timestamp), in three-valued logic; only records it cannot reject are decoded, and
 * only matches are serialised by the caller.
 *
 * Exactness: every lane keeps the position up to which it has been evaluated; when the scan
 * stops (limit, scan bound, cancel), a lane's position is its first evaluated-but-not-emitted
 * match, else its evaluated frontier. Everything before that position has been evaluated and
 * its matches emitted, so the next page starts there: nothing is skipped or repeated.
 *
 * The Kafka reads and the decoder are passed in, so this unit-tests without a broker.
 */

export interface LaneSpec {
  partition: number;
  /** Forward: the first offset to read. Backward: the offset to read before (exclusive). */
  start: bigint;
  /** Forward: the offset to stop before (exclusive). Backward: the lowest offset to read. */
  bound: bigint;
}

export interface ChunkRequest {
  partition: number;
  fromOffset: bigint;
  limit: number;
}

/**
 * Records of one read in offset order, by index. `at(i)` may answer with one view reused for
 * every index (the columns of records.ts), valid until the next `at`; `record(i)` is an object
 * of its own, which is what a match keeps. A plain array serves as a block too.
 */
export interface RecordBlock {
  readonly length: number;
  offset(i: number): bigint;
  timestamp(i: number): number;
  at(i: number): RawRecord;
  record(i: number): RawRecord;
  /**
   * Frees the block's bytes once all its records are evaluated (the matches kept are copied
   * first), so a long scan's memory follows what it holds, not what the garbage collector has
   * yet to find.
   */
  release?(): void;
}

export type ChunkReader = (
  request: ChunkRequest,
) => Promise<{ records: readonly RawRecord[] | RecordBlock; nextOffset: bigint }>;

/** An array of records as a block. */
function arrayBlock(records: readonly RawRecord[]): RecordBlock {
  return {
    length: records.length,
    offset: (i) => records[i]!.offset,
    timestamp: (i) => records[i]!.timestamp,
    at: (i) => records[i]!,
    record: (i) => records[i]!,
  };
}

function asBlock(records: readonly RawRecord[] | RecordBlock): RecordBlock {
  return Array.isArray(records) ? arrayBlock(records) : (records as RecordBlock);
}

/** The records [start, end) of a block that a lane has read and not yet evaluated. */
interface Pending {
  block: RecordBlock;
  start: number;
  end: number;
}

export interface ScanEngineOptions {
  topic: string;
  direction: ScanDirection;
  lanes: LaneSpec[];
  read: ChunkReader;
  /** Decodes one record; a plain value when no registry round trip is needed (the hot path). */
  decode: (record: RawRecord) => DecodedMessage | Promise<DecodedMessage>;
  /**
   * Decodes only what a filter on the value needs (cheaper: no key, headers or raw copies);
   * records that pass are decoded in full with `decode`. Defaults to `decode`.
   */
  decodeForFilter?: (
    record: RawRecord,
  ) => Pick<DecodedMessage, 'key' | 'value'> | Promise<Pick<DecodedMessage, 'key' | 'value'>>;
  filter: CompiledFilter | null;
  /** Stop after this many matches (not when counting). */
  limit: number;
  /**
   * Count the matches instead of yielding them: a match is neither decoded in full nor kept, so
   * no match step comes, and `matched` counts every match evaluated. `decodeForFilter` must then
   * give parts on which the filter's verdict is the whole message's (see capPartsDepth).
   */
  countOnly?: boolean;
  /** Stop after evaluating this many records. */
  maxScan: number;
  /** At most this many records per read (a read may return fewer: one fetch response). */
  chunkRecords: number;
  /** Reads a lane may have fetched ahead of evaluation (default 2). */
  prefetchChunks?: number;
  /** Reads in flight at once. */
  concurrency: number;
  signal?: AbortSignal;
  /** How often a progress step is yielded while scanning. */
  progressIntervalMs?: number;
}

export interface ScanMatch {
  type: 'match';
  record: RawRecord;
  message: DecodedMessage;
}

export interface ScanProgress {
  type: 'progress';
  scanned: number;
  matched: number;
  positions: Positions;
}

export interface ScanDone {
  type: 'done';
  reason: 'limit' | 'end' | 'cancelled';
  /** Which bound stopped a 'limit' scan. */
  limitedBy?: 'matches' | 'scan';
  scanned: number;
  matched: number;
  /** Where the next scan in the same direction continues. */
  positions: Positions;
  /** True when every partition was read to its bound. */
  exhausted: boolean;
}

export type ScanStep = ScanMatch | ScanProgress | ScanDone;

interface Buffered {
  record: RawRecord;
  message: DecodedMessage;
}

class Lane {
  readonly partition: number;
  readonly bound: bigint;
  /** Next offset to fetch (forward) or offset to fetch before (backward). */
  fetchNext: bigint;
  fetchDone = false;
  inflight: Promise<void> | null = null;
  /** Fetched, not yet evaluated, in scan order. */
  readonly raw: Pending[] = [];
  rawCount = 0;
  /**
   * Evaluated matches in scan order from `matchHead` on. An emitted slot is cleared at once: a
   * match holds its decoded message and, through its record, the bytes of its whole batch, so a
   * slot kept until the array is compacted kept most of a scan's reads alive.
   */
  readonly matches: (Buffered | undefined)[] = [];
  matchHead = 0;
  /** Position after (forward) or at (backward) the last evaluated record. */
  frontier: bigint;
  frontierTs: number | undefined;

  constructor(spec: LaneSpec) {
    this.partition = spec.partition;
    this.bound = spec.bound;
    this.fetchNext = spec.start;
    this.frontier = spec.start;
  }

  get buffered(): number {
    return this.matches.length - this.matchHead;
  }
  get evaluatedAll(): boolean {
    return this.fetchDone && this.inflight === null && this.raw.length === 0;
  }
  head(): Buffered | undefined {
    return this.matches[this.matchHead];
  }
  shiftMatch(): Buffered {
    const m = this.matches[this.matchHead]!;
    this.matches[this.matchHead++] = undefined;
    if (this.matchHead > 1024 && this.matchHead * 2 > this.matches.length) {
      this.matches.splice(0, this.matchHead);
      this.matchHead = 0;
    }
    return m;
  }
  /** Timestamp of the next record this lane would evaluate, or its best guess. */
  nextTimestamp(): number | undefined {
    const next = this.raw[0];
    return next ? next.block.timestamp(next.start) : this.frontierTs;
  }
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function* runScan(options: ScanEngineOptions): AsyncGenerator<ScanStep> {
  const forward = options.direction === 'forward';
  const lanes = options.lanes.map((spec) => new Lane(spec));
  for (const lane of lanes)
    if (forward ? lane.fetchNext >= lane.bound : lane.fetchNext <= lane.bound) lane.fetchDone = true;
  const filter = options.filter;
  const view = filter ? new RecordFilterView(options.topic) : undefined;
  const countOnly = options.countOnly ?? false;
  const limit = countOnly ? Infinity : options.limit;
  const interval = options.progressIntervalMs ?? 250;
  const chunk = Math.max(1, options.chunkRecords);
  const prefetch = Math.max(1, options.prefetchChunks ?? 2);
  let scanned = 0;
  let matched = 0;
  let inflight = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const onAbort = () => wakeUp();
  options.signal?.addEventListener('abort', onAbort);

  /** Position per lane: first buffered match, else the evaluated frontier (the bound once done). */
  const positions = (): Positions => {
    const out: Positions = new Map();
    for (const lane of lanes) {
      const head = lane.head();
      if (head) out.set(lane.partition, forward ? head.record.offset : head.record.offset + 1n);
      else if (lane.evaluatedAll) out.set(lane.partition, lane.bound);
      else out.set(lane.partition, lane.frontier);
    }
    return out;
  };

  const remaining = () => limit - matched;

  const readForward = async (lane: Lane) => {
    const from = lane.fetchNext;
    const span = lane.bound - from;
    const count = span < BigInt(chunk) ? Number(span) : chunk;
    const read = await options.read({
      partition: lane.partition,
      fromOffset: from,
      limit: count,
    });
    const block = asBlock(read.records);
    // Records come in offset order: those at or past the bound are at the end.
    let end = block.length;
    while (end > 0 && block.offset(end - 1) >= lane.bound) end--;
    const next = read.nextOffset > lane.bound ? lane.bound : read.nextOffset;
    // No progress means the readable end (high watermark or last stable offset) is before the bound.
    if (block.length === 0 && next <= from) lane.fetchDone = true;
    lane.fetchNext = next > from ? next : from;
    if (lane.fetchNext >= lane.bound) lane.fetchDone = true;
    if (end > 0) {
      lane.raw.push({ block, start: 0, end });
      lane.rawCount += end;
    }
  };

  /** A window [from, upper) below the lane's position, read whole (a read may return less than asked), then reversed. */
  const readBackward = async (lane: Lane) => {
    const upper = lane.fetchNext;
    const span = upper - lane.bound;
    const from = upper - (span < BigInt(chunk) ? span : BigInt(chunk));
    const window: RawRecord[] = [];
    for (let at = from; at < upper && !options.signal?.aborted;) {
      const { records, nextOffset } = await options.read({
        partition: lane.partition,
        fromOffset: at,
        limit: Number(upper - at),
      });
      // Kept whole (it is reversed below), so each record an object of its own.
      const block = asBlock(records);
      for (let i = 0; i < block.length; i++) if (block.offset(i) < upper) window.push(block.record(i));
      if (nextOffset <= at) break; // the readable end is below the window's end
      at = nextOffset;
    }
    if (options.signal?.aborted) return;
    lane.fetchNext = from;
    if (from <= lane.bound) lane.fetchDone = true;
    if (window.length) {
      window.reverse();
      lane.raw.push({ block: arrayBlock(window), start: 0, end: window.length });
      lane.rawCount += window.length;
    }
  };

  const fetchLane = (lane: Lane) => {
    inflight++;
    lane.inflight = (forward ? readForward(lane) : readBackward(lane))
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => {
        inflight--;
        lane.inflight = null;
        wakeUp();
      });
  };

  const schedule = () => {
    if (inflight >= options.concurrency) return;
    const candidates = lanes.filter(
      (l) => !l.fetchDone && l.inflight === null && l.raw.length < prefetch && l.buffered < remaining(),
    );
    // Lanes with the least fetched-ahead first, then the ones furthest behind in merge order.
    candidates.sort((a, b) => a.rawCount - b.rawCount || compareTs(a.nextTimestamp(), b.nextTimestamp()));
    for (const lane of candidates) {
      if (inflight >= options.concurrency) break;
      fetchLane(lane);
    }
  };

  /** -1 when a comes earlier in scan order; undefined timestamps (not known yet) come first. */
  const compareTs = (a: number | undefined, b: number | undefined) => {
    if (a === b) return 0;
    if (a === undefined) return -1;
    if (b === undefined) return 1;
    return forward ? a - b : b - a;
  };

  /** Is a before b in scan order (timestamp, partition, offset; reversed backwards)? */
  const before = (a: RawRecord, b: RawRecord) => {
    if (a.timestamp !== b.timestamp) return forward ? a.timestamp < b.timestamp : a.timestamp > b.timestamp;
    if (a.partition !== b.partition) return forward ? a.partition < b.partition : a.partition > b.partition;
    return forward ? a.offset < b.offset : a.offset > b.offset;
  };

  /** The lane whose buffered head match comes next in merge order, if no other lane may still precede it. */
  const emittable = (): Lane | undefined => {
    let best: Lane | undefined;
    for (const lane of lanes) {
      const head = lane.head();
      if (head && (!best || before(head.record, best.head()!.record))) best = lane;
    }
    if (!best) return undefined;
    const head = best.head()!.record;
    for (const lane of lanes) {
      if (lane === best || lane.buffered > 0 || lane.evaluatedAll) continue;
      const ts = lane.nextTimestamp();
      if (ts === undefined) return undefined;
      // The lane's next record is not known to come after the head: wait for it.
      if (
        forward
          ? ts < head.timestamp || (ts === head.timestamp && lane.partition < head.partition)
          : ts > head.timestamp || (ts === head.timestamp && lane.partition > head.partition)
      ) {
        return undefined;
      }
    }
    return best;
  };

  const evaluateChunk = async (lane: Lane) => {
    const pending = lane.raw.shift()!;
    const { block, start } = pending;
    let end = pending.end;
    const allowance = options.maxScan - scanned;
    const cut = end - start > allowance;
    if (cut) {
      lane.raw.unshift({ block, start: start + allowance, end });
      end = start + allowance;
    }
    lane.rawCount -= end - start;
    if (end === start) return;
    const kept = lane.matches.length;
    // Without a filter every record counts.
    if (countOnly && !filter) matched += end - start;
    else await evaluateRecords(lane, block, start, end);
    const lastOffset = block.offset(end - 1);
    lane.frontier = forward ? lastOffset + 1n : lastOffset;
    lane.frontierTs = block.timestamp(end - 1);
    scanned += end - start;
    if (!cut && block.release) {
      for (let m = kept; m < lane.matches.length; m++) {
        const match = lane.matches[m]!;
        match.record = copyRecord(match.record);
      }
      block.release();
    }
  };

  /**
   * Records [start, end) of a block through the filter: matches are kept, or counted. One record
   * at a time, so decoded values die young (a chunk of decoded values alive at once survives into
   * the old generation and makes garbage collection dominate). A decoder answers synchronously
   * once a schema is compiled; only the first record of a schema id waits. Records are looked at
   * through the block's reused view; a match keeps a record of its own.
   */
  const evaluateRecords = async (lane: Lane, block: RecordBlock, start: number, end: number) => {
    const forFilter = options.decodeForFilter;
    const keyEquals = filter?.keyEquals;
    for (let i = start; i < end; i++) {
      let record = block.at(i);
      let undecided = false;
      // `key == "<text>"`: most records are dropped on their key's bytes, before any text is made.
      if (keyEquals && keyDiffersFrom(record.key, keyEquals)) continue;
      if (filter && view) {
        const verdict = evaluateFilter(filter.node, view.reset(record));
        if (verdict === false) continue;
        undecided = verdict === UNKNOWN;
        if (undecided && forFilter) {
          let partial = forFilter(record);
          if (isPromise(partial)) partial = await partial;
          // A search decides a match again on the whole message below: the partial value may hold
          // only the fields the filter names, and a payload the full reader refuses must not
          // match. A count takes this verdict (its parts are capped as the whole message's are).
          if (evaluateFilter(filter.node, view.reset(record, partial)) !== true) continue;
        }
      }
      // A count of a match decided on the raw record or the partial value: nothing more to decode.
      if (countOnly && !(undecided && !forFilter)) {
        matched++;
        continue;
      }
      record = block.record(i);
      let message = options.decode(record);
      if (isPromise(message)) message = await message;
      if (undecided && filter && view && evaluateFilter(filter.node, view.reset(record, message)) !== true)
        continue;
      if (countOnly) matched++;
      else lane.matches.push({ record, message });
    }
  };

  /** The lane to evaluate next: the one furthest behind in merge order, among those that still need evaluating. */
  const pickLane = (): Lane | undefined => {
    let pick: Lane | undefined;
    for (const lane of lanes) {
      if (lane.raw.length === 0 || lane.buffered >= remaining()) continue;
      if (!pick || compareTs(lane.nextTimestamp(), pick.nextTimestamp()) < 0) pick = lane;
    }
    return pick;
  };

  let lastProgress = Date.now();
  const progress = (): ScanProgress => {
    lastProgress = Date.now();
    return { type: 'progress', scanned, matched, positions: positions() };
  };

  try {
    for (;;) {
      if (options.signal?.aborted) {
        yield {
          type: 'done',
          reason: 'cancelled',
          scanned,
          matched,
          positions: positions(),
          exhausted: false,
        };
        return;
      }
      if (failure !== undefined) throw failure;
      schedule();

      for (let lane = emittable(); lane && matched < limit; lane = emittable()) {
        const m = lane.shiftMatch();
        matched++;
        yield { type: 'match', record: m.record, message: m.message };
        if (options.signal?.aborted) break;
      }
      if (options.signal?.aborted) continue;
      if (matched >= limit) {
        yield {
          type: 'done',
          reason: 'limit',
          limitedBy: 'matches',
          scanned,
          matched,
          positions: positions(),
          exhausted: false,
        };
        return;
      }
      const allDone = lanes.every((l) => l.evaluatedAll);
      if (allDone && lanes.every((l) => l.buffered === 0)) {
        yield { type: 'done', reason: 'end', scanned, matched, positions: positions(), exhausted: true };
        return;
      }
      if (scanned >= options.maxScan) {
        yield {
          type: 'done',
          reason: 'limit',
          limitedBy: 'scan',
          scanned,
          matched,
          positions: positions(),
          exhausted: false,
        };
        return;
      }

      const lane = pickLane();
      if (lane) {
        await evaluateChunk(lane);
      } else if (allDone) {
        // Only buffered matches are left and none can be emitted: cannot happen, every lane is done.
        throw new Error('scan stalled with buffered matches');
      } else {
        const waited = new Promise<void>((resolve) => (wake = resolve));
        await Promise.race([waited, sleep(Math.max(1, interval - (Date.now() - lastProgress)))]);
        wake = undefined;
      }
      if (Date.now() - lastProgress >= interval) yield progress();
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    // Let reads in flight settle so nothing keeps writing into this scan's buffers.
    await Promise.allSettled(lanes.map((l) => l.inflight).filter((p): p is Promise<void> => p !== null));
  }
}
