import 'server-only';
import { getConfig } from '@/lib/config';
import type { ClusterConfig } from '@/lib/config/schema';
import type { ClusterSummary } from '@/lib/schemas/clusters';

/** What the browser may know of a cluster: never credentials. */
export function summarizeCluster(cluster: ClusterConfig): ClusterSummary {
  return {
    id: cluster.id,
    name: cluster.name ?? cluster.id,
    bootstrapServers: cluster.bootstrapServers,
    readOnly: cluster.readOnly,
    hasRegistry: cluster.registry !== undefined,
  };
}

export function listClusters(): ClusterSummary[] {
  return getConfig().clusters.map(summarizeCluster);
}
