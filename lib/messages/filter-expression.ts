/**
 * The message filter language: a tokenizer and a recursive-descent parser that turn a filter
 * such as
 *
 *     value.type == "OrderPaid" and (value.payload.amountCents >= 10000 or headers.source = 'legacy')
 *
 * into a small syntax tree. The tree is only ever interpreted by `evaluate-filter.ts`; nothing
 * here or there compiles or runs code, and a path can never name a prototype, so a filter
 * sent from a browser can read a message and nothing else (unlike scripting filters, see
 * CVE-2023-52251). Pure: runs in the browser too, for instant validation.
 *
 * Grammar (keywords are case-insensitive):
 *   expr       := or
 *   or         := and (("or" | "||") and)*
 *   and        := not (("and" | "&&") not)*
 *   not        := ("not" | "!") not | comparison
 *   comparison := operand (op operand)?         op: == = != <> > >= < <= contains startsWith endsWith in
 *   operand    := literal | list | call | path | "(" expr ")"
 *   list       := "[" (operand ("," operand)*)? "]"
 *   call       := function "(" (expr ("," expr)*)? ")"
 *   path       := root ("." name | "[" (integer | string) "]")*
 *   root       := key | value | headers | partition | offset | timestamp | topic
 */

import { MAX_EXPRESSION_LENGTH } from '@/lib/schemas/messages';
import { isDecimalInteger, scanDecimalNumber } from './numeric-text';

export const MAX_EXPRESSION_DEPTH = 32;
export const MAX_EXPRESSION_TOKENS = 1000;
export const MAX_LIST_ITEMS = 1000;

/** Path segments that could reach an object's prototype; refused wherever they appear. */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const ROOTS = ['key', 'value', 'headers', 'partition', 'offset', 'timestamp', 'topic'] as const;
export type Root = (typeof ROOTS)[number];

export const FUNCTIONS = {
  contains: 2,
  startsWith: 2,
  endsWith: 2,
  lower: 1,
  upper: 1,
  length: 1,
  exists: 1,
} as const;
export type FunctionName = keyof typeof FUNCTIONS;

export const COMPARISON_OPERATORS = [
  '==',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  'contains',
  'startsWith',
  'endsWith',
  'in',
] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export type Scalar = string | number | boolean | null;

export type FilterNode =
  | { kind: 'literal'; value: Scalar; pos: number }
  | { kind: 'list'; items: FilterNode[]; pos: number }
  | { kind: 'path'; root: Root; segments: (string | number)[]; pos: number }
  | { kind: 'call'; fn: FunctionName; args: FilterNode[]; pos: number }
  | { kind: 'compare'; op: ComparisonOperator; left: FilterNode; right: FilterNode; pos: number }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode; pos: number }
  | { kind: 'not'; operand: FilterNode; pos: number };

/** A filter the parser refused, with the 0-based character position of the problem. */
export class FilterSyntaxError extends Error {
  override name = 'FilterSyntaxError';
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(`${reason} (at position ${position})`);
  }
}

type TokenType = 'ident' | 'number' | 'string' | 'punct' | 'op' | 'end';
interface Token {
  type: TokenType;
  text: string;
  /** The parsed literal for numbers and strings. */
  value?: string | number;
  pos: number;
}

const isIdentStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isDigit = (c: string) => c >= '0' && c <= '9';
const isIdentPart = (c: string) => isIdentStart(c) || isDigit(c);

