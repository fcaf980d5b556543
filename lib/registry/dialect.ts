/**
 * Where registries that speak the Confluent API differ, in one place. Everything else in the
 * client is the Confluent contract.
 *
 * - Config bodies: Confluent answers `{ compatibilityLevel }` and accepts `{ compatibility }`;
 *   some versions and Apicurio's ccompat answer either spelling.
 * - An unset subject level: Confluent answers 404 (40408) to `GET /config/{subject}`, Apicurio
 *   answers `NONE`, and a subject set to `NONE` there falls back to the global level. So the
 *   effective level is asked with `defaultToGlobal=true` (both honour it) and the subject's own
 *   level counts only when it is what applies. Setting a subject to `NONE` on Apicurio removes
 *   its rule, so the global level still applies: a change is always read back, never assumed.
 * - Compatibility checks: Confluent's `verbose=true` lists messages; Apicurio answers
 *   `{ is_compatible }` only, and puts its reasons in the 409 of a refused registration.
 * - Ids: Apicurio's ids are content ids (one id per distinct text across subjects), Confluent's
 *   are schema ids; both are what serializers put in the record, so the console treats them alike.
 * - Texts: Apicurio hands Avro back compacted on one line; the console pretty-prints every text.
 */

import { COMPATIBILITY_LEVELS, type CompatibilityLevel } from '@/lib/schemadiff/types';

/** The level in a config body, whichever spelling the registry used; null when it has none. */
export function readCompatibilityLevel(body: unknown): CompatibilityLevel | null {
  if (typeof body !== 'object' || body === null) return null;
  const raw =
    (body as { compatibilityLevel?: unknown; compatibility?: unknown }).compatibilityLevel ??
    (body as { compatibility?: unknown }).compatibility;
  return typeof raw === 'string' && (COMPATIBILITY_LEVELS as readonly string[]).includes(raw)
    ? (raw as CompatibilityLevel)
    : null;
}

/** Whose level applies to a subject: its own when the registry's answer for it is the effective one. */
export function levelSource(
  subjectAnswer: CompatibilityLevel | null,
  effective: CompatibilityLevel,
): 'subject' | 'global' {
  return subjectAnswer !== null && subjectAnswer === effective ? 'subject' : 'global';
}

/** The reasons in a compatibility answer: Confluent's `messages`, or none. */
export function readCompatibilityMessages(body: unknown): string[] {
  const messages = (body as { messages?: unknown } | undefined)?.messages;
  return Array.isArray(messages) ? messages.map(String) : [];
}
