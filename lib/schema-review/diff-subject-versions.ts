import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { compareSchemas, SchemaParseError, unsupportedReason } from '@/lib/schemadiff';
import type { SubjectDiff } from '@/lib/schemas/subjects';
import { registryFor } from '@/lib/registry';
import { agreement, askRegistry, pairCompatibleUnderLevel } from './registry-verdict';
import { loadVersion } from './schema-texts';

/**
 * The field-tree diff of two versions of a subject (default: the latest against the one before),
 * our verdicts both ways, and the registry's own verdict for the same pair under the subject's
 * level, with whether the two agree.
 */
export async function diffSubjectVersions(
  cluster: ClusterConfig,
  subject: string,
  query: { from?: number; to?: number },
): Promise<SubjectDiff> {
  const registry = registryFor(cluster);
  const versions = (await registry.listVersionsIncludingDeleted(subject)).sort((a, b) => a - b);
  const live = (await registry.listVersions(subject)).sort((a, b) => a - b);
  const to = query.to ?? live.at(-1) ?? versions.at(-1)!;
  const from = query.from ?? versions.filter((v) => v < to).at(-1) ?? to;
  for (const v of [from, to]) {
    if (!versions.includes(v))
      throw new AppError(
        'UNKNOWN_SUBJECT',
        `subject "${subject}" has no version ${v} (it has ${versions.join(', ')})`,
      );
  }
  const [older, newer, compatibility] = await Promise.all([
    loadVersion(registry, subject, from),
    loadVersion(registry, subject, to),
    registry.getSubjectCompatibility(subject),
  ]);
  const unsupported = unsupportedReason(older.text, newer.text);
  let comparison = null;
  try {
    if (!unsupported) comparison = compareSchemas(older.text, newer.text);
  } catch (error) {
    if (error instanceof SchemaParseError) throw new AppError('BAD_REQUEST', error.message);
    throw error;
  }
  const registryVerdict = await askRegistry(registry, subject, from, {
    schema: newer.version.schema,
    schemaType: newer.version.schemaType,
    references: newer.version.references,
  });
  const ours = comparison
    ? pairCompatibleUnderLevel(compatibility.level, comparison.backward, comparison.forward)
    : null;
  return {
    subject,
    schemaType: newer.version.schemaType,
    versions,
    from: older.view,
    to: newer.view,
    unsupported,
    changes: comparison?.changes ?? [],
    backward: comparison?.backward ?? null,
    forward: comparison?.forward ?? null,
    level: compatibility.level,
    ours: ours === null ? null : { compatible: ours },
    registry: registryVerdict,
    agree: ours === null ? null : agreement(ours, registryVerdict),
  };
}
