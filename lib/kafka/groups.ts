import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { adminFor } from './admin';
import { toAppError } from './errors';

export interface GroupListing {
  id: string;
  state: string;
  /** "classic" or "consumer" (KIP-848), as the broker reports it. */
  groupType: string;
  protocolType: string;
}

export async function listGroups(cluster: ClusterConfig): Promise<GroupListing[]> {
  try {
    // Both kinds: the client lists only classic groups unless asked.
    const groups = await adminFor(cluster).listGroups({ types: ['classic', 'consumer'] });
    return [...groups.values()]
      .map((g) => ({ id: g.id, state: String(g.state), groupType: g.groupType, protocolType: g.protocolType }))
      .sort((a, b) => a.id.localeCompare(b.id));
  } catch (error) {
    throw toAppError(error, 'listing consumer groups');
  }
}

export async function countGroups(cluster: ClusterConfig): Promise<number> {
  return (await listGroups(cluster)).length;
}
