import type { AvroNode } from './avro-model';

/**
 * Avro's Parsing Canonical Form (specification, "Transforming into Parsing Canonical Form"):
 * full names, only the attributes that matter for reading (no doc, aliases, defaults or logical
 * types), keys in the order name, type, fields, symbols, items, values, size, each named type
 * written out once. Two schemas with the same canonical form read the same bytes the same way.
 */
export function avroCanonicalForm(root: AvroNode): string {
  const written = new Set<AvroNode>();
  const form = (node: AvroNode): string => {
    switch (node.kind) {
      case 'primitive':
        return JSON.stringify(node.type);
      case 'array':
        return `{"type":"array","items":${form(node.items)}}`;
      case 'map':
        return `{"type":"map","values":${form(node.values)}}`;
      case 'union':
        return `[${node.branches.map(form).join(',')}]`;
      default: {
        if (written.has(node)) return JSON.stringify(node.fullName);
        written.add(node);
        const name = `"name":${JSON.stringify(node.fullName)}`;
        if (node.kind === 'record')
          return `{${name},"type":"record","fields":[${node.fields.map((f) => `{"name":${JSON.stringify(f.name)},"type":${form(f.type)}}`).join(',')}]}`;
        if (node.kind === 'enum') return `{${name},"type":"enum","symbols":${JSON.stringify(node.symbols)}}`;
        return `{${name},"type":"fixed","size":${node.size}}`;
      }
    }
  };
  return form(root);
}

/** A schema text as people read it: parsed and indented (registries may hand it back on one line). */
export function prettySchemaText(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text; // Protobuf is not JSON and is already laid out by its author.
  }
}
