'use client';
import type { PartitionRange, SearchDoneEvent, SearchEvent } from '@/lib/schemas/messages';
import type { DecodedMessage } from '@/lib/serde/types';
import { useEventStream, type StreamStatus } from '../use-event-stream';

/**
 * A filtered search or a live tail of one topic, streamed: the matches so far, the scan's phase
 * and progress, and how it ended. `keep` bounds the rows held (the newest are kept).
 */

export interface MessageStreamData {
  phase: string | null;
  direction: 'forward' | 'backward';
  messages: DecodedMessage[];
  partitions: PartitionRange[];
  total: number;
  scanned: number;
  matched: number;
  ratePerSec: number;
  done: SearchDoneEvent | null;
}

const initial: MessageStreamData = {
  phase: null,
  direction: 'forward',
  messages: [],
  partitions: [],
  total: 0,
  scanned: 0,
  matched: 0,
  ratePerSec: 0,
  done: null,
};

function reducer(keep: number) {
  return (data: MessageStreamData, events: SearchEvent[]): MessageStreamData => {
    let next = data;
    const added: DecodedMessage[] = [];
    for (const e of events) {
      if (e.type === 'message') added.push(e.message);
      else if (e.type === 'phase')
        next = {
          ...next,
          phase: e.message,
          direction: e.direction ?? next.direction,
          total: e.total ?? next.total,
          partitions: e.partitions ?? next.partitions,
        };
      else if (e.type === 'progress')
        next = { ...next, scanned: e.scanned, total: e.total, matched: e.matched, ratePerSec: e.ratePerSec };
      else if (e.type === 'done')
        next = {
          ...next,
          done: e,
          scanned: e.scanned,
          total: e.total,
          matched: e.matched,
          ratePerSec: e.ratePerSec,
        };
    }
    if (added.length) {
      const all = next.messages.concat(added);
      next = {
        ...next,
        messages: all.length > keep ? all.slice(all.length - keep) : all,
        matched: Math.max(next.matched, next.messages.length + added.length),
      };
    }
    return next;
  };
}

// One reducer per bound, made once: the stream hook restarts nothing when they are stable.
const reducers = new Map<number, ReturnType<typeof reducer>>();

export function useMessageStream(url: string | null, keep = 10_000) {
  let reduce = reducers.get(keep);
  if (!reduce) reducers.set(keep, (reduce = reducer(keep)));
  const stream = useEventStream<SearchEvent, MessageStreamData>(url, { initial, reduce });
  // The server ends a scan it was asked to stop with a "done" that says so.
  const status: StreamStatus = stream.data.done?.reason === 'cancelled' ? 'cancelled' : stream.status;
  return { ...stream, status };
}
