import 'server-only';
import { roleOn } from '@/lib/auth/roles';
import { getConfig } from '@/lib/config';
import type { Role } from '@/lib/config/auth-schema';
import { currentPrincipal } from '@/lib/auth/request-context';
import type { ClusterConfig } from '@/lib/config/schema';
import type { ClusterSummary } from '@/lib/schemas/clusters';

/** The role of whoever the route wrapper runs the request as; viewer outside a request. */
function callerRole(cluster: ClusterConfig): Role {
  const principal = currentPrincipal();
  return principal ? roleOn(principal, cluster.id) : 'viewer';
}

/** What the browser may know of a cluster: never credentials. */
export function summarizeCluster(cluster: ClusterConfig): ClusterSummary {
  return {
    id: cluster.id,
    name: cluster.name ?? cluster.id,
    bootstrapServers: cluster.bootstrapServers,
    readOnly: cluster.readOnly,
    hasRegistry: cluster.registry !== undefined,
    role: callerRole(cluster),
  };
}

export function listClusters(): ClusterSummary[] {
  return getConfig().clusters.map(summarizeCluster);
}
