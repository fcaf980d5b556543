import { projectionOfPaths, type ValueProjection } from '@/lib/serde/projection';
import type { PredicateOperator } from '@/lib/schemas/messages';
import { isDecimalNumber } from './numeric-text';
import {
  FilterSyntaxError,
  parseFilterExpression,
  parseFilterPath,
  referencesRoot,
  type FilterNode,
  type Scalar,
} from './filter-expression';

/**
 * The filters a search can combine, as the UI and the API carry them: a key match, a header
 * match, structured predicates on the decoded value, and a free expression. All of them are
 * compiled into one expression tree (a conjunction), so there is exactly one evaluator.
 * Pure: no Kafka, no Next.js.
 */

export interface ValuePredicate {
  /** A path below the decoded value, e.g. `payload.amountCents` or `items[0].sku`. */
  path: string;
  op: PredicateOperator;
  /** The operand as typed: JSON literals (12, true, null, "x") are taken as such, anything else as text. `in`: a JSON array or a comma-separated list. */
  value?: string;
}

export interface MessageFilterSpec {
  key?: { value: string; match: 'exact' | 'prefix' };
  header?: { name: string; value: string };
  predicates?: ValuePredicate[];
  expression?: string;
}

export interface CompiledFilter {
  node: FilterNode;
  /** Whether the filter reads the decoded value: if not, only matches are decoded. */
  readsValue: boolean;
  readsKey: boolean;
  /** The value paths the filter reads, so a decoder can skip the rest; null: the whole value. */
  valueProjection?: ValueProjection | null;
  /**
   * When the filter is `key == "<text>"`, alone or as a conjunct: that text in UTF-8, so a scan
   * can drop a record by comparing its key's bytes, without making the key's text.
   */
  keyEquals?: Buffer;
}

/** The text of a `key == "<text>"` conjunct of the top-level conjunction, if there is one. */
function keyEqualsText(node: FilterNode): string | undefined {
  if (node.kind === 'and') return keyEqualsText(node.left) ?? keyEqualsText(node.right);
  if (node.kind !== 'compare' || node.op !== '==') return undefined;
  const isKey = (n: FilterNode) => n.kind === 'path' && n.root === 'key' && n.segments.length === 0;
  // A number would also equal keys that spell it ("42" == 42): only a string literal is exact text.
  const text = (n: FilterNode) => (n.kind === 'literal' && typeof n.value === 'string' ? n.value : undefined);
  if (isKey(node.left)) return text(node.right);
  if (isKey(node.right)) return text(node.left);
  return undefined;
}

/** Every `value.<path>` the tree names, in order. */
function valuePaths(node: FilterNode, out: (string | number)[][] = []): (string | number)[][] {
  switch (node.kind) {
    case 'literal':
      break;
    case 'path':
      if (node.root === 'value') out.push(node.segments);
      break;
    case 'list':
      node.items.forEach((n) => valuePaths(n, out));
      break;
    case 'call':
      node.args.forEach((n) => valuePaths(n, out));
      break;
    case 'compare':
    case 'and':
    case 'or':
      valuePaths(node.left, out);
      valuePaths(node.right, out);
      break;
    case 'not':
      valuePaths(node.operand, out);
      break;
  }
  return out;
}

/** Which part of the filter a syntax error is in, for the message shown next to that field. */
export class FilterSpecError extends Error {
  override name = 'FilterSpecError';
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly position?: number,
  ) {
    super(position === undefined ? `${field}: ${reason}` : `${field}: ${reason} at position ${position}`);
  }
}

/** Quoted text; JSON.parse below decides whether its escapes are valid. */
function isJsonString(text: string): boolean {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"');
}

/** "12" → 12, "true" → true, "null" → null, "\"x\"" → "x", anything else → the text itself. */
export function parseOperand(text: string): Scalar {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  // A linear check (isDecimalNumber), not a regular expression: operands can be long digit runs.
  if (
    isDecimalNumber(trimmed) ||
    trimmed === 'true' ||
    trimmed === 'false' ||
    trimmed === 'null' ||
    isJsonString(trimmed)
  ) {
    try {
      const parsed = JSON.parse(trimmed) as Scalar;
      // A long beyond 2^53 stays text so that it compares exactly with Avro longs (which are strings then).
      if (typeof parsed === 'number' && Number.isInteger(parsed) && !Number.isSafeInteger(parsed))
        return trimmed;
      return parsed;
    } catch {
      return text;
    }
  }
  return text;
}

