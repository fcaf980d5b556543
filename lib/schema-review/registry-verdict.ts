import 'server-only';
import { toErrorBody } from '@/lib/errors/app-error';
import type { CompatibilityLevel, ReadVerdict } from '@/lib/schemadiff';
import type { RegistryClient, SchemaReference, SchemaType } from '@/lib/registry';

export type RegistryVerdict =
  | { status: 'answered'; compatible: boolean; messages: string[] }
  | { status: 'failed'; error: { code: string; message: string } };

/** Our verdict for one pair under a level (for a single pair, transitive means the same). */
export function pairCompatibleUnderLevel(
  level: CompatibilityLevel,
  backward: ReadVerdict,
  forward: ReadVerdict,
): boolean {
  if (level === 'NONE') return true;
  if (level.startsWith('BACKWARD')) return backward.compatible;
  if (level.startsWith('FORWARD')) return forward.compatible;
  return backward.compatible && forward.compatible;
}

/** The registry's answer, or why there is none: a registry that fails never hides our verdict. */
export async function askRegistry(
  registry: RegistryClient,
  subject: string,
  version: number | 'latest' | 'all',
  candidate: { schema: string; schemaType: SchemaType; references: SchemaReference[] },
): Promise<RegistryVerdict> {
  try {
    const answer = await registry.checkCompatibility(
      subject,
      version,
      candidate.schema,
      candidate.schemaType,
      candidate.references,
    );
    return { status: 'answered', ...answer };
  } catch (error) {
    return { status: 'failed', error: toErrorBody(error).body.error };
  }
}

export function agreement(ours: boolean, registry: RegistryVerdict): boolean | null {
  return registry.status === 'answered' ? registry.compatible === ours : null;
}
