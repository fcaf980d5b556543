import 'server-only';
import { Admin } from '@platformatic/kafka';
import type { ClusterConfig } from '@/lib/config/schema';
import { connectionOptions } from './connection';
import { processMap } from '@/lib/process-map';

/**
 * One admin client per cluster and process. Kept on globalThis so that development reloads
 * do not leak sockets.
 */
const registry = processMap<string, Admin>('kafkaAdmins');

export function adminFor(cluster: ClusterConfig): Admin {
  let admin = registry.get(cluster.id);
  if (!admin || admin.closed) {
    admin = new Admin(connectionOptions(cluster));
    registry.set(cluster.id, admin);
  }
  return admin;
}

export async function closeAdmins(): Promise<void> {
  const admins = [...registry.values()];
  registry.clear();
  await Promise.allSettled(admins.map((a) => a.close()));
}