/** Splits the text into tokens; every token keeps its position for error messages. */
export function tokenize(text: string): Token[] {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new FilterSyntaxError(
      `the filter is longer than ${MAX_EXPRESSION_LENGTH} characters`,
      MAX_EXPRESSION_LENGTH,
    );
  }
  const tokens: Token[] = [];
  let i = 0;
  const push = (token: Token) => {
    tokens.push(token);
    if (tokens.length > MAX_EXPRESSION_TOKENS)
      throw new FilterSyntaxError(`the filter has more than ${MAX_EXPRESSION_TOKENS} tokens`, token.pos);
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (isIdentStart(c)) {
      // Dashes are allowed inside names (header names like event-type): the language has no subtraction.
      while (
        i < text.length &&
        (isIdentPart(text[i]!) || (text[i] === '-' && i + 1 < text.length && isIdentPart(text[i + 1]!)))
      )
        i++;
      push({ type: 'ident', text: text.slice(start, i), pos: start });
      continue;
    }
    if (isDigit(c) || (c === '-' && i + 1 < text.length && (isDigit(text[i + 1]!) || text[i + 1] === '.'))) {
      const end = scanDecimalNumber(text, i);
      if (end < 0) throw new FilterSyntaxError('malformed number', start);
      const literal = text.slice(i, end);
      i = end;
      if (i < text.length && isIdentStart(text[i]!))
        throw new FilterSyntaxError(`malformed number "${text.slice(start, i + 1)}"`, start);
      const n = Number(literal);
      // Integers beyond 2^53 stay exact, as text: they compare exactly with Avro longs (strings then).
      if (isDecimalInteger(literal) && !Number.isSafeInteger(n)) {
        push({ type: 'number', text: literal, value: literal, pos: start });
        continue;
      }
      // 1e999 would be Infinity, which no message field holds and no filter can be written back as.
      if (!Number.isFinite(n))
        throw new FilterSyntaxError(
          `the number ${literal.length > 24 ? `${literal.slice(0, 20)}…` : literal} is too large`,
          start,
        );
      push({ type: 'number', text: literal, value: n, pos: start });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      let out = '';
      for (;;) {
        if (i >= text.length) throw new FilterSyntaxError('unterminated string', start);
        const ch = text[i]!;
        if (ch === c) {
          i++;
          break;
        }
        if (ch === '\\') {
          const esc = text[i + 1];
          const simple: Record<string, string> = {
            n: '\n',
            t: '\t',
            r: '\r',
            '\\': '\\',
            '"': '"',
            "'": "'",
            '/': '/',
          };
          if (esc !== undefined && esc in simple) {
            out += simple[esc];
            i += 2;
          } else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
            i += 6;
          } else {
            throw new FilterSyntaxError('unknown escape in string', i);
          }
          continue;
        }
        out += ch;
        i++;
      }
      push({ type: 'string', text: text.slice(start, i), value: out, pos: start });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (['==', '!=', '<>', '>=', '<=', '&&', '||'].includes(two)) {
      push({ type: 'op', text: two, pos: start });
      i += 2;
      continue;
    }
    if ('=<>!'.includes(c)) {
      push({ type: 'op', text: c, pos: start });
      i++;
      continue;
    }
    if ('()[],.'.includes(c)) {
      push({ type: 'punct', text: c, pos: start });
      i++;
      continue;
    }
    throw new FilterSyntaxError(`unexpected character "${c}"`, start);
  }
  push({ type: 'end', text: '', pos: text.length });
  return tokens;
}

const KEYWORD_OPERATORS: Record<string, ComparisonOperator> = {
  contains: 'contains',
  startswith: 'startsWith',
  endswith: 'endsWith',
  in: 'in',
};
const SYMBOL_OPERATORS: Record<string, ComparisonOperator> = {
  '==': '==',
  '=': '==',
  '!=': '!=',
  '<>': '!=',
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
};

const RESERVED = new Set([
  'and',
  'or',
  'not',
  'true',
  'false',
  'null',
  'in',
  'contains',
  'startswith',
  'endswith',
]);

