import { isDecimalInteger, isDecimalNumber } from './numeric-text';
import { FORBIDDEN_SEGMENTS, type ComparisonOperator, type FilterNode } from './filter-expression';

/**
 * Interprets a parsed filter against one message. Three-valued: before a message is decoded
 * its value is UNKNOWN, and `and`/`or`/`not` follow Kleene's logic, so a filter such as
 * `key == "order-7" and value.type == "OrderPaid"` rejects most records on the raw key alone,
 * without paying for the decode. Reads only own properties of plain data (objects parsed from
 * JSON or Avro), so a path can never reach a prototype, a function or a global.
 */

export const UNKNOWN: unique symbol = Symbol('unknown');
export type Unknown = typeof UNKNOWN;

/** A value the filter sees: JSON-like data, undefined for a missing field, or UNKNOWN. */
export type FilterValue =
  null | undefined | boolean | number | string | FilterValue[] | { [key: string]: FilterValue } | Unknown;

/** What a filter may ask of one message. Roots that are not known yet return UNKNOWN. */
export interface MessageView {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  /** The key as text (UTF-8), or the decoded key when it is schema-framed; UNKNOWN until decoded. */
  key(): FilterValue;
  /** The key's structure for `key.<path>` (JSON or decoded Avro); UNKNOWN until decoded. */
  keyData(): FilterValue;
  value(): FilterValue;
  /** The last header of that name as text; undefined when absent. */
  header(name: string): string | null | undefined;
  /** All headers as name → text (last wins). */
  headers(): Record<string, string | null>;
}

/** A number, or a string that spells one (Avro longs beyond 2^53 travel as strings). */
function asNumber(v: FilterValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && isDecimalNumber(v.trim())) return Number(v);
  return undefined;
}

function isRecord(v: unknown): v is { [key: string]: FilterValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepEqual(a: FilterValue, b: FilterValue, depth = 0): boolean {
  if (depth > 64) return false;
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if ((typeof a === 'number' && typeof b === 'string') || (typeof a === 'string' && typeof b === 'number'))
    return order(a, b) === 0;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i], depth + 1));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k], depth + 1));
  }
  return false;
}

/** An exact integer for numbers and integer strings beyond 2^53 (Avro longs travel as strings). */
function asBigInt(v: FilterValue): bigint | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : undefined;
  if (typeof v === 'string') {
    const t = v.trim();
    if (isDecimalInteger(t)) return BigInt(t);
  }
  return undefined;
}

/** Numbers (and strings that spell numbers, such as 64-bit longs) numerically, other strings by code unit. */
function order(a: FilterValue, b: FilterValue): number | undefined {
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== undefined && y !== undefined) {
    if (!Number.isSafeInteger(x) || !Number.isSafeInteger(y)) {
      const bx = asBigInt(a);
      const by = asBigInt(b);
      if (bx !== undefined && by !== undefined) return bx < by ? -1 : bx > by ? 1 : 0;
    }
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

function text(v: FilterValue): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function compare(op: ComparisonOperator, a: FilterValue, b: FilterValue): boolean | Unknown {
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  switch (op) {
    case '==':
      return deepEqual(a, b);
    case '!=':
      return !deepEqual(a, b);
    case '>':
    case '>=':
    case '<':
    case '<=': {
      const o = order(a, b);
      if (o === undefined) return false;
      return op === '>' ? o > 0 : op === '>=' ? o >= 0 : op === '<' ? o < 0 : o <= 0;
    }
    case 'contains': {
      if (Array.isArray(a)) return a.some((item) => deepEqual(item, b));
      const s = text(a);
      const t = text(b);
      return s !== undefined && t !== undefined && s.includes(t);
    }
    case 'startsWith':
    case 'endsWith': {
      const s = text(a);
      const t = text(b);
      if (s === undefined || t === undefined) return false;
      return op === 'startsWith' ? s.startsWith(t) : s.endsWith(t);
    }
    case 'in':
      return Array.isArray(b) && b.some((item) => deepEqual(a, item));
  }
}

/** Truthiness for and/or/not: booleans as they are, missing and null false, anything else by content. */
function truth(v: FilterValue): boolean | Unknown {
  if (v === UNKNOWN) return UNKNOWN;
  if (typeof v === 'boolean') return v;
  if (v === null || v === undefined) return false;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v !== '';
  return true;
}

/** Follows a path through plain data, own properties only. */
function walk(start: FilterValue, segments: readonly (string | number)[]): FilterValue {
  let current: FilterValue = start;
  for (const segment of segments) {
    if (current === UNKNOWN) return UNKNOWN;
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) return undefined;
      current = current[segment];
      continue;
    }
    // Defence in depth: the parser refuses these already.
    if (FORBIDDEN_SEGMENTS.has(segment)) return undefined;
    if (!isRecord(current) || !Object.hasOwn(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}

function resolvePath(node: Extract<FilterNode, { kind: 'path' }>, view: MessageView): FilterValue {
  switch (node.root) {
    case 'partition':
      return view.partition;
    case 'offset':
      return view.offset;
    case 'timestamp':
      return view.timestamp;
    case 'topic':
      return view.topic;
    case 'headers':
      return node.segments.length === 0 ? view.headers() : view.header(String(node.segments[0]));
    case 'key':
      return node.segments.length === 0 ? view.key() : walk(view.keyData(), node.segments);
    case 'value':
      return walk(view.value(), node.segments);
  }
}

export function evaluateNode(node: FilterNode, view: MessageView): FilterValue {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'list': {
      const items: FilterValue[] = [];
      for (const item of node.items) {
        const v = evaluateNode(item, view);
        if (v === UNKNOWN) return UNKNOWN;
        items.push(v);
      }
      return items;
    }
    case 'path':
      return resolvePath(node, view);
    case 'compare':
      return compare(node.op, evaluateNode(node.left, view), evaluateNode(node.right, view));
    case 'and': {
      const left = truth(evaluateNode(node.left, view));
      if (left === false) return false;
      const right = truth(evaluateNode(node.right, view));
      if (right === false) return false;
      return left === UNKNOWN || right === UNKNOWN ? UNKNOWN : true;
    }
    case 'or': {
      const left = truth(evaluateNode(node.left, view));
      if (left === true) return true;
      const right = truth(evaluateNode(node.right, view));
      if (right === true) return true;
      return left === UNKNOWN || right === UNKNOWN ? UNKNOWN : false;
    }
    case 'not': {
      const v = truth(evaluateNode(node.operand, view));
      return v === UNKNOWN ? UNKNOWN : !v;
    }
    case 'call': {
      const args = node.args.map((a) => evaluateNode(a, view));
      if (args.some((a) => a === UNKNOWN)) return UNKNOWN;
      const [a, b] = args as [FilterValue, FilterValue];
      switch (node.fn) {
        case 'contains':
        case 'startsWith':
        case 'endsWith':
          return compare(node.fn, a, b);
        case 'lower':
          return typeof a === 'string' ? a.toLowerCase() : a;
        case 'upper':
          return typeof a === 'string' ? a.toUpperCase() : a;
        case 'length':
          if (typeof a === 'string' || Array.isArray(a)) return a.length;
          if (isRecord(a)) return Object.keys(a).length;
          return null;
        case 'exists':
          return a !== undefined && a !== null;
      }
    }
  }
}

/** The verdict on one message: true, false, or UNKNOWN when it depends on what is not decoded yet. */
export function evaluateFilter(node: FilterNode, view: MessageView): boolean | Unknown {
  return truth(evaluateNode(node, view));
}
