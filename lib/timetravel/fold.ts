import { applyFoldRules, FoldRuleError } from '@/lib/fold-rules/apply-fold-rules';
import { mergePayloadRuleSet, type FoldRuleSet } from '@/lib/fold-rules/rules';
import type { State } from './state-diff';

/**
 * The fold that turns an aggregate's events into its state, in three kinds:
 *
 * - `default`: merge the event's payload into the state. The payload is the value's `payload`
 *   field when it is an object (the usual envelope), else the whole decoded value.
 * - `rules`: declarative per-event-type rules from configuration (lib/fold-rules/rules.ts), read
 *   against the decoded value (resolved to the latest reader schema when it is Avro).
 * - `reducer`: a module the operator installed in the cluster's reducerDir (load-reducer.ts).
 *
 * A fold that fails on an event throws; the replay shows the error on that step and goes on
 * from the state before it.
 */

export interface FoldEventMeta {
  eventType: string | null;
  key: string | null;
  partition: number;
  offset: string;
  timestamp: number;
  headers: Record<string, string | null>;
}

/** What a reducer module exports: `export function reduce(state, event, meta) { return nextState }`. */
export type Reducer = (state: State, event: unknown, meta: FoldEventMeta) => State | Promise<State>;

export interface Folder {
  kind: 'default' | 'rules' | 'reducer';
  description: string;
  apply(state: State, value: unknown, meta: FoldEventMeta): State | Promise<State>;
}

export class FoldError extends Error {
  override name = 'FoldError';
}

/** Where a stream's event type is read from, so that rules keyed by type see the same name. */
export type EventTypeSource = { field: string } | { header: string } | 'avro-record-name';

/** A key no decoded value has, to hand the event type to rules when it is not a field of the value. */
const TYPE_KEY = '$eventType';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function createDefaultFolder(): Folder {
  return {
    kind: 'default',
    description:
      'merge each event’s payload into the state (the value’s "payload" field, or the whole value)',
    apply(state, value, meta) {
      if (!isObject(value))
        throw new FoldError('the event value is not an object, so it cannot be merged into the state');
      const event = isObject(value.payload) ? value : { type: meta.eventType, payload: value };
      return applyFoldRules(state, event, mergePayloadRuleSet);
    },
  };
}

export function createRulesFolder(ruleSet: FoldRuleSet, typeFrom: EventTypeSource): Folder {
  // Rules pick by the value at typePath; when the stream names its types elsewhere (a header, the
  // record name), hand that name to the rules under a key of our own.
  const typeIsField =
    typeof typeFrom === 'object' && 'field' in typeFrom && typeFrom.field === ruleSet.typePath;
  const rules = typeIsField ? ruleSet : { ...ruleSet, typePath: TYPE_KEY };
  const types = Object.keys(ruleSet.byType);
  return {
    kind: 'rules',
    description: `declarative rules for ${types.length} event type${types.length === 1 ? '' : 's'}${ruleSet.otherwise ? ', and for other types' : ''}`,
    apply(state, value, meta) {
      if (!isObject(value)) throw new FoldError('the event value is not an object, so no rule can read it');
      const event = typeIsField ? value : { ...value, [TYPE_KEY]: meta.eventType };
      try {
        return applyFoldRules(state, event, rules);
      } catch (error) {
        if (error instanceof FoldRuleError) throw new FoldError(error.message);
        throw error;
      }
    },
  };
}

export function createReducerFolder(name: string, reduce: Reducer): Folder {
  return {
    kind: 'reducer',
    description: `reducer module "${name}"`,
    async apply(state, value, meta) {
      // The module gets copies, so it cannot reach into the history the console keeps.
      const next = await reduce(structuredClone(state), structuredClone(value), {
        ...meta,
        headers: { ...meta.headers },
      });
      if (!isObject(next))
        throw new FoldError(
          `reducer "${name}" returned ${next === null ? 'null' : typeof next}, not a state object`,
        );
      try {
        return JSON.parse(JSON.stringify(next)) as State;
      } catch {
        throw new FoldError(`reducer "${name}" returned a state that is not plain JSON`);
      }
    },
  };
}

/** The message of a fold failure, for the step that failed. */
export function foldErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
