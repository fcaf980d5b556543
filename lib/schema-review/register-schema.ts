import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { assertWritable, recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import type { DraftInput, Registered } from '@/lib/schemas/subjects';
import { registryFor } from '@/lib/registry';

/**
 * Registers a schema under a subject: refused on a read-only cluster and unless the subject name
 * is typed again; the registry applies its own compatibility rule and its refusal is passed on
 * in its words. Audited with the subject, id and version (not the text, which the registry keeps).
 */
export async function registerSchema(
  cluster: ClusterConfig,
  subject: string,
  input: DraftInput & { confirm: string },
): Promise<Registered> {
  assertWritable(cluster);
  if (input.confirm !== subject)
    throw new AppError('BAD_REQUEST', `type the subject name "${subject}" to confirm the registration`);
  const registry = registryFor(cluster);
  const before = await registry.listVersions(subject).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'UNKNOWN_SUBJECT') return [] as number[];
    throw error;
  });
  await registry.register(subject, input.schema, input.schemaType, input.references);
  // The version, not only the id: registering a text the subject already has returns its old version.
  const { id, version } = await registry.lookupVersion(
    subject,
    input.schema,
    input.schemaType,
    input.references,
  );
  const alreadyRegistered = before.includes(version);
  await recordAudit(cluster, {
    action: 'register-schema',
    target: subject,
    details: {
      subject,
      id,
      version,
      schemaType: input.schemaType,
      alreadyRegistered,
      references: input.references,
    },
  }).catch((error: unknown) => {
    throw new AppError(
      'INTERNAL',
      `the schema was registered as version ${version} (id ${id}), but its audit entry could not be written: ${(error as Error).message}`,
      { cause: error },
    );
  });
  return { subject, id, version, alreadyRegistered };
}
