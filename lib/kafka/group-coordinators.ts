import 'server-only';
import { FindCoordinatorKeyTypes } from '@platformatic/kafka';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { adminFor } from './admin';

/** The broker that coordinates a group. */
export interface GroupCoordinator {
  nodeId: number;
  host: string;
  port: number;
}

type Connection = NonNullable<
  Awaited<ReturnType<ReturnType<typeof adminFor>['connectToBrokers']>> extends Map<number, infer C>
    ? C
    : never
>;

/**
 * Group requests (describe, in both protocols) must go to each group's coordinator: finds the
 * coordinators of all the groups at once, then runs `perNode` once per coordinator with the ids it
 * owns, in parallel. Returns which coordinator owns which group.
 */
export async function forEachGroupCoordinator(
  cluster: ClusterConfig,
  groupIds: readonly string[],
  perNode: (connection: Connection, ids: string[]) => Promise<void>,
): Promise<Map<string, GroupCoordinator>> {
  const admin = adminFor(cluster);
  const coordinators = await admin.findCoordinator({
    keyType: FindCoordinatorKeyTypes.GROUP,
    keys: [...groupIds],
  });
  const byNode = new Map<number, string[]>();
  const coordinatorOf = new Map<string, GroupCoordinator>();
  for (const c of coordinators) {
    byNode.set(c.nodeId, [...(byNode.get(c.nodeId) ?? []), c.key]);
    coordinatorOf.set(c.key, { nodeId: c.nodeId, host: c.host, port: c.port });
  }
  const connections = await admin.connectToBrokers([...byNode.keys()]);
  await Promise.all(
    [...byNode].map(async ([nodeId, ids]) => {
      const connection = connections.get(nodeId);
      if (!connection)
        throw new AppError(
          'BROKER_UNAVAILABLE',
          `the coordinator of groups ${ids.join(', ')} (node ${nodeId}) could not be reached`,
        );
      await perNode(connection, ids);
    }),
  );
  return coordinatorOf;
}
