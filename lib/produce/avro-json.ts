import avro from 'avsc';

/**
 * JSON, as a person types it, to the value avsc writes, with every problem named by its field:
 * `payload.amountCents: expected long, got "abc"`. Pure: no registry, no Kafka.
 *
 * What is accepted beyond avsc's own in-memory form:
 * - unions written plainly (`"correlationId": "abc"`) as well as in Avro's JSON encoding
 *   (`{"string": "abc"}`, or a record branch by its full or short name); a plain value goes to the
 *   branch it fits;
 * - missing fields that have a default get the default;
 * - `bytes` and `fixed` as strings of code points 0-255 (Avro's JSON encoding).
 *
 * The type must be compiled with `wrapUnions: true` (see `compileAvroType`), so that every union
 * value this produces is unambiguous. The final verdict is avsc's `isValid` with an error hook.
 */

export interface AvroFieldError {
  /** Dotted path into the value (`items[2].sku`); empty for the value itself. */
  path: string;
  message: string;
}

export type AvroJsonResult = { ok: true; value: unknown } | { ok: false; errors: AvroFieldError[] };

export function compileAvroType(schema: unknown, registry?: Record<string, avro.Type>): avro.Type {
  return avro.Type.forSchema(schema as avro.Schema, { wrapUnions: true, ...(registry ? { registry } : {}) });
}

// avsc's runtime shapes that its type declarations leave out.
interface AvroField {
  name: string;
  type: avro.Type;
  aliases: string[];
  defaultValue(): unknown;
}
type RecordLike = avro.Type & { fields: AvroField[] };
type UnionLike = avro.Type & { types: avro.Type[] };
type ArrayLike = avro.Type & { itemsType: avro.Type };
type MapLike = avro.Type & { valuesType: avro.Type };
type EnumLike = avro.Type & { symbols: string[] };
type FixedLike = avro.Type & { size: number };

type Segment =
  { kind: 'field' | 'key'; name: string } | { kind: 'index'; index: number } | { kind: 'branch' };

function kindOf(type: avro.Type): string {
  const t = type.typeName;
  if (t === 'record' || t === 'error' || t === 'map') return 'object';
  if (t === 'array') return 'array';
  if (t === 'string' || t === 'enum' || t === 'bytes' || t === 'fixed') return 'string';
  if (t === 'int' || t === 'long' || t === 'float' || t === 'double') return 'number';
  if (t === 'boolean') return 'boolean';
  if (t === 'null') return 'null';
  return 'other';
}

function kindOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function shortName(name: string | undefined): string | undefined {
  return name?.slice(name.lastIndexOf('.') + 1);
}

