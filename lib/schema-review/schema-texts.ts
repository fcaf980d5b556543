import 'server-only';
import { avroCanonicalForm, parseAvroSchema, prettySchemaText, type SchemaText } from '@/lib/schemadiff';
import type { RegistryClient, SchemaReference, SchemaType, SubjectVersion } from '@/lib/registry';

/**
 * The texts of every schema a schema refers to, dependencies first, each once: what the Avro
 * parser needs to know the named types a referencing schema uses.
 */
export async function resolveReferenceTexts(
  registry: RegistryClient,
  references: readonly SchemaReference[],
  seen = new Set<string>(),
): Promise<string[]> {
  const texts: string[] = [];
  for (const ref of references) {
    const key = `${ref.subject}@${ref.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const target = await registry.getSubjectVersionIncludingDeleted(ref.subject, ref.version);
    texts.push(...(await resolveReferenceTexts(registry, target.references, seen)), target.schema);
  }
  return texts;
}

/** Avro's Parsing Canonical Form, or null for other schema types or a text that does not parse. */
export function canonicalOf(schemaType: SchemaType, schema: string, referenceTexts: string[]): string | null {
  if (schemaType !== 'AVRO') return null;
  try {
    return avroCanonicalForm(parseAvroSchema(schema, referenceTexts));
  } catch {
    return null;
  }
}

export interface LoadedVersion {
  version: SubjectVersion;
  referenceTexts: string[];
  text: SchemaText;
  view: { version: number; id: number; pretty: string; canonical: string | null };
}

/** A registered version with what the diff and the pages need. */
export async function loadVersion(
  registry: RegistryClient,
  subject: string,
  version: number | 'latest',
  label?: string,
): Promise<LoadedVersion> {
  const found =
    version === 'latest'
      ? await registry.getSubjectVersion(subject, 'latest')
      : await registry.getSubjectVersionIncludingDeleted(subject, version);
  const referenceTexts = await resolveReferenceTexts(registry, found.references);
  return {
    version: found,
    referenceTexts,
    text: {
      schemaType: found.schemaType,
      schema: found.schema,
      references: referenceTexts,
      label: label ?? `v${found.version}`,
    },
    view: {
      version: found.version,
      id: found.id,
      pretty: prettySchemaText(found.schema),
      canonical: canonicalOf(found.schemaType, found.schema, referenceTexts),
    },
  };
}
