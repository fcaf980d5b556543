import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError, toErrorBody } from '@/lib/errors/app-error';
import { describeTopicLayouts } from '@/lib/kafka/topic-partitions';
import { registryFor } from '@/lib/registry';
import type { ProduceOptions } from '@/lib/schemas/produce';
import { defaultValueSubject } from './prepare-message';

/**
 * What the produce form offers for a topic: its partitions, and from the registry every subject,
 * the versions of the chosen subject (default `<topic>-value`) and the schema of one version.
 * A registry that is down is reported in words; JSON and text still work then.
 */
export async function getProduceOptions(
  cluster: ClusterConfig,
  topic: string,
  query: { subject?: string; version?: string },
): Promise<ProduceOptions> {
  const { topics } = await describeTopicLayouts(cluster, [topic]);
  const defaultSubject = defaultValueSubject(topic);
  const base = {
    partitionCount: topics[0]?.partitions.length ?? 0,
    readOnly: cluster.readOnly,
    defaultSubject,
  };
  if (!cluster.registry) return { ...base, registry: { status: 'not-configured' } };
  const registry = registryFor(cluster);
  const subject = query.subject ?? defaultSubject;
  try {
    const subjects = (await registry.listSubjects()).sort((a, b) => a.localeCompare(b));
    let versions: number[] = [];
    let schema: Extract<ProduceOptions['registry'], { status: 'up' }>['schema'] = null;
    if (subjects.includes(subject)) {
      versions = (await registry.listVersions(subject)).sort((a, b) => a - b);
      const wanted = query.version && query.version !== 'latest' ? Number(query.version) : 'latest';
      try {
        const found = await registry.getSubjectVersion(subject, wanted);
        schema = { version: found.version, id: found.id, schemaType: found.schemaType, schema: found.schema };
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'UNKNOWN_SUBJECT')) throw error;
      }
    }
    return { ...base, registry: { status: 'up', subjects, subject, versions, schema } };
  } catch (error) {
    return { ...base, registry: { status: 'down', problem: toErrorBody(error).body.error } };
  }
}
