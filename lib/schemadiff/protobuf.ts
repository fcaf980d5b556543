import protobuf from 'protobufjs';
import type { CompatibilityProblem, ReadVerdict, SchemaChange } from './types';
import { SchemaParseError } from './types';

/**
 * Protobuf review: messages and their fields by number (the wire knows numbers, not names, so a
 * renamed field is not a removed one and a reused number is an error), type changes that are or
 * are not wire-compatible, `reserved`, `oneof` and enum values. Pure (protobufjs parses only).
 *
 * Paths are `/<Message>/<field>`, the message named relative to the package (`/Order.Line/sku`).
 */

interface Field {
  name: string;
  id: number;
  /** Scalar name, or the full name of a message or enum type. */
  type: string;
  kind: 'scalar' | 'message' | 'enum';
  repeated: boolean;
  required: boolean;
  oneof: string | null;
}

interface Message {
  name: string;
  fields: Map<number, Field>;
  reservedNumbers: [number, number][];
  reservedNames: string[];
}

interface Schema {
  messages: Map<string, Message>;
  enums: Map<string, Map<number, string>>;
}

function parse(text: string): Schema {
  let root: protobuf.Root;
  let pkg = '';
  try {
    const parsed = protobuf.parse(text, new protobuf.Root(), { keepCase: true, alternateCommentMode: true });
    root = parsed.root;
    pkg = parsed.package ?? '';
  } catch (error) {
    throw new SchemaParseError((error as Error).message);
  }
  const relative = (fullName: string) => {
    const name = fullName.replace(/^\./, '');
    return pkg && name.startsWith(`${pkg}.`) ? name.slice(pkg.length + 1) : name;
  };
  try {
    // Resolves types and edition features (proto2 `required` is a feature); an unresolved import leaves fields by name.
    root.resolveAll();
  } catch {
    // compared by name below
  }
  const schema: Schema = { messages: new Map(), enums: new Map() };
  const visit = (ns: protobuf.NamespaceBase) => {
    for (const nested of ns.nestedArray) {
      if (nested instanceof protobuf.Type) {
        const fields = new Map<number, Field>();
        for (const f of nested.fieldsArray) {
          let resolved: protobuf.ReflectionObject | null = null;
          try {
            resolved = f.resolve().resolvedType;
          } catch {
            resolved = null; // an imported type (google.protobuf.Timestamp): compared by name
          }
          const kind =
            resolved instanceof protobuf.Type
              ? 'message'
              : resolved instanceof protobuf.Enum
                ? 'enum'
                : f.type in protobuf.types.basic
                  ? 'scalar'
                  : 'message';
          fields.set(f.id, {
            name: f.name,
            id: f.id,
            type: resolved ? relative(resolved.fullName) : f.type,
            kind,
            repeated: f.repeated,
            required: f.required,
            oneof: f.partOf && !f.partOf.name.startsWith('_') ? f.partOf.name : null, // proto3 `optional` is a synthetic oneof "_name"
          });
        }
        const reserved = nested.reserved ?? [];
        schema.messages.set(relative(nested.fullName), {
          name: relative(nested.fullName),
          fields,
          reservedNumbers: reserved
            .filter((r): r is number[] => Array.isArray(r))
            .map((r) => [r[0]!, r[1]!] as [number, number]),
          reservedNames: reserved.filter((r): r is string => typeof r === 'string'),
        });
      } else if (nested instanceof protobuf.Enum) {
        schema.enums.set(
          relative(nested.fullName),
          new Map(Object.entries(nested.values).map(([name, n]) => [n, name])),
        );
      }
      if (nested instanceof protobuf.Namespace) visit(nested);
    }
  };
  visit(root);
  if (schema.messages.size === 0) throw new SchemaParseError('the schema defines no message');
  return schema;
}

export function parseProtobufSchema(text: string): void {
  parse(text);
}