class Parser {
  private index = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index]!;
  }
  private next(): Token {
    return this.tokens[this.index++]!;
  }
  private isKeyword(token: Token, word: string): boolean {
    return token.type === 'ident' && token.text.toLowerCase() === word;
  }
  private expectPunct(text: string, what: string): Token {
    const token = this.next();
    if (token.type !== 'punct' || token.text !== text)
      throw new FilterSyntaxError(`expected ${what}, found ${describe(token)}`, token.pos);
    return token;
  }
  private enter(pos: number) {
    if (++this.depth > MAX_EXPRESSION_DEPTH)
      throw new FilterSyntaxError(`the filter nests deeper than ${MAX_EXPRESSION_DEPTH} levels`, pos);
  }
  private leave() {
    this.depth--;
  }

  parse(): FilterNode {
    const node = this.parseOr();
    const token = this.peek();
    if (token.type !== 'end') throw new FilterSyntaxError(`unexpected ${describe(token)}`, token.pos);
    return node;
  }

  private parseOr(): FilterNode {
    this.enter(this.peek().pos);
    let left = this.parseAnd();
    for (;;) {
      const token = this.peek();
      if (!(this.isKeyword(token, 'or') || (token.type === 'op' && token.text === '||'))) break;
      this.next();
      left = { kind: 'or', left, right: this.parseAnd(), pos: token.pos };
    }
    this.leave();
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseNot();
    for (;;) {
      const token = this.peek();
      if (!(this.isKeyword(token, 'and') || (token.type === 'op' && token.text === '&&'))) break;
      this.next();
      left = { kind: 'and', left, right: this.parseNot(), pos: token.pos };
    }
    return left;
  }

  private parseNot(): FilterNode {
    const token = this.peek();
    if (this.isKeyword(token, 'not') || (token.type === 'op' && token.text === '!')) {
      this.next();
      this.enter(token.pos);
      const operand = this.parseNot();
      this.leave();
      return { kind: 'not', operand, pos: token.pos };
    }
    return this.parseComparison();
  }

  private parseComparison(): FilterNode {
    const left = this.parseOperand();
    const token = this.peek();
    let op: ComparisonOperator | undefined;
    if (token.type === 'op') op = SYMBOL_OPERATORS[token.text];
    else if (token.type === 'ident') op = KEYWORD_OPERATORS[token.text.toLowerCase()];
    if (!op) return left;
    this.next();
    const right = this.parseOperand();
    if (op === 'in' && right.kind !== 'list')
      throw new FilterSyntaxError('"in" needs a list such as ["a", "b"]', right.pos);
    const after = this.peek();
    if (after.type === 'op' && SYMBOL_OPERATORS[after.text]) {
      throw new FilterSyntaxError('comparisons cannot be chained; combine them with "and"', after.pos);
    }
    return { kind: 'compare', op, left, right, pos: token.pos };
  }

  private parseOperand(): FilterNode {
    const token = this.peek();
    if (token.type === 'number') {
      this.next();
      return { kind: 'literal', value: token.value!, pos: token.pos };
    }
    if (token.type === 'string') {
      this.next();
      return { kind: 'literal', value: token.value as string, pos: token.pos };
    }
    if (token.type === 'punct' && token.text === '(') {
      this.next();
      this.enter(token.pos);
      const inner = this.parseOr();
      this.leave();
      this.expectPunct(')', '")"');
      return inner;
    }
    if (token.type === 'punct' && token.text === '[') return this.parseList();
    if (token.type === 'ident') {
      const lower = token.text.toLowerCase();
      if (lower === 'true' || lower === 'false') {
        this.next();
        return { kind: 'literal', value: lower === 'true', pos: token.pos };
      }
      if (lower === 'null') {
        this.next();
        return { kind: 'literal', value: null, pos: token.pos };
      }
      const following = this.tokens[this.index + 1];
      if (following?.type === 'punct' && following.text === '(') return this.parseCall();
      return this.parsePath();
    }
    if (token.type === 'end') throw new FilterSyntaxError('the filter ends too early', token.pos);
    throw new FilterSyntaxError(`unexpected ${describe(token)}`, token.pos);
  }

  private parseList(): FilterNode {
    const open = this.next();
    this.enter(open.pos);
    const items: FilterNode[] = [];
    if (!(this.peek().type === 'punct' && this.peek().text === ']')) {
      for (;;) {
        if (items.length >= MAX_LIST_ITEMS)
          throw new FilterSyntaxError(`a list holds at most ${MAX_LIST_ITEMS} items`, this.peek().pos);
        items.push(this.parseOperand());
        const sep = this.peek();
        if (sep.type === 'punct' && sep.text === ',') {
          this.next();
          continue;
        }
        break;
      }
    }
    this.expectPunct(']', '"]" or ","');
    this.leave();
    return { kind: 'list', items, pos: open.pos };
  }

  private parseCall(): FilterNode {
    const name = this.next();
    const fn = (Object.keys(FUNCTIONS) as FunctionName[]).find(
      (f) => f.toLowerCase() === name.text.toLowerCase(),
    );
    if (!fn || !Object.hasOwn(FUNCTIONS, fn)) {
      throw new FilterSyntaxError(
        `unknown function "${name.text}"; known: ${Object.keys(FUNCTIONS).join(', ')}`,
        name.pos,
      );
    }
    this.expectPunct('(', '"("');
    this.enter(name.pos);
    const args: FilterNode[] = [];
    if (!(this.peek().type === 'punct' && this.peek().text === ')')) {
      for (;;) {
        args.push(this.parseOr());
        const sep = this.peek();
        if (sep.type === 'punct' && sep.text === ',') {
          this.next();
          continue;
        }
        break;
      }
    }
    this.expectPunct(')', '")" or ","');
    this.leave();
    const arity = FUNCTIONS[fn];
    if (args.length !== arity)
      throw new FilterSyntaxError(
        `${fn}() takes ${arity} argument${arity === 1 ? '' : 's'}, not ${args.length}`,
        name.pos,
      );
    if (fn === 'exists' && args[0]!.kind !== 'path')
      throw new FilterSyntaxError('exists() takes a path such as value.payload.currency', args[0]!.pos);
    return { kind: 'call', fn, args, pos: name.pos };
  }

  private parsePath(): FilterNode {
    const rootToken = this.next();
    const root = ROOTS.find((r) => r === rootToken.text.toLowerCase());
    if (!root) {
      if (RESERVED.has(rootToken.text.toLowerCase()))
        throw new FilterSyntaxError(`unexpected "${rootToken.text}"`, rootToken.pos);
      throw new FilterSyntaxError(
        `unknown name "${rootToken.text}"; start with key, value.<path>, headers.<name>, partition, offset, timestamp or topic`,
        rootToken.pos,
      );
    }
    const segments: (string | number)[] = [];
    for (;;) {
      const token = this.peek();
      if (token.type === 'punct' && token.text === '.') {
        this.next();
        const name = this.next();
        if (name.type !== 'ident')
          throw new FilterSyntaxError(`expected a field name after ".", found ${describe(name)}`, name.pos);
        checkSegment(name.text, name.pos);
        segments.push(name.text);
        continue;
      }
      if (token.type === 'punct' && token.text === '[') {
        this.next();
        const inner = this.next();
        if (inner.type === 'number' && Number.isInteger(inner.value) && (inner.value as number) >= 0)
          segments.push(inner.value as number);
        else if (inner.type === 'string') {
          checkSegment(inner.value as string, inner.pos);
          segments.push(inner.value as string);
        } else
          throw new FilterSyntaxError(
            `expected an index or a quoted name inside [ ], found ${describe(inner)}`,
            inner.pos,
          );
        this.expectPunct(']', '"]"');
        continue;
      }
      break;
    }
    if (root === 'headers' && segments.length !== 1) {
      throw new FilterSyntaxError('name one header: headers.<name> or headers["name"]', rootToken.pos);
    }
    if (
      (root === 'partition' || root === 'offset' || root === 'timestamp' || root === 'topic') &&
      segments.length > 0
    ) {
      throw new FilterSyntaxError(`${root} has no fields`, rootToken.pos);
    }
    return { kind: 'path', root, segments, pos: rootToken.pos };
  }
}