function parseList(text: string): Scalar[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new FilterSpecError('value', 'not a JSON array');
    }
    if (!Array.isArray(parsed) || parsed.some((v) => v !== null && typeof v === 'object'))
      throw new FilterSpecError('value', 'the list must hold plain values');
    return parsed as Scalar[];
  }
  return trimmed === '' ? [] : trimmed.split(',').map((s) => parseOperand(s.trim()));
}

const literal = (value: Scalar): FilterNode => ({ kind: 'literal', value, pos: 0 });

function predicateNode(p: ValuePredicate, index: number): FilterNode {
  const field = `predicates[${index}]`;
  let path;
  try {
    path = parseFilterPath(p.path, 'value');
  } catch (error) {
    if (error instanceof FilterSyntaxError)
      throw new FilterSpecError(`${field}.path`, error.reason, error.position);
    throw error;
  }
  const value = p.value ?? '';
  switch (p.op) {
    case 'exists':
      return { kind: 'call', fn: 'exists', args: [path], pos: 0 };
    case 'in':
      try {
        return {
          kind: 'compare',
          op: 'in',
          left: path,
          right: { kind: 'list', items: parseList(value).map(literal), pos: 0 },
          pos: 0,
        };
      } catch (error) {
        if (error instanceof FilterSpecError) throw new FilterSpecError(`${field}.value`, error.reason);
        throw error;
      }
    case '=':
      return { kind: 'compare', op: '==', left: path, right: literal(parseOperand(value)), pos: 0 };
    case 'contains':
    case 'startsWith':
      // Text operators take the operand as typed: "12" stays the text 12.
      return { kind: 'compare', op: p.op, left: path, right: literal(value), pos: 0 };
    default:
      return { kind: 'compare', op: p.op, left: path, right: literal(parseOperand(value)), pos: 0 };
  }
}

/** Compiles the filters into one tree; null when nothing filters (every message matches). */
export function compileMessageFilter(spec: MessageFilterSpec): CompiledFilter | null {
  const parts: FilterNode[] = [];
  if (spec.key && spec.key.value !== '') {
    const key: FilterNode = { kind: 'path', root: 'key', segments: [], pos: 0 };
    parts.push({
      kind: 'compare',
      op: spec.key.match === 'prefix' ? 'startsWith' : '==',
      left: key,
      right: literal(spec.key.value),
      pos: 0,
    });
  }
  if (spec.header && spec.header.name !== '') {
    parts.push({
      kind: 'compare',
      op: '==',
      left: { kind: 'path', root: 'headers', segments: [spec.header.name], pos: 0 },
      right: literal(spec.header.value),
      pos: 0,
    });
  }
  spec.predicates?.forEach((p, i) => parts.push(predicateNode(p, i)));
  if (spec.expression && spec.expression.trim() !== '') {
    try {
      parts.push(parseFilterExpression(spec.expression));
    } catch (error) {
      if (error instanceof FilterSyntaxError)
        throw new FilterSpecError('expression', error.reason, error.position);
      throw error;
    }
  }
  if (parts.length === 0) return null;
  // Cheap parts first: the evaluator stops at the first false conjunct.
  const cost = (n: FilterNode) => (referencesRoot(n, 'value') ? 2 : referencesRoot(n, 'key') ? 1 : 0);
  parts.sort((a, b) => cost(a) - cost(b));
  const node = parts.reduce((left, right) => ({ kind: 'and', left, right, pos: 0 }));
  const readsValue = referencesRoot(node, 'value');
  const keyText = keyEqualsText(node);
  return {
    node,
    readsValue,
    readsKey: referencesRoot(node, 'key'),
    valueProjection: readsValue ? projectionOfPaths(valuePaths(node)) : null,
    ...(keyText === undefined ? {} : { keyEquals: Buffer.from(keyText, 'utf8') }),
  };
}
