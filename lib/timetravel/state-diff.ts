import diff from 'microdiff';
import type { StateChange } from '@/lib/schemas/timetravel';

/**
 * Differences between two aggregate states, by path, with microdiff (objects key by key, lists
 * index by index). Pure; used for every replay step, for "compare two points" and for snapshot
 * verification, and applied forward in the browser to rebuild the state at any step.
 */

export type State = Record<string, unknown>;

export function diffStates(before: unknown, after: unknown): StateChange[] {
  const a = isContainer(before) ? ownKeyed(before) : {};
  const b = isContainer(after) ? ownKeyed(after) : {};
  return diff(a as Record<string, unknown>, b as Record<string, unknown>) as StateChange[];
}

/**
 * A copy whose objects have no prototype. microdiff asks `key in object`, which is true for
 * inherited names: an event that adds a field called `constructor` or `toString` would be
 * invisible in the timeline. Without a prototype only own keys are seen.
 */
function ownKeyed(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(ownKeyed);
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) out[key] = ownKeyed((value as Record<string, unknown>)[key]);
  return out;
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return value !== null && typeof value === 'object';
}

function clone<T>(value: T): T {
  return value === null || typeof value !== 'object' ? value : structuredClone(value);
}

/**
 * Applies changes made by diffStates to a copy of `state`: `applyStateChanges(a, diffStates(a, b))`
 * deep-equals b. Removals from lists are applied last and from the highest index down (microdiff
 * only ever removes a list's tail), so indexes stay valid.
 */
export function applyStateChanges(state: State, changes: readonly StateChange[]): State {
  const root: State = clone(state);
  const removals: StateChange[] = [];
  for (const change of changes) {
    if (change.type === 'REMOVE') {
      removals.push(change);
      continue;
    }
    setAt(root, change.path, clone(change.value));
  }
  removals.sort((x, y) => compareForRemoval(x.path, y.path));
  for (const change of removals) {
    const parent = walk(root, change.path.slice(0, -1));
    const last = change.path[change.path.length - 1];
    if (last === undefined || parent === undefined) continue;
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else if (Object.hasOwn(parent as object, String(last)))
      delete (parent as Record<string, unknown>)[String(last)];
  }
  return root;
}

/** Deeper paths first; within one list, higher indexes first. */
function compareForRemoval(a: StateChange['path'], b: StateChange['path']): number {
  if (a.length !== b.length) return b.length - a.length;
  const x = a[a.length - 1];
  const y = b[b.length - 1];
  return typeof x === 'number' && typeof y === 'number' ? y - x : 0;
}

/**
 * Paths are walked through own properties only and written as own data properties, so every key
 * an event can carry (`constructor`, `__proto__`, `toString`) is an ordinary field here and none
 * can reach or change a prototype.
 */
function ownChild(node: object, key: string): unknown {
  return Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
}

function defineOwn(node: object, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
}

function walk(root: unknown, path: StateChange['path']): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = ownChild(node, String(key));
  }
  return node;
}

function setAt(root: State, path: StateChange['path'], value: unknown): void {
  if (path.length === 0) return;
  let node: object = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = String(path[i]!);
    const nextKey = path[i + 1]!;
    let child = ownChild(node, key);
    if (child === null || typeof child !== 'object') {
      child = typeof nextKey === 'number' ? [] : {};
      defineOwn(node, key, child);
    }
    node = child as object;
  }
  defineOwn(node, String(path[path.length - 1]), value);
}

/** The path as one readable string: items[3].sku */
export function formatPath(path: StateChange['path']): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(root)';
}

function isPlain(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  return (
    a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b))
  );
}

/** Fields that name a list item, after `id` and any field ending in "Id" (`lineId`, `itemId`). */
const NAME_FIELDS = ['key', 'sku', 'code', 'name'];

/**
 * The field that identifies the items of two lists, when there is one: every item of both is an
 * object with a unique string or number under it. Items are then matched by it, so removing one
 * item shows as "removed X" and not as every later item changing.
 */
function identityField(a: readonly unknown[], b: readonly unknown[]): string | undefined {
  const items = [...a, ...b];
  if (items.length === 0 || !items.every(isPlain)) return undefined;
  const first = items[0] as Record<string, unknown>;
  const candidates = ['id', ...Object.keys(first).filter((k) => /.Id$/.test(k)), ...NAME_FIELDS];
  const uniqueIn = (list: readonly unknown[], field: string) => {
    const seen = new Set<unknown>();
    for (const item of list) {
      const v = (item as Record<string, unknown>)[field];
      if ((typeof v !== 'string' && typeof v !== 'number') || seen.has(v)) return false;
      seen.add(v);
    }
    return true;
  };
  return candidates.find((field) => uniqueIn(a, field) && uniqueIn(b, field));
}

/** Longest common subsequence of two lists, by value (or by identity): pairs of matching indexes, in order. */
function commonElements(a: readonly unknown[], b: readonly unknown[], identity?: string): [number, number][] {
  const keyOf = (x: unknown) =>
    identity ? JSON.stringify((x as Record<string, unknown>)[identity]) : JSON.stringify(x);
  const ka = a.map(keyOf);
  const kb = b.map(keyOf);
  const n = a.length;
  const m = b.length;
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--)
      table[i]![j] =
        ka[i] === kb[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (ka[i] === kb[j]) {
      pairs.push([i++, j++]);
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

const MAX_LCS_CELLS = 4_000_000;

/**
 * Differences for people to read: like diffStates, but a list is compared as a sequence (its
 * items matched by identity when they have one, see identityField), so removing its third
 * element shows as one removal rather than every later element "changing".
 * Removals carry the index in the old list, additions and changes the index in the new one.
 * For display only; the replay transports and applies diffStates' changes.
 */
export function describeChanges(
  before: unknown,
  after: unknown,
  path: StateChange['path'] = [],
): StateChange[] {
  if (same(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after) && before.length * after.length <= MAX_LCS_CELLS) {
    const out: StateChange[] = [];
    const identity = identityField(before, after);
    const pairs = commonElements(before, after, identity);
    let i = 0;
    let j = 0;
    const gap = (iEnd: number, jEnd: number) => {
      // Without an identity, pair up a run of removals with a run of additions at the same place:
      // those are changes. With one, an unmatched item really was removed or added.
      while (!identity && i < iEnd && j < jEnd) {
        out.push(...describeChanges(before[i], after[j], [...path, j]));
        i++;
        j++;
      }
      for (; i < iEnd; i++) out.push({ type: 'REMOVE', path: [...path, i], oldValue: before[i] });
      for (; j < jEnd; j++) out.push({ type: 'CREATE', path: [...path, j], value: after[j] });
    };
    for (const [pi, pj] of pairs) {
      gap(pi, pj);
      // Matched by identity, an item may still have changed inside.
      if (identity) out.push(...describeChanges(before[pi], after[pj], [...path, pj]));
      i = pi + 1;
      j = pj + 1;
    }
    gap(before.length, after.length);
    return out;
  }
  if (isPlain(before) && isPlain(after)) {
    const out: StateChange[] = [];
    for (const key of Object.keys(before)) {
      if (!Object.hasOwn(after, key))
        out.push({ type: 'REMOVE', path: [...path, key], oldValue: before[key] });
      else out.push(...describeChanges(before[key], after[key], [...path, key]));
    }
    for (const key of Object.keys(after))
      if (!Object.hasOwn(before, key)) out.push({ type: 'CREATE', path: [...path, key], value: after[key] });
    return out;
  }
  if (path.length === 0) return diffStates(before, after);
  return [{ type: 'CHANGE', path, value: after, oldValue: before }];
}
