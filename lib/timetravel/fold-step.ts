import type { ReplayStep, Upcast } from '@/lib/schemas/timetravel';
import { foldErrorMessage, type Folder } from './fold';
import { diffStates, type State } from './state-diff';

/** One event of an aggregate, decoded, as the replay folds it. */
export interface AggregateEvent {
  partition: number;
  offset: bigint;
  timestamp: number;
  key: string | null;
  headers: Record<string, string | null>;
  eventType: string | null;
  schema: { id: number; subject: string | null; version: number | null } | null;
  /** The value as written (writer schema). */
  value: unknown;
  upcast: Upcast;
  /** Why the value could not be decoded; the step then fails. */
  decodeError: string | null;
  /** What the fold reads: the value resolved to the latest reader schema when there is one. */
  foldInput: unknown;
}

/**
 * Applies one event: the next state, or the error (an undecodable event, a failing fold), in
 * which case the state stays as it was and the replay goes on. No diff: a replay folds every
 * event but shows the changes of the steps looked at only.
 */
export async function applyEvent(
  state: State,
  event: AggregateEvent,
  folder: Folder,
): Promise<{ state: State; error: string | null }> {
  if (event.decodeError !== null)
    return { state, error: `the event could not be decoded: ${event.decodeError}` };
  try {
    const next = await folder.apply(state, event.foldInput, {
      eventType: event.eventType,
      key: event.key,
      partition: event.partition,
      offset: event.offset.toString(),
      timestamp: event.timestamp,
      headers: event.headers,
    });
    return { state: next, error: null };
  } catch (e) {
    return { state, error: foldErrorMessage(e) };
  }
}

/**
 * Folds one event: the next state, and the step to show (changes before → after, or the error,
 * in which case the state stays as it was and the replay goes on).
 */
export async function foldStep(
  state: State,
  event: AggregateEvent,
  folder: Folder,
  index: number,
): Promise<{ state: State; step: ReplayStep }> {
  const { state: next, error } = await applyEvent(state, event, folder);
  return {
    state: next,
    step: {
      index,
      partition: event.partition,
      offset: event.offset.toString(),
      timestamp: event.timestamp,
      eventType: event.eventType,
      schema: event.schema,
      value: event.value,
      upcast: event.upcast,
      decodeError: event.decodeError,
      changes: error === null ? diffStates(state, next) : [],
      error,
    },
  };
}
