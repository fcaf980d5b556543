import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { adminFor } from './admin';
import { toAppError } from './errors';

function apiIds(error: unknown, seen = new Set<unknown>()): string[] {
  if (!error || typeof error !== 'object' || seen.has(error)) return [];
  seen.add(error);
  const e = error as { apiId?: string; errors?: unknown[]; cause?: unknown };
  return [
    ...(e.apiId ? [e.apiId] : []),
    ...(Array.isArray(e.errors) ? e.errors.flatMap((x) => apiIds(x, seen)) : []),
    ...apiIds(e.cause, seen),
  ];
}

/**
 * Deletes a group and its committed offsets. The broker refuses a group with members
 * (NON_EMPTY_GROUP), which is reported as a conflict.
 */
export async function deleteGroup(cluster: ClusterConfig, groupId: string): Promise<void> {
  try {
    await adminFor(cluster).deleteGroups({ groups: [groupId] });
  } catch (error) {
    const ids = apiIds(error);
    if (ids.includes('NON_EMPTY_GROUP'))
      throw new AppError('CONFLICT', `group ${groupId} has active members; stop its consumers first`, {
        cause: error,
      });
    if (ids.includes('GROUP_ID_NOT_FOUND'))
      throw new AppError('UNKNOWN_GROUP', `group ${groupId} does not exist`, { cause: error });
    throw toAppError(error, `deleting group ${groupId}`);
  }
}
