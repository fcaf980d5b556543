/**
 * The console shows Avro values with logical types made readable (a timestamp-millis long as an
 * ISO time, a date as "2025-01-31"); producing wants the numbers back. This turns such readable
 * values of an edited dead letter back into what the Avro encoder takes, by walking the writer's
 * schema. Anything it does not recognise is left for the encoder to judge. Pure.
 */

type Schema =
  | string
  | Schema[]
  | {
      type: Schema;
      name?: string;
      namespace?: string;
      fields?: { name: string; type: Schema }[];
      items?: Schema;
      values?: Schema;
      logicalType?: string;
    };

const DAY_MS = 86_400_000;

function fromReadable(logicalType: string | undefined, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  if (logicalType === 'timestamp-millis' || logicalType === 'local-timestamp-millis') return ms;
  if (logicalType === 'timestamp-micros' || logicalType === 'local-timestamp-micros') return ms * 1000;
  if (logicalType === 'date') return Math.floor(ms / DAY_MS);
  return value;
}

export function toEncodableJson(
  schema: unknown,
  value: unknown,
  named = new Map<string, Schema>(),
  namespace = '',
): unknown {
  const s = schema as Schema;
  if (typeof s === 'string') {
    const ref = named.get(s) ?? named.get(namespace ? `${namespace}.${s}` : s);
    return ref ? toEncodableJson(ref, value, named, namespace) : value;
  }
  if (Array.isArray(s)) {
    if (value === null) return null;
    const branches = s.filter((b) => b !== 'null');
    return branches.length === 1 ? toEncodableJson(branches[0], value, named, namespace) : value;
  }
  if (!s || typeof s !== 'object') return value;
  if (s.name) {
    const ns = s.name.includes('.') ? s.name.slice(0, s.name.lastIndexOf('.')) : (s.namespace ?? namespace);
    const full = s.name.includes('.') ? s.name : ns ? `${ns}.${s.name}` : s.name;
    named.set(full, s);
    named.set(s.name, s);
    namespace = ns;
  }
  if (s.logicalType) return fromReadable(s.logicalType, value);
  if (s.type === 'record' && s.fields && value && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const f of s.fields)
      if (f.name in out) out[f.name] = toEncodableJson(f.type, out[f.name], named, namespace);
    return out;
  }
  if (s.type === 'array' && Array.isArray(value))
    return value.map((v) => toEncodableJson(s.items, v, named, namespace));
  if (s.type === 'map' && value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, toEncodableJson(s.values, v, named, namespace)]),
    );
  if (
    typeof s.type === 'object' ||
    (typeof s.type === 'string' && !['record', 'array', 'map', 'enum', 'fixed'].includes(s.type))
  )
    return toEncodableJson(s.type, value, named, namespace);
  return value;
}
