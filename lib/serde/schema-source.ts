/**
 * What the decoders need from a schema registry: the client in lib/registry satisfies it, and
 * unit tests pass an in-memory one. Failures are reported with the codes of lib/errors/app-error
 * (`UNKNOWN_SCHEMA`, `UNKNOWN_SUBJECT`, `REGISTRY_UNAVAILABLE`, ...) on an error's `code`.
 */

export type RegistrySchemaType = 'AVRO' | 'JSON' | 'PROTOBUF';

export interface RegistryReference {
  name: string;
  subject: string;
  version: number;
}

export interface RegistrySchema {
  schemaType: RegistrySchemaType;
  schema: string;
  references: RegistryReference[];
}

export interface SchemaSource {
  getSchemaById(id: number): Promise<RegistrySchema>;
  getSubjectVersion(subject: string, version: number): Promise<RegistrySchema & { id: number }>;
  /** Where an id is registered; optional because not every registry answers it. `fresh` skips a cached answer. */
  getSchemaVersions?(
    id: number,
    options?: { fresh?: boolean },
  ): Promise<{ subject: string; version: number }[]>;
  /** The id of a schema GUID (header-carried ids of newer serializers); optional, not every registry has GUIDs. */
  getSchemaIdByGuid?(guid: string): Promise<number>;
}

/** The schema text of every reference, transitively, keyed by reference name, in dependency order. */
export async function resolveReferences(
  source: SchemaSource,
  references: readonly RegistryReference[],
): Promise<Map<string, RegistrySchema>> {
  const resolved = new Map<string, RegistrySchema>();
  const visiting = new Set<string>();
  async function visit(ref: RegistryReference): Promise<void> {
    const key = `${ref.subject}@${ref.version}`;
    if (resolved.has(ref.name) || visiting.has(key)) return;
    visiting.add(key);
    const schema = await source.getSubjectVersion(ref.subject, ref.version);
    for (const inner of schema.references) await visit(inner);
    resolved.set(ref.name, schema);
  }
  for (const ref of references) await visit(ref);
  return resolved;
}
