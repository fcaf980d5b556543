import type { CompatibilityProblem, ReadVerdict, SchemaChange } from './types';
import { SchemaParseError } from './types';

/**
 * JSON Schema review: the property-tree diff of two versions and whether documents valid under a
 * writer schema stay valid under a reader schema (what "reads" means for JSON Schema: the reader
 * validates what the writer produced). Covers properties, `required`, `type` (integer within
 * number), `additionalProperties` (open or closed content), `enum`, `items`, `description`, and
 * `$ref` to local definitions (`#/definitions/…`, `#/$defs/…`), followed to any depth. Pure.
 *
 * Paths are JSON pointers over the property tree: `/address/city`; array items are `[]`.
 */

type Json = Record<string, unknown>;

interface Node {
  types: Set<string> | null; // null: any type
  properties: Map<string, Node>;
  required: Set<string>;
  /** false: closed content; true: any extra property; a node: extra properties of that shape. */
  additional: boolean | Node;
  enumValues: unknown[] | null;
  items: Node | null;
  description: string | null;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v);

export function parseJsonSchema(text: string): Json | boolean {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SchemaParseError(`the schema is not JSON: ${(error as Error).message}`);
  }
  if (typeof raw !== 'boolean' && !isObject(raw))
    throw new SchemaParseError('a JSON Schema is an object or a boolean');
  return raw;
}

