/**
 * A JSON skeleton of a value for an Avro schema, to start the produce form from: defaults where
 * the schema has them, otherwise an empty value of the field's type; a union takes its first
 * branch that is not null. Works on the schema JSON itself (no avsc), so the browser can use it.
 */

type Schema = unknown;

interface Named {
  type: string;
  name?: string;
  namespace?: string;
  fields?: { name: string; type: Schema; default?: unknown }[];
  symbols?: string[];
  items?: Schema;
  values?: Schema;
  size?: number;
  logicalType?: string;
}

function fullName(name: string, namespace: string | undefined): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

export function avroTemplate(schema: Schema): unknown {
  const named = new Map<string, Named>();
  const visiting = new Set<string>();

  function walk(s: Schema, namespace: string | undefined): unknown {
    if (typeof s === 'string') {
      switch (s) {
        case 'null':
          return null;
        case 'boolean':
          return false;
        case 'int':
        case 'long':
        case 'float':
        case 'double':
          return 0;
        case 'string':
        case 'bytes':
          return '';
        default: {
          const ref = named.get(fullName(s, namespace)) ?? named.get(s);
          if (!ref) return null;
          return walk(ref, ref.namespace ?? namespace);
        }
      }
    }
    if (Array.isArray(s)) {
      const branch = s.find((b) => b !== 'null') ?? 'null';
      return walk(branch, namespace);
    }
    if (!s || typeof s !== 'object') return null;
    const n = s as Named;
    const ns = n.namespace ?? (n.name?.includes('.') ? n.name.slice(0, n.name.lastIndexOf('.')) : namespace);
    if (n.name && ['record', 'error', 'enum', 'fixed'].includes(n.type))
      named.set(fullName(n.name, ns), { ...n, namespace: ns });
    switch (n.type) {
      case 'record':
      case 'error': {
        const key = fullName(n.name ?? '', ns);
        if (visiting.has(key)) return null; // recursive type: stop
        visiting.add(key);
        const out: Record<string, unknown> = {};
        for (const f of n.fields ?? []) out[f.name] = f.default !== undefined ? f.default : walk(f.type, ns);
        visiting.delete(key);
        return out;
      }
      case 'enum':
        return n.symbols?.[0] ?? '';
      case 'fixed':
        return '\u0000'.repeat(n.size ?? 0);
      case 'array':
        return [];
      case 'map':
        return {};
      default:
        return walk(n.type, ns);
    }
  }

  return walk(schema, undefined);
}
