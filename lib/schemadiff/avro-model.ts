import { SchemaParseError } from './types';

/**
 * An Avro schema as a tree the diff and the compatibility check can walk: names resolved to full
 * names, references to named types resolved to the very node that defines them (so recursive
 * types are cycles, not infinite trees), defaults kept as written.
 */

export const AVRO_PRIMITIVES = [
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
] as const;
export type AvroPrimitive = (typeof AVRO_PRIMITIVES)[number];

interface Named {
  /** Full name: namespace + '.' + name, or the name alone in the null namespace. */
  fullName: string;
  name: string;
  namespace: string;
  aliases: string[];
  doc?: string;
}

export interface AvroField {
  name: string;
  type: AvroNode;
  aliases: string[];
  doc?: string;
  hasDefault: boolean;
  default?: unknown;
}

export type AvroNode =
  | { kind: 'primitive'; type: AvroPrimitive; logicalType?: string }
  | ({ kind: 'record'; fields: AvroField[] } & Named)
  | ({ kind: 'enum'; symbols: string[]; default?: string } & Named)
  | ({ kind: 'fixed'; size: number; logicalType?: string } & Named)
  | { kind: 'array'; items: AvroNode }
  | { kind: 'map'; values: AvroNode }
  | { kind: 'union'; branches: AvroNode[] };

export type NamedNode = Extract<AvroNode, { kind: 'record' | 'enum' | 'fixed' }>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function logicalTypeOf(raw: Record<string, unknown>): string | undefined {
  if (typeof raw.logicalType !== 'string') return undefined;
  if (raw.logicalType === 'decimal')
    return `decimal(${String(raw.precision ?? '?')},${String(raw.scale ?? 0)})`;
  return raw.logicalType;
}

class AvroParser {
  readonly names = new Map<string, NamedNode>();

  private qualify(name: string, namespace: string): { fullName: string; name: string; namespace: string } {
    if (name.includes('.')) {
      const at = name.lastIndexOf('.');
      return { fullName: name, name: name.slice(at + 1), namespace: name.slice(0, at) };
    }
    return { fullName: namespace ? `${namespace}.${name}` : name, name, namespace };
  }

  private lookup(name: string, namespace: string, path: string): NamedNode {
    const found = this.names.get(this.qualify(name, namespace).fullName) ?? this.names.get(name);
    if (!found)
      throw new SchemaParseError(
        `${path || '/'}: "${name}" is neither a primitive type nor a named type defined before it`,
      );
    return found;
  }

  private define(node: NamedNode, path: string): void {
    if (this.names.has(node.fullName))
      throw new SchemaParseError(`${path || '/'}: the name "${node.fullName}" is defined twice`);
    this.names.set(node.fullName, node);
  }

  private named(raw: Record<string, unknown>, namespace: string, path: string): Named {
    if (typeof raw.name !== 'string' || raw.name === '')
      throw new SchemaParseError(`${path || '/'}: a ${String(raw.type)} needs a name`);
    const ns = typeof raw.namespace === 'string' ? raw.namespace : namespace;
    const q = this.qualify(raw.name, ns);
    const aliases = Array.isArray(raw.aliases)
      ? raw.aliases
          .filter((a): a is string => typeof a === 'string')
          .map((a) => this.qualify(a, q.namespace).fullName)
      : [];
    return { ...q, aliases, doc: typeof raw.doc === 'string' ? raw.doc : undefined };
  }