/** Wire types: values of one group read as each other (numbers may be truncated, but the bytes parse). */
const WIRE_GROUP: Record<string, string> = {
  int32: 'varint',
  int64: 'varint',
  uint32: 'varint',
  uint64: 'varint',
  bool: 'varint',
  sint32: 'zigzag',
  sint64: 'zigzag',
  fixed32: 'fixed32',
  sfixed32: 'fixed32',
  float: 'float',
  fixed64: 'fixed64',
  sfixed64: 'fixed64',
  double: 'double',
  string: 'length',
  bytes: 'length',
};

const describe = (f: Field) => `${f.repeated ? 'repeated ' : f.required ? 'required ' : ''}${f.type}`;
const pointer = (message: string, field?: string) =>
  `/${message.replace(/~/g, '~0').replace(/\//g, '~1')}${field === undefined ? '' : `/${field}`}`;

/** Why a reader field cannot read the bytes of a writer field with the same number, or null. */
function wireMismatch(r: Field, w: Field): string | null {
  if (r.repeated !== w.repeated) return `one is repeated and the other is not`;
  if (r.type === w.type) return null;
  if (r.kind === 'enum' && w.kind === 'enum') return null; // both varints: values map by number
  if (
    (r.kind === 'enum' && WIRE_GROUP[w.type] === 'varint') ||
    (w.kind === 'enum' && WIRE_GROUP[r.type] === 'varint')
  )
    return null;
  if (r.kind === 'message' || w.kind === 'message') {
    // A message is length-delimited like bytes; two different messages rarely parse as each other.
    return r.kind === 'message' && w.kind === 'message'
      ? `message ${w.type} is read as message ${r.type}`
      : `${w.type} is read as ${r.type}`;
  }
  const rg = WIRE_GROUP[r.type];
  const wg = WIRE_GROUP[w.type];
  return rg !== undefined && rg === wg ? null : `${w.type} is read as ${r.type}: different wire types`;
}

function reservedIn(m: Message, id: number, name: string): boolean {
  return m.reservedNumbers.some(([a, b]) => id >= a && id <= b) || m.reservedNames.includes(name);
}

export function diffProtobuf(beforeText: string, afterText: string): SchemaChange[] {
  const a = parse(beforeText);
  const b = parse(afterText);
  const changes: SchemaChange[] = [];
  for (const [name] of a.messages)
    if (!b.messages.has(name))
      changes.push({ kind: 'field-removed', path: pointer(name), message: `message ${name} removed` });
  for (const [name, nm] of b.messages) {
    const om = a.messages.get(name);
    if (!om) {
      changes.push({ kind: 'field-added', path: pointer(name), message: `message ${name} added` });
      continue;
    }
    for (const [id, of] of om.fields) {
      if (nm.fields.has(id)) continue;
      const reserved = reservedIn(nm, id, of.name)
        ? ', its number reserved'
        : ' (its number is not reserved: it could be reused by mistake)';
      changes.push({
        kind: 'field-removed',
        path: pointer(name, of.name),
        message: `field \`${of.name}\` = ${id} (${describe(of)}) removed${reserved}`,
        before: describe(of),
      });
    }
    for (const [id, nf] of nm.fields) {
      const of = om.fields.get(id);
      const at = pointer(name, nf.name);
      if (!of) {
        const reuse = reservedIn(om, id, nf.name) ? ' (reusing a reserved number)' : '';
        changes.push({
          kind: 'field-added',
          path: at,
          message: `field \`${nf.name}\` = ${id} (${describe(nf)}) added${reuse}`,
          after: describe(nf),
        });
        continue;
      }
      if (of.name !== nf.name)
        changes.push({
          kind: 'field-renamed',
          path: at,
          message: `field ${id} renamed from \`${of.name}\` to \`${nf.name}\` (the wire carries numbers, not names)`,
          before: of.name,
          after: nf.name,
        });
      if (describe(of) !== describe(nf)) {
        const mismatch = wireMismatch(nf, of);
        changes.push({
          kind: 'type-changed',
          path: at,
          message: `type of \`${nf.name}\` changed from ${describe(of)} to ${describe(nf)}${mismatch ? ` (not wire-compatible: ${mismatch})` : ' (wire-compatible)'}`,
          before: describe(of),
          after: describe(nf),
        });
      }
      if (of.oneof !== nf.oneof)
        changes.push({
          kind: 'type-changed',
          path: at,
          message: `\`${nf.name}\` moved ${of.oneof ? `out of oneof ${of.oneof}` : 'from no oneof'} ${nf.oneof ? `into oneof ${nf.oneof}` : 'to no oneof'}`,
        });
    }
  }
  for (const [name, nv] of b.enums) {
    const ov = a.enums.get(name);
    if (!ov) continue;
    for (const [n, sym] of nv)
      if (!ov.has(n))
        changes.push({
          kind: 'enum-symbol-added',
          path: pointer(name),
          message: `value \`${sym}\` = ${n} added to ${name}`,
          after: sym,
        });
    for (const [n, sym] of ov)
      if (!nv.has(n))
        changes.push({
          kind: 'enum-symbol-removed',
          path: pointer(name),
          message: `value \`${sym}\` = ${n} removed from ${name} (old readers and new ones keep it as an unknown number)`,
          before: sym,
        });
  }
  return changes;
}

