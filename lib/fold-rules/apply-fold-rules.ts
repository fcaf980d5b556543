import { isSafePath, type FoldRule, type FoldRuleSet } from './rules';

export type FoldState = Record<string, unknown>;

/** A rule that cannot be applied to an event. The replay shows it on that step and goes on. */
export class FoldRuleError extends Error {
  override name = 'FoldRuleError';
  constructor(
    message: string,
    readonly rule: FoldRule,
    readonly ruleIndex: number,
    readonly eventType: string | undefined,
  ) {
    super(message);
  }
}

/** Thrown when a path cannot be used; turned into a FoldRuleError naming the rule. */
class PathProblem extends Error {}

/**
 * An object with named fields: plain JSON objects, and also the record instances that decoders
 * such as avsc return (copying turns those into plain objects). Lists, bytes and dates are not.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !ArrayBuffer.isView(value) &&
    !(value instanceof Date)
  );
}

/**
 * The segments of each path seen, checked once: a replay reads the same few paths of its rules
 * for every event. Bounded, since paths may also come from requests.
 */
const segmentCache = new Map<string, readonly string[]>();
const SEGMENT_CACHE_SIZE = 1_000;

function segmentsOf(path: string): readonly string[] {
  const known = segmentCache.get(path);
  if (known) return known;
  if (!isSafePath(path)) throw new PathProblem(`"${path}" is not a valid path`);
  const segments = Object.freeze(path.split('.'));
  if (segmentCache.size >= SEGMENT_CACHE_SIZE) segmentCache.clear();
  segmentCache.set(path, segments);
  return segments;
}

/** Reads a value from the event; undefined when any segment is missing. */
export function readPath(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const segment of segmentsOf(path)) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (current !== null && typeof current === 'object') {
      if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * Copies event data into the state so that later changes to either never leak into the other.
 * Decoded values are plain objects, arrays and primitives, copied here directly (a replay copies
 * one or two per event, and structuredClone costs microseconds each); anything else (bytes,
 * dates, maps, a record instance's prototype) goes through structuredClone as before.
 */
function copyValue<T>(value: T): T {
  return value === null || typeof value !== 'object' ? value : (copyJson(value) as T);
}

function copyJson(value: object): unknown {
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out[i] = item === null || typeof item !== 'object' ? item : copyJson(item);
    }
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item: unknown = (value as Record<string, unknown>)[key];
    const copy = item === null || typeof item !== 'object' ? item : copyJson(item);
    // A field named "__proto__" (JSON may have one) stays a field, as structuredClone keeps it.
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: copy, writable: true, enumerable: true, configurable: true });
    else out[key] = copy;
  }
  return out;
}

/**
 * Returns a copy of `state` in which the value at `path` is replaced by `update(old)`. Only the
 * objects along the path are copied; the rest is shared with the old state, which is never
 * mutated. `update` returning undefined deletes the key.
 */
