import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { adminFor } from './admin';
import { toAppError } from './errors';

/**
 * Groups that belong to infrastructure rather than to read models: Apicurio's kafkasql storage
 * joins a fresh apicurio-<uuid> group on every start, and Confluent's registry uses
 * schema-registry. They are listed apart, like internal topics.
 */
export const SYSTEM_GROUP = /^(apicurio-|schema-registry$)/;

export interface GroupListing {
  id: string;
  /** Infrastructure (registry storage) rather than an application's group. */
  system: boolean;
  state: string;
  /** "classic" or "consumer" (KIP-848), as the broker reports it. */
  groupType: string;
  protocolType: string;
}

export async function listGroups(cluster: ClusterConfig): Promise<GroupListing[]> {
  try {
    // Both kinds: the client lists only classic groups unless asked. A broker that does not
    // report the type (ListGroups before v5) predates KIP-848 groups: its groups are classic.
    const groups = await adminFor(cluster).listGroups({ types: ['classic', 'consumer'] });
    return [...groups.values()]
      .map((g) => ({
        id: g.id,
        system: SYSTEM_GROUP.test(g.id),
        state: String(g.state),
        groupType: g.groupType ?? 'classic',
        protocolType: g.protocolType,
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
  } catch (error) {
    throw toAppError(error, 'listing consumer groups');
  }
}

/** Application groups only; the registry's own are not counted. */
export async function countGroups(cluster: ClusterConfig): Promise<number> {
  return (await listGroups(cluster)).filter((g) => !g.system).length;
}
