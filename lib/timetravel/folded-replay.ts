import { copyRecord, type RawRecord } from '@/lib/kafka/records';
import type { ReplayPage, ReplayTimeline } from '@/lib/schemas/timetravel';
import type { Folder } from './fold';
import { applyEvent, foldStep, type AggregateEvent } from './fold-step';
import type { State } from './state-diff';
import { TimelineBuilder } from './timeline';

/**
 * A replay folded once and kept for the pages the browser asks for as the user moves: the
 * timeline, the records as read (compact copies, a few hundred bytes each) and the state every
 * CHECKPOINT_EVERY steps. A page is the fold again from the checkpoint before it, decoding only
 * those records, so any page costs at most CHECKPOINT_EVERY + page size steps, and a 10,000-event
 * replay is kept in about 3 MB rather than 10,000 states and their diffs.
 */

const CHECKPOINT_EVERY = 32;
/** What a kept record costs beyond its bytes (the object and the views into its one buffer), roughly. */
const RECORD_OVERHEAD = 240;
/** A timeline row on the server (four array slots and their values), roughly. */
const TIMELINE_ROW = 48;

export type DecodeRecord = (record: RawRecord) => Promise<AggregateEvent>;

export interface FoldedReplay {
  timeline: ReplayTimeline;
  steps: number;
  failed: number;
  finalState: State;
  /** What keeping it costs, for the cache's bound (estimated for objects, exact for bytes and text). */
  bytes: number;
  /** Steps `from` … `from + count - 1` (as many as there are), with their changes and the state before them. */
  page(from: number, count: number): Promise<ReplayPage>;
  /** A folder that goes on from the last step, for events appended since (this replay stays as it is). */
  resume(): ReplayFolder;
}

function recordBytes(r: RawRecord): number {
  let size = RECORD_OVERHEAD + (r.key?.length ?? 0) + (r.value?.length ?? 0);
  for (const h of r.headers) size += h.key.length + (h.value?.length ?? 0) + 32;
  return size;
}

/** Folds events one by one (no diffs), keeping what pages need; `finish` hands the replay over. */
export class ReplayFolder {
  readonly #folder: Folder;
  readonly #decode: DecodeRecord;
  #state: State;
  #timeline = new TimelineBuilder();
  #records: RawRecord[] = [];
  #checkpoints: string[] = [];
  #failed = 0;
  #bytes = 0;

  constructor(initialState: State, folder: Folder, decode: DecodeRecord) {
    this.#state = initialState;
    this.#folder = folder;
    this.#decode = decode;
  }

  static #resumed(
    from: { state: State; timeline: ReplayTimeline; records: RawRecord[]; checkpoints: string[] },
    counts: { failed: number; bytes: number },
    folder: Folder,
    decode: DecodeRecord,
  ): ReplayFolder {
    const next = new ReplayFolder(from.state, folder, decode);
    next.#timeline = TimelineBuilder.from(from.timeline);
    next.#records = [...from.records];
    next.#checkpoints = [...from.checkpoints];
    next.#failed = counts.failed;
    next.#bytes = counts.bytes;
    return next;
  }

  get length(): number {
    return this.#records.length;
  }

  async add(event: AggregateEvent, record: RawRecord): Promise<void> {
    const index = this.#records.length;
    if (index % CHECKPOINT_EVERY === 0) {
      const json = JSON.stringify(this.#state);
      this.#checkpoints.push(json);
      this.#bytes += json.length;
    }
    const { state, error } = await applyEvent(this.#state, event, this.#folder);
    this.#state = state;
    if (error !== null) this.#failed++;
    this.#timeline.add({
      partition: event.partition,
      offset: event.offset.toString(),
      timestamp: event.timestamp,
      eventType: event.eventType,
      schemaId: event.schema?.id ?? null,
      schemaVersion: event.schema?.version ?? null,
      upcast: event.upcast.status,
      readerVersion: event.upcast.status === 'resolved' ? event.upcast.reader.version : null,
      failed: error !== null,
    });
    // A record that owns its bytes: the Fetch response it came from can be freed.
    const copy = copyRecord(record);
    this.#records.push(copy);
    this.#bytes += recordBytes(copy) + TIMELINE_ROW;
  }

  finish(): FoldedReplay {
    const records = this.#records;
    const checkpoints = this.#checkpoints;
    const folder = this.#folder;
    const decode = this.#decode;
    const finalState = this.#state;
    const finalJson = JSON.stringify(finalState);
    const timeline = this.#timeline.build();
    const failed = this.#failed;
    const bytes = this.#bytes;
    return {
      timeline,
      steps: records.length,
      failed,
      finalState,
      bytes: bytes + finalJson.length,
      resume: () =>
        ReplayFolder.#resumed(
          { state: finalState, timeline, records, checkpoints },
          { failed, bytes },
          folder,
          decode,
        ),
      async page(from, count) {
        const start = Math.max(0, Math.min(from, records.length));
        const end = Math.min(records.length, start + Math.max(0, count));
        const checkpoint = Math.floor(Math.min(start, Math.max(0, records.length - 1)) / CHECKPOINT_EVERY);
        // No events: the state before the first is the initial one.
        let state: State = JSON.parse(checkpoints[checkpoint] ?? finalJson) as State;
        for (let i = checkpoint * CHECKPOINT_EVERY; i < start; i++)
          state = (await applyEvent(state, await decode(records[i]!), folder)).state;
        const before = state;
        const steps = [];
        for (let i = start; i < end; i++) {
          const folded = await foldStep(state, await decode(records[i]!), folder, i);
          state = folded.state;
          steps.push(folded.step);
        }
        return { from: start, before, steps };
      },
    };
  }
}