function checkSegment(name: string, pos: number) {
  if (FORBIDDEN_SEGMENTS.has(name)) throw new FilterSyntaxError(`"${name}" cannot be used in a path`, pos);
}

function describe(token: Token): string {
  if (token.type === 'end') return 'the end of the filter';
  return `"${token.text}"`;
}

/** Parses a filter expression; throws FilterSyntaxError with the position of the problem. */
export function parseFilterExpression(text: string): FilterNode {
  if (text.trim() === '') throw new FilterSyntaxError('the filter is empty', 0);
  return new Parser(tokenize(text)).parse();
}

/** Parses a path such as `payload.amount` or `items[0].sku` below a root (value by default). */
export function parseFilterPath(text: string, root: Root = 'value'): Extract<FilterNode, { kind: 'path' }> {
  const trimmed = text.trim();
  const node = parseFilterExpression(
    trimmed === '' ? root : /^[[]/.test(trimmed) ? `${root}${trimmed}` : `${root}.${trimmed}`,
  );
  if (node.kind !== 'path') throw new FilterSyntaxError(`"${text}" is not a path`, 0);
  return node;
}

/** True when evaluating the tree needs the decoded value (or a schema-framed key). */
export function referencesRoot(node: FilterNode, root: Root): boolean {
  switch (node.kind) {
    case 'literal':
      return false;
    case 'path':
      return node.root === root;
    case 'list':
      return node.items.some((n) => referencesRoot(n, root));
    case 'call':
      return node.args.some((n) => referencesRoot(n, root));
    case 'compare':
    case 'and':
    case 'or':
      return referencesRoot(node.left, root) || referencesRoot(node.right, root);
    case 'not':
      return referencesRoot(node.operand, root);
  }
}

/** Renders a tree back to text (normalised), e.g. to show the combined filter. */
export function formatFilter(node: FilterNode): string {
  switch (node.kind) {
    case 'literal':
      return typeof node.value === 'string' ? JSON.stringify(node.value) : String(node.value);
    case 'list':
      return `[${node.items.map(formatFilter).join(', ')}]`;
    case 'path':
      return (
        node.root +
        node.segments
          .map((s) =>
            typeof s === 'number'
              ? `[${s}]`
              : /^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$/.test(s)
                ? `.${s}`
                : `[${JSON.stringify(s)}]`,
          )
          .join('')
      );
    case 'call':
      return `${node.fn}(${node.args.map(formatFilter).join(', ')})`;
    case 'compare':
      return `${formatFilter(node.left)} ${node.op} ${formatFilter(node.right)}`;
    case 'and':
    case 'or':
      return `(${formatFilter(node.left)} ${node.kind} ${formatFilter(node.right)})`;
    case 'not':
      return `not ${formatFilter(node.operand)}`;
  }
}