  parse(raw: unknown, namespace: string, path: string): AvroNode {
    if (typeof raw === 'string') {
      if ((AVRO_PRIMITIVES as readonly string[]).includes(raw))
        return { kind: 'primitive', type: raw as AvroPrimitive };
      return this.lookup(raw, namespace, path);
    }
    if (Array.isArray(raw)) {
      return {
        kind: 'union',
        branches: raw.map((branch, i) => this.parse(branch, namespace, `${path}/${i}`)),
      };
    }
    if (!isObject(raw))
      throw new SchemaParseError(`${path || '/'}: expected a type name, an object or a union array`);
    const type = raw.type;
    if (typeof type === 'string' && (AVRO_PRIMITIVES as readonly string[]).includes(type)) {
      return { kind: 'primitive', type: type as AvroPrimitive, logicalType: logicalTypeOf(raw) };
    }
    switch (type) {
      case 'record':
      case 'error': {
        const node: NamedNode = { kind: 'record', ...this.named(raw, namespace, path), fields: [] };
        this.define(node, path);
        if (!Array.isArray(raw.fields))
          throw new SchemaParseError(`${path || '/'}: record "${node.fullName}" needs a fields array`);
        const seen = new Set<string>();
        for (const f of raw.fields) {
          if (!isObject(f) || typeof f.name !== 'string')
            throw new SchemaParseError(`${path || '/'}: every field of "${node.fullName}" needs a name`);
          if (seen.has(f.name)) throw new SchemaParseError(`${path}/${f.name}: field defined twice`);
          seen.add(f.name);
          if (f.type === undefined) throw new SchemaParseError(`${path}/${f.name}: field has no type`);
          node.fields.push({
            name: f.name,
            type: this.parse(f.type, node.namespace, `${path}/${f.name}`),
            aliases: Array.isArray(f.aliases)
              ? f.aliases.filter((a): a is string => typeof a === 'string')
              : [],
            doc: typeof f.doc === 'string' ? f.doc : undefined,
            hasDefault: 'default' in f,
            default: f.default,
          });
        }
        return node;
      }
      case 'enum': {
        if (!Array.isArray(raw.symbols) || !raw.symbols.every((s) => typeof s === 'string'))
          throw new SchemaParseError(`${path || '/'}: an enum needs a symbols array of strings`);
        const node: NamedNode = {
          kind: 'enum',
          ...this.named(raw, namespace, path),
          symbols: raw.symbols as string[],
          default: typeof raw.default === 'string' ? raw.default : undefined,
        };
        if (node.default !== undefined && !node.symbols.includes(node.default))
          throw new SchemaParseError(
            `${path || '/'}: the enum default "${node.default}" is not one of its symbols`,
          );
        this.define(node, path);
        return node;
      }
      case 'fixed': {
        if (typeof raw.size !== 'number' || !Number.isInteger(raw.size) || raw.size < 0)
          throw new SchemaParseError(`${path || '/'}: a fixed needs a non-negative integer size`);
        const node: NamedNode = {
          kind: 'fixed',
          ...this.named(raw, namespace, path),
          size: raw.size,
          logicalType: logicalTypeOf(raw),
        };
        this.define(node, path);
        return node;
      }
      case 'array':
        return { kind: 'array', items: this.parse(raw.items, namespace, `${path}/[]`) };
      case 'map':
        return { kind: 'map', values: this.parse(raw.values, namespace, `${path}/{}`) };
      default:
        // {"type": "com.acme.Address"} and {"type": ["null", …]} are legal spellings of a reference and a union.
        if (typeof type === 'string' || Array.isArray(type)) return this.parse(type, namespace, path);
        if (isObject(type)) return this.parse(type, namespace, path);
        throw new SchemaParseError(`${path || '/'}: unknown type ${JSON.stringify(type)}`);
    }
  }
}

/**
 * Parses an Avro schema text. `references` are the texts of schemas it refers to by name (the
 * registry's schema references), parsed first so that their named types are known.
 */
export function parseAvroSchema(text: string, references: string[] = []): AvroNode {
  const parser = new AvroParser();
  const parseJson = (t: string, what: string): unknown => {
    try {
      return JSON.parse(t);
    } catch (error) {
      throw new SchemaParseError(`${what} is not JSON: ${(error as Error).message}`);
    }
  };
  references.forEach((ref, i) => parser.parse(parseJson(ref, `reference ${i + 1}`), '', ''));
  return parser.parse(parseJson(text, 'the schema'), '', '');
}

/** The name a union branch is known by (Avro's own rule: named types by full name, others by type). */
export function branchKey(node: AvroNode): string {
  switch (node.kind) {
    case 'primitive':
      return node.type;
    case 'record':
    case 'enum':
    case 'fixed':
      return node.fullName;
    default:
      return node.kind;
  }
}

/** A short name for messages and path tokens: the unqualified name of a named type. */
export function shortName(node: AvroNode): string {
  const key = branchKey(node);
  return key.includes('.') ? key.slice(key.lastIndexOf('.') + 1) : key;
}

/** A type as people read it: `string`, `long (timestamp-millis)`, `array<Item>`, `null | string`. */
export function describeType(node: AvroNode): string {
  switch (node.kind) {
    case 'primitive':
      return node.logicalType ? `${node.type} (${node.logicalType})` : node.type;
    case 'record':
    case 'enum':
      return `${node.kind} ${node.name}`;
    case 'fixed':
      return `fixed ${node.name}[${node.size}]`;
    case 'array':
      return `array<${describeType(node.items)}>`;
    case 'map':
      return `map<${describeType(node.values)}>`;
    case 'union':
      return node.branches.map(describeType).join(' | ');
  }
}

/** Appends one token to a JSON pointer, escaped as RFC 6901 says. */
export function pointer(path: string, token: string): string {
  return `${path}/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