/** Builds the comparable tree, following local `$ref`s (a reference cycle stops at the second visit). */
function build(root: Json | boolean): Node {
  const seen = new Map<unknown, Node>();
  const resolve = (ref: string): unknown => {
    if (!ref.startsWith('#')) return undefined; // another document: compared by its name only
    let at: unknown = root;
    for (const token of ref.slice(1).split('/').filter(Boolean)) {
      if (!isObject(at)) return undefined;
      at = at[token.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return at;
  };
  const node = (raw: unknown, depth: number): Node => {
    const any: Node = {
      types: null,
      properties: new Map(),
      required: new Set(),
      additional: true,
      enumValues: null,
      items: null,
      description: null,
    };
    if (raw === true || raw === undefined) return any;
    if (raw === false) return { ...any, types: new Set() };
    if (!isObject(raw)) throw new SchemaParseError(`expected a schema object, found ${show(raw)}`);
    if (typeof raw.$ref === 'string') {
      const target = resolve(raw.$ref);
      if (target === undefined) return { ...any, description: `$ref ${raw.$ref}` };
      if (seen.has(target)) return seen.get(target)!;
      if (depth > 64) throw new SchemaParseError('$ref chain deeper than 64 levels');
      return node(target, depth + 1);
    }
    const n: Node = { ...any, properties: new Map(), required: new Set() };
    seen.set(raw, n);
    if (typeof raw.type === 'string') n.types = new Set([raw.type]);
    else if (Array.isArray(raw.type))
      n.types = new Set(raw.type.filter((t): t is string => typeof t === 'string'));
    if (isObject(raw.properties))
      for (const [name, sub] of Object.entries(raw.properties)) n.properties.set(name, node(sub, depth + 1));
    if (Array.isArray(raw.required))
      for (const r of raw.required) if (typeof r === 'string') n.required.add(r);
    if (raw.additionalProperties === false) n.additional = false;
    else if (isObject(raw.additionalProperties)) n.additional = node(raw.additionalProperties, depth + 1);
    if (Array.isArray(raw.enum)) n.enumValues = raw.enum;
    if (raw.items !== undefined && !Array.isArray(raw.items)) n.items = node(raw.items, depth + 1);
    if (typeof raw.description === 'string') n.description = raw.description;
    return n;
  };
  return node(root, 0);
}

const pointer = (path: string, token: string) => `${path}/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`;
const typeList = (t: Set<string> | null) =>
  t === null ? 'any type' : t.size === 0 ? 'nothing' : [...t].sort().join(' | ');
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Does a reader type set accept every value of a writer type set? (integer is a number) */
function typesCover(reader: Set<string> | null, writer: Set<string> | null): boolean {
  if (reader === null) return true;
  if (writer === null) return false;
  return [...writer].every((t) => reader.has(t) || (t === 'integer' && reader.has('number')));
}

/** The property-tree diff old → new. */
export function diffJsonSchema(beforeText: string, afterText: string): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const add = (c: SchemaChange) => changes.push({ ...c, path: c.path || '/' });
  const visited = new Set<string>();
  const walk = (a: Node, b: Node, path: string, ids: Map<Node, number>, next: { n: number }) => {
    const id = (x: Node) => ids.get(x) ?? (ids.set(x, next.n++), next.n - 1);
    const key = `${id(a)}:${id(b)}`;
    if (visited.has(key)) return;
    visited.add(key);
    if (!sameJson([...(a.types ?? ['*'])].sort(), [...(b.types ?? ['*'])].sort())) {
      const widened = typesCover(b.types, a.types);
      const narrowed = typesCover(a.types, b.types);
      const how = widened && !narrowed ? ' (widened)' : narrowed && !widened ? ' (narrowed)' : '';
      add({
        kind: 'type-changed',
        path,
        message: `type changed from ${typeList(a.types)} to ${typeList(b.types)}${how}`,
        before: typeList(a.types),
        after: typeList(b.types),
      });
    }
    if ((a.description ?? '') !== (b.description ?? ''))
      add({
        kind: 'doc-changed',
        path,
        message: 'description changed',
        before: a.description,
        after: b.description,
      });
    const aOpen = a.additional !== false;
    const bOpen = b.additional !== false;
    if (aOpen !== bOpen)
      add({
        kind: 'additional-properties-changed',
        path,
        message: bOpen
          ? 'content opened: additional properties now allowed'
          : 'content closed: additional properties no longer allowed',
        before: aOpen,
        after: bOpen,
      });
    const aEnum = a.enumValues ?? [];
    const bEnum = b.enumValues ?? [];
    for (const v of bEnum)
      if (a.enumValues && !aEnum.some((x) => sameJson(x, v)))
        add({ kind: 'enum-symbol-added', path, message: `enum value ${show(v)} added`, after: v });
    for (const v of aEnum)
      if (b.enumValues && !bEnum.some((x) => sameJson(x, v)))
        add({ kind: 'enum-symbol-removed', path, message: `enum value ${show(v)} removed`, before: v });
    for (const name of a.properties.keys()) {
      if (!b.properties.has(name))
        add({
          kind: 'field-removed',
          path: pointer(path, name),
          message: `property \`${name}\` removed${a.required.has(name) ? ' (it was required)' : ''}`,
        });
    }
    for (const [name, sub] of b.properties) {
      const old = a.properties.get(name);
      if (!old)
        add({
          kind: 'field-added',
          path: pointer(path, name),
          message: `property \`${name}\` added${b.required.has(name) ? ', required' : ', optional'}`,
        });
      else walk(old, sub, pointer(path, name), ids, next);
    }
    for (const r of b.required)
      if (!a.required.has(r))
        add({ kind: 'required-added', path: pointer(path, r), message: `\`${r}\` is now required` });
    for (const r of a.required)
      if (!b.required.has(r))
        add({ kind: 'required-removed', path: pointer(path, r), message: `\`${r}\` is no longer required` });
    if (a.items && b.items) walk(a.items, b.items, pointer(path, '[]'), ids, next);
  };
  walk(build(parseJsonSchema(beforeText)), build(parseJsonSchema(afterText)), '', new Map(), { n: 0 });
  return changes;
}

/**
 * Is every document valid under `writer` also valid under `reader`? Problems are located in the
 * reader's property tree, with the rule broken and a fix.
 */
export function checkJsonSchemaCanRead(
  readerText: string,
  writerText: string,
  labels: { reader: string; writer: string },
): ReadVerdict {
  const ids = new Map<Node, number>();
  const id = (x: Node) => ids.get(x) ?? (ids.set(x, ids.size), ids.size - 1);
  const check = (r: Node, w: Node, path: string, problems: CompatibilityProblem[], visited: Set<string>) => {
    const key = `${id(r)}:${id(w)}`;
    if (visited.has(key)) return;
    visited.add(key);
    const at = path || '/';
    if (!typesCover(r.types, w.types)) {
      problems.push({
        path: at,
        rule: 'TYPE_MISMATCH',
        message: `${labels.reader} accepts ${typeList(r.types)} where ${labels.writer} allows ${typeList(w.types)}`,
        hint: `accept ${typeList(w.types)} in ${labels.reader} (a type may widen, integer to number, never narrow)`,
      });
    }
    if (r.enumValues) {
      const missing = w.enumValues
        ? w.enumValues.filter((v) => !r.enumValues!.some((x) => sameJson(x, v)))
        : null;
      if (missing === null) {
        problems.push({
          path: at,
          rule: 'CONTENT_MODEL_NARROWED',
          message: `${labels.reader} allows only ${show(r.enumValues)} where ${labels.writer} allows any value`,
          hint: `drop the enum in ${labels.reader}, or list every value ${labels.writer} may write`,
        });
      } else if (missing.length) {
        problems.push({
          path: at,
          rule: 'ENUM_VALUE_REMOVED',
          message: `${labels.reader} lacks ${missing.map(show).join(', ')}, which ${labels.writer} allows`,
          hint: `keep ${missing.map(show).join(', ')} in the enum of ${labels.reader}`,
        });
      }
    }
    for (const name of r.required) {
      if (!w.required.has(name)) {
        problems.push({
          path: pointer(path, name),
          rule: 'REQUIRED_PROPERTY_ADDED',
          message: `${labels.reader} requires \`${name}\`, which ${labels.writer} does not require`,
          hint: `leave \`${name}\` optional in ${labels.reader} (JSON Schema defaults do not fill it in), or require it in ${labels.writer} too`,
        });
      }
    }
    if (r.additional === false) {
      if (w.additional !== false) {
        problems.push({
          path: at,
          rule: 'CONTENT_MODEL_NARROWED',
          message: `${labels.reader} closes the content (additionalProperties: false) that ${labels.writer} leaves open`,
          hint: `keep additionalProperties open in ${labels.reader}`,
        });
      }
      for (const name of w.properties.keys()) {
        if (!r.properties.has(name)) {
          problems.push({
            path: pointer(path, name),
            rule: 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT',
            message: `${labels.reader} has closed content without \`${name}\`, which ${labels.writer} may write`,
            hint: `keep \`${name}\` in ${labels.reader}, or open its content`,
          });
        }
      }
    }
    for (const [name, rs] of r.properties) {
      const ws = w.properties.get(name);
      if (ws) check(rs, ws, pointer(path, name), problems, visited);
      else if (w.additional !== false) {
        // Open content: old documents may hold `name` with any value; only an unconstrained property reads them all.
        const extra = w.additional === true ? null : w.additional;
        const readsAnything = extra
          ? readsAll(rs, extra)
          : typesCover(rs.types, null) && !rs.enumValues && rs.required.size === 0;
        if (!readsAnything) {
          problems.push({
            path: pointer(path, name),
            rule: 'PROPERTY_ADDED_TO_OPEN_CONTENT',
            message: `${labels.writer} allows any extra property, so \`${name}\` may already exist in its documents with another shape`,
            hint: `close the content of ${labels.writer} first (additionalProperties: false), or give \`${name}\` no constraints`,
          });
        }
      }
    }
    if (r.items && w.items) check(r.items, w.items, pointer(path, '[]'), problems, visited);
    else if (r.items && !w.items && w.types?.has('array'))
      check(r.items, build(true), pointer(path, '[]'), problems, visited);
  };
  /** A side check with its own bookkeeping: does `r` accept every value `w` does? */
  const readsAll = (r: Node, w: Node): boolean => {
    const scratch: CompatibilityProblem[] = [];
    check(r, w, '', scratch, new Set());
    return scratch.length === 0;
  };
  const problems: CompatibilityProblem[] = [];
  check(build(parseJsonSchema(readerText)), build(parseJsonSchema(writerText)), '', problems, new Set());
  return { compatible: problems.length === 0, problems };
}
