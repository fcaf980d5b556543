import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import {
  compareSchemas,
  prettySchemaText,
  SchemaParseError,
  unsupportedReason,
  verdictsForCandidate,
  type SchemaText,
} from '@/lib/schemadiff';
import type { DraftCheck, DraftInput } from '@/lib/schemas/subjects';
import { registryFor } from '@/lib/registry';
import { agreement, askRegistry } from './registry-verdict';
import { canonicalOf, loadVersion, resolveReferenceTexts } from './schema-texts';

/**
 * What registering a draft would mean, without registering it: its diff against the latest
 * version, our verdict at every level (transitive ones against every earlier live version) and
 * the registry's own check under the subject's level (against every version a transitive level
 * names), which is what a registration would face.
 */
export async function checkDraft(
  cluster: ClusterConfig,
  subject: string,
  input: DraftInput,
): Promise<DraftCheck> {
  const registry = registryFor(cluster);
  const live = await registry.listVersions(subject).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'UNKNOWN_SUBJECT') return [] as number[];
    throw error;
  });
  const history = await Promise.all(
    [...live].sort((a, b) => a - b).map((v) => loadVersion(registry, subject, v)),
  );
  const compatibility = live.length
    ? await registry.getSubjectCompatibility(subject)
    : { level: await registry.getGlobalCompatibility(), source: 'global' as const };
  const referenceTexts = await resolveReferenceTexts(registry, input.references);
  const draft: SchemaText = {
    schemaType: input.schemaType,
    schema: input.schema,
    references: referenceTexts,
    label: 'the draft',
  };
  const latest = history.at(-1);
  const unsupported = unsupportedReason(draft, ...history.map((h) => h.text));
  const registryVerdict = latest ? await askRegistry(registry, subject, 'all', input) : null;
  const base = {
    subject,
    against: latest?.view ?? null,
    draft: {
      pretty: prettySchemaText(input.schema),
      canonical: canonicalOf(input.schemaType, input.schema, referenceTexts),
    },
    level: compatibility.level,
    registry: registryVerdict,
  };
  if (unsupported)
    return {
      ...base,
      unsupported,
      changes: [],
      backward: null,
      forward: null,
      levels: [],
      ours: null,
      agree: null,
    };
  try {
    const comparison = latest
      ? compareSchemas(latest.text, draft)
      : { ...compareSchemas(draft, draft), changes: [] }; // nothing to compare with: only validate the draft
    const levels = verdictsForCandidate(
      history.map((h) => h.text),
      draft,
    );
    const atLevel = levels.find((l) => l.level === compatibility.level)!;
    return {
      ...base,
      unsupported: null,
      changes: comparison.changes,
      backward: comparison.backward,
      forward: comparison.forward,
      levels,
      ours: { compatible: atLevel.compatible, problems: atLevel.problems },
      agree: registryVerdict ? agreement(atLevel.compatible, registryVerdict) : null,
    };
  } catch (error) {
    if (error instanceof SchemaParseError) throw new AppError('BAD_REQUEST', error.message);
    throw error;
  }
}
