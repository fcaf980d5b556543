import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import type { SubjectList, SubjectSummary } from '@/lib/schemas/subjects';
import { registryFor } from '@/lib/registry';
import { topicsOfSubjects } from './subject-topics';

/** How many subjects are asked about at once: a registry is one small service. */
const CONCURRENCY = 8;

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Every subject with its schema type, version count (soft-deleted ones apart), latest version
 * and id, the level that applies to it and the topics that use it by TopicNameStrategy.
 */
export async function listSubjects(
  cluster: ClusterConfig,
  query: { q?: string; type?: 'AVRO' | 'JSON' | 'PROTOBUF' } = {},
): Promise<SubjectList> {
  const registry = registryFor(cluster);
  const needle = query.q?.trim().toLowerCase() ?? '';
  const names = (await registry.listSubjects())
    .filter((s) => needle === '' || s.toLowerCase().includes(needle))
    .sort((a, b) => a.localeCompare(b));
  const [globalCompatibility, topics, rows] = await Promise.all([
    registry.getGlobalCompatibility(),
    topicsOfSubjects(cluster, names),
    mapLimited(names, CONCURRENCY, async (subject) => {
      const [versions, all, latest, compatibility] = await Promise.all([
        registry.listVersions(subject),
        registry.listVersionsIncludingDeleted(subject),
        registry.getSubjectVersion(subject, 'latest'),
        registry.getSubjectCompatibility(subject),
      ]);
      return { subject, versions, deleted: all.length - versions.length, latest, compatibility };
    }),
  ]);
  const subjects: SubjectSummary[] = rows
    .filter((r) => query.type === undefined || r.latest.schemaType === query.type)
    .map((r) => ({
      subject: r.subject,
      schemaType: r.latest.schemaType,
      versionCount: r.versions.length,
      deletedVersionCount: r.deleted,
      latestVersion: r.latest.version,
      latestId: r.latest.id,
      compatibility: r.compatibility,
      topics: topics.bySubject.get(r.subject) ?? [],
    }));
  return { subjects, globalCompatibility, problems: topics.problem ? { topics: topics.problem } : {} };
}
