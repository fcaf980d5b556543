import 'server-only';
import { Admin } from '@platformatic/kafka';
import type { ClusterConfig } from '@/lib/config/schema';
import { connectionOptions } from './connection';

/**
 * One admin client per cluster and process. Kept on globalThis so that development reloads
 * do not leak sockets.
 */
const registry = globalThis as unknown as { __kafkaAdmins?: Map<string, Admin> };

export function adminFor(cluster: ClusterConfig): Admin {
  registry.__kafkaAdmins ??= new Map();
  let admin = registry.__kafkaAdmins.get(cluster.id);
  if (!admin || admin.closed) {
    admin = new Admin(connectionOptions(cluster));
    registry.__kafkaAdmins.set(cluster.id, admin);
  }
  return admin;
}

export async function closeAdmins(): Promise<void> {
  const admins = [...(registry.__kafkaAdmins?.values() ?? [])];
  registry.__kafkaAdmins?.clear();
  await Promise.allSettled(admins.map((a) => a.close()));
}
