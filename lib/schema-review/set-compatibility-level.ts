import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { assertWritable, recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import type { CompatibilityLevel } from '@/lib/schemadiff';
import type { CompatibilityChanged } from '@/lib/schemas/subjects';
import { registryFor } from '@/lib/registry';

/**
 * Sets a subject's compatibility level (or, with `level: null`, removes it so the global level
 * applies), or with `subject: null` the global level. Refused on a read-only cluster; audited
 * with the level before and after, as read back from the registry.
 */
export async function setCompatibilityLevel(
  cluster: ClusterConfig,
  subject: string | null,
  level: CompatibilityLevel | null,
): Promise<CompatibilityChanged> {
  assertWritable(cluster);
  const registry = registryFor(cluster);
  const read = async () =>
    subject === null
      ? { level: await registry.getGlobalCompatibility(), source: 'global' as const }
      : registry.getSubjectCompatibility(subject);
  if (subject !== null) await registry.listVersions(subject); // UNKNOWN_SUBJECT before any change
  const before = await read();
  if (level === null) {
    if (subject === null)
      throw new AppError('BAD_REQUEST', 'the global level cannot be removed, only changed');
    await registry.deleteSubjectCompatibility(subject);
  } else {
    await registry.setCompatibility(subject, level);
  }
  const after = await read();
  await recordAudit(cluster, {
    action: 'set-compatibility',
    target: subject ?? '(global)',
    details: { subject, requested: level, before: before.level, after: after.level, source: after.source },
  }).catch((error: unknown) => {
    throw new AppError(
      'INTERNAL',
      `the level is now ${after.level}, but its audit entry could not be written: ${(error as Error).message}`,
      { cause: error },
    );
  });
  return { subject, before: before.level, after: after.level, source: after.source };
}
