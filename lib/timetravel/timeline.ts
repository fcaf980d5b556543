import type { ReplayTimeline, TimelineKind, Upcast } from '@/lib/schemas/timetravel';

/**
 * The timeline of a replay: one row per event (partition, offset, time, type, schema versions,
 * whether its step failed), sent to the browser first and whole, so the scrubber, the chart and
 * the table work at once, while the states and diffs of steps travel a page at a time.
 *
 * On the wire it is columns, and what repeats from event to event (type, schema, upcast) is one
 * row of a small `kinds` table: about 30 bytes an event instead of the 1.8 kB of a full step.
 * Pure, shared by server (TimelineBuilder) and browser (expandTimeline).
 */

/** Steps per page of states and diffs: what the first answer carries and the browser asks for. */
export const REPLAY_PAGE_SIZE = 50;

export interface TimelineRow {
  /** 0-based position in this replay. */
  index: number;
  partition: number;
  offset: string;
  timestamp: number;
  eventType: string | null;
  schemaId: number | null;
  schemaVersion: number | null;
  upcast: Upcast['status'];
  /** The latest reader schema's version when the event was resolved to it. */
  readerVersion: number | null;
  /** The step failed (undecodable event or fold error); the replay went on from the state before it. */
  failed: boolean;
}

/** One text per distinct kind: the event type quoted (it may hold any character), the rest numbers or names. */
function kindKey(kind: TimelineKind): string {
  return `${kind.eventType === null ? '-' : JSON.stringify(kind.eventType)} ${kind.schemaId} ${kind.schemaVersion} ${kind.upcast} ${kind.readerVersion}`;
}

export class TimelineBuilder {
  #timeline: ReplayTimeline = { partition: [], offset: [], timestamp: [], kind: [], kinds: [], failed: [] };
  #kindIds = new Map<string, number>();

  /** A builder that goes on from a timeline built before (which stays as it is). */
  static from(t: ReplayTimeline): TimelineBuilder {
    const builder = new TimelineBuilder();
    builder.#timeline = {
      partition: [...t.partition],
      offset: [...t.offset],
      timestamp: [...t.timestamp],
      kind: [...t.kind],
      kinds: [...t.kinds],
      failed: [...t.failed],
    };
    t.kinds.forEach((kind, id) => builder.#kindIds.set(kindKey(kind), id));
    return builder;
  }

  add(row: Omit<TimelineRow, 'index'>): void {
    // Called once per event: the key is built without an object or JSON of the whole kind.
    const k = kindKey(row);
    let id = this.#kindIds.get(k);
    if (id === undefined) {
      id = this.#timeline.kinds.length;
      this.#kindIds.set(k, id);
      this.#timeline.kinds.push({
        eventType: row.eventType,
        schemaId: row.schemaId,
        schemaVersion: row.schemaVersion,
        upcast: row.upcast,
        readerVersion: row.readerVersion,
      });
    }
    const t = this.#timeline;
    if (row.failed) t.failed.push(t.offset.length);
    t.partition.push(row.partition);
    t.offset.push(row.offset);
    t.timestamp.push(row.timestamp);
    t.kind.push(id);
  }

  get length(): number {
    return this.#timeline.offset.length;
  }

  build(): ReplayTimeline {
    return this.#timeline;
  }
}

/** The rows of a timeline as it came over the wire. */
export function expandTimeline(t: ReplayTimeline): TimelineRow[] {
  const failed = new Set(t.failed);
  return t.offset.map((offset, index) => ({
    index,
    partition: t.partition[index]!,
    offset,
    timestamp: t.timestamp[index]!,
    ...t.kinds[t.kind[index]!]!,
    failed: failed.has(index),
  }));
}

/** The page that holds a position (-1, before the first event, is in the first). */
export function pageOf(position: number, pageSize = REPLAY_PAGE_SIZE): number {
  return Math.floor(Math.max(0, position) / pageSize);
}
