import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { prettySchemaText } from '@/lib/schemadiff';
import type { SubjectDetail } from '@/lib/schemas/subjects';
import { registryFor } from '@/lib/registry';
import { canonicalOf, resolveReferenceTexts } from './schema-texts';
import { topicsOfSubjects } from './subject-topics';

/** One subject: every version oldest first, soft-deleted ones marked, with references both ways. */
export async function getSubject(cluster: ClusterConfig, subject: string): Promise<SubjectDetail> {
  const registry = registryFor(cluster);
  const [live, all, compatibility, globalCompatibility, topics] = await Promise.all([
    registry.listVersions(subject),
    registry.listVersionsIncludingDeleted(subject),
    registry.getSubjectCompatibility(subject),
    registry.getGlobalCompatibility(),
    topicsOfSubjects(cluster, [subject]),
  ]);
  const liveSet = new Set(live);
  const versions = await Promise.all(
    [...all]
      .sort((a, b) => a - b)
      .map(async (v) => {
        const found = await registry.getSubjectVersionIncludingDeleted(subject, v);
        const [referenceTexts, referencedBy] = await Promise.all([
          resolveReferenceTexts(registry, found.references),
          registry.getReferencedBy(subject, v).catch(() => []),
        ]);
        return {
          version: v,
          id: found.id,
          deleted: !liveSet.has(v),
          schemaType: found.schemaType,
          pretty: prettySchemaText(found.schema),
          canonical: canonicalOf(found.schemaType, found.schema, referenceTexts),
          references: found.references,
          referencedBy,
        };
      }),
  );
  const latest = versions.filter((v) => !v.deleted).at(-1) ?? versions.at(-1);
  return {
    subject,
    schemaType: latest?.schemaType ?? 'AVRO',
    compatibility,
    globalCompatibility,
    topics: topics.bySubject.get(subject) ?? [],
    versions,
    problems: topics.problem ? { topics: topics.problem } : {},
  };
}
