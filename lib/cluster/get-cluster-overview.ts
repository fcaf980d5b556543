import 'server-only';
import { getCluster } from '@/lib/config';
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

async function kafkaPart(clusterId: string): Promise<ClusterOverview['kafka']> {
  const cluster = getCluster(clusterId);
  try {
    const [description, groupCount] = await Promise.all([describeCluster(cluster), countGroups(cluster)]);
    return { status: 'up', ...description, groupCount };
  } catch (error) {
    return { status: 'down', problem: problem(error) };
  }
}

async function registryPart(clusterId: string): Promise<ClusterOverview['registry']> {
  const cluster = getCluster(clusterId);
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
export async function getClusterOverview(clusterId: string): Promise<ClusterOverview> {
  const cluster = getCluster(clusterId);
  const [kafka, registry] = await Promise.all([kafkaPart(clusterId), registryPart(clusterId)]);
  return { cluster: summarizeCluster(cluster), kafka, registry };
}
