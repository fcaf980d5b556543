import 'server-only';
import type avro from 'avsc';
import { AppError } from '@/lib/errors/app-error';
import type { RegistryClient, SchemaReference } from '@/lib/registry';
import { compileAvroType } from './avro-json';

/**
 * An avsc type for a registered Avro schema, its references compiled first into the same name
 * registry. Cached per registry client and schema id: a schema id never changes meaning.
 */
const cache = new WeakMap<RegistryClient, Map<number, Promise<avro.Type>>>();

async function compile(
  registry: RegistryClient,
  schema: string,
  references: readonly SchemaReference[],
): Promise<avro.Type> {
  const names: Record<string, avro.Type> = {};
  const done = new Set<string>();
  async function addReferences(refs: readonly SchemaReference[]): Promise<void> {
    for (const ref of refs) {
      const key = `${ref.subject}@${ref.version}`;
      if (done.has(key)) continue;
      done.add(key);
      const referenced = await registry.getSubjectVersion(ref.subject, ref.version);
      await addReferences(referenced.references);
      compileAvroType(JSON.parse(referenced.schema), names);
    }
  }
  await addReferences(references);
  return compileAvroType(JSON.parse(schema), names);
}

export function compileRegisteredAvro(
  registry: RegistryClient,
  registered: { id: number; schemaType: string; schema: string; references: SchemaReference[] },
  label: string,
): Promise<avro.Type> {
  if (registered.schemaType !== 'AVRO') {
    throw new AppError(
      'BAD_REQUEST',
      `${label} is a ${registered.schemaType === 'JSON' ? 'JSON Schema' : registered.schemaType} schema, not Avro; choose the JSON encoding for it`,
    );
  }
  let perRegistry = cache.get(registry);
  if (!perRegistry) {
    perRegistry = new Map();
    cache.set(registry, perRegistry);
  }
  let pending = perRegistry.get(registered.id);
  if (!pending) {
    pending = compile(registry, registered.schema, registered.references).catch((error: unknown) => {
      perRegistry.delete(registered.id);
      if (error instanceof AppError) throw error;
      throw new AppError(
        'BAD_REQUEST',
        `${label} could not be compiled as Avro: ${(error as Error).message}`,
      );
    });
    perRegistry.set(registered.id, pending);
  }
  return pending;
}