/**
 * Can a reader parse what a writer wrote? Fields are matched by number: a number whose type is
 * not wire-compatible (or reused for another field) breaks reading; a required field (proto2)
 * the writer does not write breaks it too; fields joined into one oneof lose data.
 */
export function checkProtobufCanRead(
  readerText: string,
  writerText: string,
  labels: { reader: string; writer: string },
): ReadVerdict {
  const reader = parse(readerText);
  const writer = parse(writerText);
  const problems: CompatibilityProblem[] = [];
  for (const [name, rm] of reader.messages) {
    const wm = writer.messages.get(name);
    if (!wm) continue;
    for (const [id, rf] of rm.fields) {
      const wf = wm.fields.get(id);
      const at = pointer(name, rf.name);
      if (!wf) {
        if (rf.required) {
          problems.push({
            path: at,
            rule: 'REQUIRED_PROPERTY_ADDED',
            message: `${labels.reader} requires \`${rf.name}\` = ${id}, which ${labels.writer} does not write`,
            hint: `make \`${rf.name}\` optional in ${labels.reader}`,
          });
        }
        continue;
      }
      const mismatch = wireMismatch(rf, wf);
      if (mismatch) {
        const reused = rf.name !== wf.name;
        problems.push({
          path: at,
          rule: reused ? 'FIELD_NUMBER_REUSED' : 'TYPE_MISMATCH',
          message: reused
            ? `number ${id} is \`${wf.name}\` (${describe(wf)}) in ${labels.writer} but \`${rf.name}\` (${describe(rf)}) in ${labels.reader}: ${mismatch}`
            : `\`${rf.name}\` = ${id}: ${mismatch}`,
          hint: reused
            ? `give \`${rf.name}\` a new number and reserve ${id} (and the name \`${wf.name}\`)`
            : `keep ${describe(wf)}, or use a wire-compatible type (int32/int64/uint32/uint64/bool, sint32/sint64, fixed32/sfixed32, fixed64/sfixed64, string/bytes), or add a field with a new number`,
        });
      }
    }
    // Fields one oneof in the reader but separate in the writer: a record that set several keeps one.
    const groups = new Map<string, Field[]>();
    for (const f of rm.fields.values()) if (f.oneof) groups.set(f.oneof, [...(groups.get(f.oneof) ?? []), f]);
    for (const [oneof, members] of groups) {
      const inWriter = members.map((f) => wm.fields.get(f.id)).filter((f): f is Field => f !== undefined);
      const writerOneofs = new Set(inWriter.map((f) => f.oneof));
      if (inWriter.length >= 2 && (writerOneofs.size > 1 || writerOneofs.has(null))) {
        problems.push({
          path: pointer(name, oneof),
          rule: 'ONEOF_CHANGED',
          message: `${labels.reader} puts ${inWriter.map((f) => `\`${f.name}\``).join(', ')} into oneof ${oneof}, but ${labels.writer} may set them together`,
          hint: `leave existing fields out of the oneof; a oneof may only gain new fields or wrap one existing field`,
        });
      }
    }
  }
  return { compatible: problems.length === 0, problems };
}