/** The type in words, for "expected …". */
export function describeAvroType(type: avro.Type, depth = 0): string {
  const t = type.typeName;
  switch (t) {
    case 'record':
    case 'error':
      return `record ${shortName(type.name)}`;
    case 'enum': {
      const symbols = (type as EnumLike).symbols;
      const listed = symbols.length > 8 ? `${symbols.slice(0, 8).join(', ')}, …` : symbols.join(', ');
      return `one of ${listed} (enum ${shortName(type.name)})`;
    }
    case 'fixed':
      return `fixed ${shortName(type.name)} (${(type as FixedLike).size} bytes)`;
    case 'array':
      return depth > 1 ? 'array' : `array of ${describeAvroType((type as ArrayLike).itemsType, depth + 1)}`;
    case 'map':
      return depth > 1 ? 'map' : `map of ${describeAvroType((type as MapLike).valuesType, depth + 1)}`;
    case 'union:wrapped':
    case 'union:unwrapped':
      return (type as UnionLike).types.map((b) => describeAvroType(b, depth + 1)).join(' or ');
    default:
      return t;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Buffer.isBuffer(value)) return `${value.length} bytes`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function formatPath(segments: readonly Segment[]): string {
  let out = '';
  for (const s of segments) {
    if (s.kind === 'branch') continue;
    if (s.kind === 'index') out += `[${s.index}]`;
    else if (s.kind === 'key')
      out += /^[A-Za-z_][A-Za-z0-9_]*$/.test(s.name) ? `.${s.name}` : `[${JSON.stringify(s.name)}]`;
    else out += out === '' ? s.name : `.${s.name}`;
  }
  return out.startsWith('.') ? out.slice(1) : out;
}

class Converter {
  readonly errors: { path: Segment[]; message: string }[] = [];

  convert(type: avro.Type, value: unknown, path: Segment[]): unknown {
    switch (type.typeName) {
      case 'record':
      case 'error':
        return this.record(type as RecordLike, value, path);
      case 'array':
        if (!Array.isArray(value)) return value;
        return value.map((item, index) =>
          this.convert((type as ArrayLike).itemsType, item, [...path, { kind: 'index', index }]),
        );
      case 'map': {
        if (!isPlainObject(value)) return value;
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value))
          out[k] = this.convert((type as MapLike).valuesType, v, [...path, { kind: 'key', name: k }]);
        return out;
      }
      case 'bytes':
      case 'fixed':
        if (typeof value !== 'string') return value;
        if (/[^\u0000-\u00ff]/.test(value)) {
          this.errors.push({
            path,
            message: `expected ${describeAvroType(type)} written as a string of characters \\u0000-\\u00ff, got ${describeValue(value)}`,
          });
          return value;
        }
        return Buffer.from(value, 'latin1');
      case 'union:wrapped':
        return this.union(type as UnionLike, value, path);
      default:
        return value;
    }
  }

  private record(type: RecordLike, value: unknown, path: Segment[]): unknown {
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    const known = new Set(type.fields.map((f) => f.name));
    for (const key of Object.keys(value)) {
      if (known.has(key)) continue;
      const renamed = type.fields.find((f) => f.aliases?.includes(key));
      this.errors.push({
        path: [...path, { kind: 'field', name: key }],
        message: renamed
          ? `unknown field; this schema version calls it "${renamed.name}"`
          : `unknown field of ${describeAvroType(type)}`,
      });
    }
    for (const field of type.fields) {
      const fieldPath: Segment[] = [...path, { kind: 'field', name: field.name }];
      if (value[field.name] === undefined) {
        const fallback = field.defaultValue();
        // No default: left missing, for isValid to report.
        if (fallback !== undefined) out[field.name] = fallback;
        continue;
      }
      out[field.name] = this.convert(field.type, value[field.name], fieldPath);
    }
    return out;
  }

  private union(type: UnionLike, value: unknown, path: Segment[]): unknown {
    if (value === null) return null;
    // Avro's JSON encoding: { "<branch name>": value }, the name full or short.
    if (isPlainObject(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1) {
        const key = keys[0]!;
        const branch =
          type.types.find((b) => b.branchName === key) ??
          type.types.find((b) => b.name !== undefined && shortName(b.name) === key);
        if (branch)
          return { [branch.branchName!]: this.convert(branch, value[key], [...path, { kind: 'branch' }]) };
      }
    }
    // A plain value: the branches of its JSON kind, the first it fits best.
    const kind = kindOfValue(value);
    const candidates = type.types.filter((b) => kindOf(b) === kind);
    if (candidates.length === 0) return value; // isValid says "expected null or string, got 5"
    let best:
      { branch: avro.Type; converted: unknown; errors: Converter['errors']; score: number } | undefined;
    for (const branch of candidates) {
      const trial = new Converter();
      const converted = trial.convert(branch, value, [...path, { kind: 'branch' }]);
      let score = trial.errors.length;
      branch.isValid(converted, { errorHook: () => score++ });
      if (!best || score < best.score) best = { branch, converted, errors: trial.errors, score };
      if (score === 0) break;
    }
    this.errors.push(...best!.errors);
    return { [best!.branch.branchName!]: best!.converted };
  }
}

/**
 * Converts and validates. Problems found while converting (unknown fields) and avsc's verdict
 * are reported together, one per field, in document order.
 */
export function avroValueFromJson(type: avro.Type, json: unknown): AvroJsonResult {
  const converter = new Converter();
  const value = converter.convert(type, json, []);
  const errors: AvroFieldError[] = converter.errors.map((e) => ({
    path: formatPath(e.path),
    message: e.message,
  }));
  type.isValid(value, {
    errorHook: (rawPath: string[], got: unknown, expected: avro.Type) => {
      const path = formatPath(segmentsAlong(type, rawPath));
      const message =
        got === undefined
          ? `missing (expected ${describeAvroType(expected)})`
          : `expected ${describeAvroType(expected)}, got ${describeValue(got)}`;
      errors.push({ path, message });
    },
  });
  if (errors.length > 0) return { ok: false, errors: dedupe(errors) };
  return { ok: true, value };
}

/** avsc's error paths are strings; walking the type tells field names, indexes and branches apart. */
function segmentsAlong(root: avro.Type, raw: readonly string[]): Segment[] {
  const segments: Segment[] = [];
  let type: avro.Type | undefined = root;
  for (const part of raw) {
    switch (type?.typeName) {
      case 'record':
      case 'error':
        segments.push({ kind: 'field', name: part });
        type = (type as RecordLike).fields.find((f) => f.name === part)?.type;
        break;
      case 'array':
        segments.push({ kind: 'index', index: Number(part) });
        type = (type as ArrayLike).itemsType;
        break;
      case 'map':
        segments.push({ kind: 'key', name: part });
        type = (type as MapLike).valuesType;
        break;
      case 'union:wrapped':
        segments.push({ kind: 'branch' });
        type = (type as UnionLike).types.find((b) => b.branchName === part);
        break;
      default:
        segments.push({ kind: 'field', name: part });
        type = undefined;
    }
  }
  return segments;
}

function dedupe(errors: AvroFieldError[]): AvroFieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
