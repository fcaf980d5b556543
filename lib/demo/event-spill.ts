import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MinHeap } from './min-heap';

/**
 * Events that wait for their time, released in order, without holding them all: a large demo
 * has many orders open at once (its six weeks are the same at every size, so the orders open at
 * a moment grow with the size), and their later events wait. Events of the next time slice wait
 * in a heap; later ones are written, as JSON lines, to a file per time slice in a temporary
 * directory and read back when their slice comes. Slices are sized to hold about
 * EVENTS_PER_SLICE events, so the heap and the buffered lines stay the same size at any size.
 */
export const EVENTS_PER_SLICE = 20_000;
/** Buffered lines of all slices together; past this, they are appended to their files. */
const BUFFERED_LINES = 16_000;

export interface TimedEvent {
  occurredAt: number;
}

export class EventSpill<T extends TimedEvent> {
  private readonly near: MinHeap<T>;
  private readonly buffers = new Map<number, string[]>();
  private buffered = 0;
  private readonly width: number;
  /** Slices up to this one are in the heap; later ones in buffers and files. */
  private loaded: number;
  private lastSlice = -1;
  private dir: string | undefined;
  private readonly flushAt: number;
  /** Events written to files so far. */
  spilled = 0;

  private readonly start: number;

  /** Events fall between `start` and `start + span`, `events` of them in all. */
  constructor(
    compare: (a: T, b: T) => number,
    options: { start: number; span: number; events: number; eventsPerSlice?: number },
  ) {
    this.near = new MinHeap(compare);
    this.start = options.start;
    const perSlice = options.eventsPerSlice ?? EVENTS_PER_SLICE;
    this.width = Math.max(1_000, Math.floor((options.span * perSlice) / Math.max(1, options.events)));
    this.loaded = 0;
    this.flushAt = Math.min(BUFFERED_LINES, perSlice);
  }

  private sliceOf(time: number): number {
    return Math.max(0, Math.floor((time - this.start) / this.width));
  }

  add(event: T): void {
    const slice = this.sliceOf(event.occurredAt);
    if (slice <= this.loaded) {
      this.near.push(event);
      return;
    }
    this.lastSlice = Math.max(this.lastSlice, slice);
    let lines = this.buffers.get(slice);
    if (!lines) this.buffers.set(slice, (lines = []));
    lines.push(JSON.stringify(event));
    if (++this.buffered >= this.flushAt) this.flush();
  }

  /** Every event earlier than `time`, in order: the caller knows no earlier one will be added. */
  *releaseBefore(time: number): Generator<T> {
    const until = Number.isFinite(time) ? this.sliceOf(time) : this.lastSlice;
    while (this.loaded < until) {
      this.load(++this.loaded);
      // What is before the slice just loaded is final.
      yield* this.popBefore(Math.min(time, this.start + this.loaded * this.width));
    }
    yield* this.popBefore(time);
  }

  /** The directory of the files while there are any. */
  get directory(): string | undefined {
    return this.dir;
  }

  /** Removes the temporary files; the spill is not used after. */
  close(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  private *popBefore(time: number): Generator<T> {
    while (this.near.size > 0 && this.near.peek()!.occurredAt < time) yield this.near.pop()!;
  }

  private file(slice: number): string {
    this.dir ??= mkdtempSync(path.join(os.tmpdir(), 'demo-events-'));
    return path.join(this.dir, `${slice}.ndjson`);
  }

  private flush(): void {
    for (const [slice, lines] of this.buffers) {
      appendFileSync(this.file(slice), `${lines.join('\n')}\n`);
      this.spilled += lines.length;
    }
    this.buffers.clear();
    this.buffered = 0;
  }

  private load(slice: number): void {
    const lines = this.buffers.get(slice) ?? [];
    this.buffers.delete(slice);
    this.buffered -= lines.length;
    if (this.dir) {
      const file = path.join(this.dir, `${slice}.ndjson`);
      if (existsSync(file)) {
        for (const line of readFileSync(file, 'utf8').split('\n'))
          if (line) this.near.push(JSON.parse(line) as T);
        unlinkSync(file);
      }
    }
    for (const line of lines) this.near.push(JSON.parse(line) as T);
  }
}