function updatePath(state: FoldState, path: string, update: (old: unknown) => unknown): FoldState {
  const segments = segmentsOf(path);
  const walk = (node: Record<string, unknown>, i: number): Record<string, unknown> => {
    const key = segments[i] as string;
    const copy: Record<string, unknown> = { ...node };
    if (i === segments.length - 1) {
      const next = update(node[key]);
      if (next === undefined) delete copy[key];
      else copy[key] = next;
      return copy;
    }
    const child = node[key];
    if (child === undefined) copy[key] = walk({}, i + 1);
    else if (isPlainObject(child)) copy[key] = walk(child, i + 1);
    else throw new PathProblem(`"${segments.slice(0, i + 1).join('.')}" is not an object`);
    return copy;
  };
  return walk(state, 0);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

const SKIP = Symbol('skip');

function source(event: unknown, rule: { from?: string; optional?: boolean }, literal: unknown): unknown {
  if (rule.from === undefined) return copyValue(literal);
  const value = readPath(event, rule.from);
  if (value === undefined) {
    if (rule.optional) return SKIP;
    throw new PathProblem(`the event has no "${rule.from}"`);
  }
  return copyValue(value);
}

function applyRule(state: FoldState, event: unknown, rule: FoldRule): FoldState {
  switch (rule.op) {
    case 'set': {
      const value = source(event, rule, rule.value);
      return value === SKIP ? state : updatePath(state, rule.path, () => value);
    }
    case 'merge': {
      const value = source(event, rule, undefined);
      if (value === SKIP) return state;
      if (!isPlainObject(value))
        throw new PathProblem(`"${rule.from}" is not an object, so it cannot be merged`);
      if (rule.path === undefined) return { ...state, ...value };
      return updatePath(state, rule.path, (old) => {
        if (old !== undefined && !isPlainObject(old))
          throw new PathProblem(`"${rule.path}" is not an object, so nothing can be merged into it`);
        return { ...(old ?? {}), ...value };
      });
    }
    case 'append': {
      const value = source(event, rule, rule.value);
      if (value === SKIP) return state;
      return updatePath(state, rule.path, (old) => {
        if (old === undefined) return [value];
        if (!Array.isArray(old))
          throw new PathProblem(`"${rule.path}" is not a list, so nothing can be appended to it`);
        return [...old, value];
      });
    }
    case 'remove': {
      const wanted = Object.entries(rule.match).map(([field, from]) => {
        const value = readPath(event, from);
        if (value === undefined) throw new PathProblem(`the event has no "${from}"`);
        return [field, value] as const;
      });
      return updatePath(state, rule.path, (old) => {
        if (old === undefined) return undefined;
        if (!Array.isArray(old))
          throw new PathProblem(`"${rule.path}" is not a list, so nothing can be removed from it`);
        return old.filter(
          (element) =>
            !wanted.every(([field, value]) => isPlainObject(element) && sameValue(element[field], value)),
        );
      });
    }
    case 'increment': {
      const by = source(event, rule, rule.by);
      if (by === SKIP) return state;
      if (typeof by !== 'number') throw new PathProblem(`"${rule.from}" is not a number`);
      return updatePath(state, rule.path, (old) => {
        if (old === undefined) return by;
        if (typeof old !== 'number')
          throw new PathProblem(`"${rule.path}" is not a number, so it cannot be incremented`);
        return old + by;
      });
    }
    case 'delete':
      if (rule.path === '$') return {};
      return updatePath(state, rule.path, () => undefined);
  }
}

/** The event's type name as the rule set reads it, or undefined when it has none. */
export function eventTypeOf(event: unknown, ruleSet: Pick<FoldRuleSet, 'typePath'>): string | undefined {
  const type = readPath(event, ruleSet.typePath);
  return typeof type === 'string' ? type : undefined;
}

/** The rules that apply to one event, in order: `always`, then its type's (or `otherwise`). */
export function rulesFor(event: unknown, ruleSet: FoldRuleSet): FoldRule[] {
  const type = eventTypeOf(event, ruleSet);
  const specific =
    type !== undefined && Object.prototype.hasOwnProperty.call(ruleSet.byType, type)
      ? ruleSet.byType[type]
      : ruleSet.otherwise;
  return [...(ruleSet.always ?? []), ...(specific ?? [])];
}

/**
 * Folds one event into the state with the declarative rules. Pure: the input state and the event
 * are never modified, and the result shares no mutable data with the event. Throws a
 * FoldRuleError naming the failing rule; the state before the event is then still valid.
 */
export function applyFoldRules(state: FoldState, event: unknown, ruleSet: FoldRuleSet): FoldState {
  const type = eventTypeOf(event, ruleSet);
  const rules = rulesFor(event, ruleSet);
  let next = state;
  rules.forEach((rule, index) => {
    try {
      next = applyRule(next, event, rule);
    } catch (error) {
      if (error instanceof PathProblem) {
        throw new FoldRuleError(
          `rule ${index + 1} (${rule.op}) of ${type ?? 'an untyped event'}: ${error.message}`,
          rule,
          index,
          type,
        );
      }
      throw error;
    }
  });
  return next;
}

/** Folds a sequence of events from an initial state (by default empty). */
export function foldEvents(
  events: Iterable<unknown>,
  ruleSet: FoldRuleSet,
  initial: FoldState = {},
): FoldState {
  let state = initial;
  for (const event of events) state = applyFoldRules(state, event, ruleSet);
  return state;
}
