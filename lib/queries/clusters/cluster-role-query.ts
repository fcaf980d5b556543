'use client';
import type { Role } from '@/lib/config/auth-schema';
import { useClusters } from './clusters-query';

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/**
 * Whether the signed-in user's role on a cluster reaches `needed`, from the cluster list the
 * server answers for that user. For hiding controls only: the server refuses regardless.
 * False while the list is loading.
 */
export function useHasRole(clusterId: string, needed: Role): boolean {
  const clusters = useClusters();
  const role = clusters.data?.clusters.find((c) => c.id === clusterId)?.role;
  return role !== undefined && RANK[role] >= RANK[needed];
}
