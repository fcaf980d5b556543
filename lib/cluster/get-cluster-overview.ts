import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { redactUrl } from '@/lib/config/redact';
import { toErrorBody } from '@/lib/errors/app-error';
import { describeCluster } from '@/lib/kafka/cluster';
import { countGroups } from '@/lib/kafka/groups';
import { registryFor } from '@/lib/registry';
import type { ClusterOverview } from '@/lib/schemas/clusters';
import { summarizeCluster } from './list-clusters';

function problem(error: unknown) {
  return toErrorBody(error).body.error;
}

async function kafkaPart(cluster: ClusterConfig): Promise<ClusterOverview['kafka']> {
  try {
    const [description, groupCount] = await Promise.all([describeCluster(cluster), countGroups(cluster)]);
    return { status: 'up', ...description, groupCount };
  } catch (error) {
    return { status: 'down', problem: problem(error) };
  }
}

async function registryPart(cluster: ClusterConfig): Promise<ClusterOverview['registry']> {
  if (!cluster.registry) return { status: 'not-configured' };
  const started = performance.now();
  try {
    const subjects = await registryFor(cluster).listSubjects();
    return {
      status: 'up',
      url: redactUrl(cluster.registry.url),
      subjectCount: subjects.length,
      latencyMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    return { status: 'down', url: redactUrl(cluster.registry.url), problem: problem(error) };
  }
}

/**
 * The first page's facts. Kafka and the registry are asked independently, so that one being
 * down is reported in words while the other is still shown.
 */
export async function getClusterOverview(cluster: ClusterConfig): Promise<ClusterOverview> {
  const [kafka, registry] = await Promise.all([kafkaPart(cluster), registryPart(cluster)]);
  return { cluster: summarizeCluster(cluster), kafka, registry };
}
