import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import type { ResetPreview, ResetPreviewBody } from '@/lib/schemas/groups';
import {
  assertGroupNotRunning,
  committedOffsetsOf,
  findGroupListing,
  readPartitionPositions,
  resolveScope,
} from './group-positions';
import { normalizeGroupState } from './group-state';
import { planOffsetReset, summarizePlan } from './plan-offset-reset';
import { plannedPartitionRow, strategyFromInput } from './reset-input';

/**
 * Where a reset would move each partition of a group that is not running, and the lag after.
 * Reads only: nothing is committed. The group may not exist yet (a new read model).
 */
export async function previewOffsetReset(
  cluster: ClusterConfig,
  groupId: string,
  body: ResetPreviewBody,
): Promise<ResetPreview> {
  const listing = await findGroupListing(cluster, groupId);
  assertGroupNotRunning(groupId, listing);
  const strategy = strategyFromInput(body.strategy);
  const committed = await committedOffsetsOf(cluster, groupId);
  const topics = await resolveScope(cluster, body.scope, committed);
  const positions = await readPartitionPositions(
    cluster,
    topics,
    committed,
    strategy.kind === 'timestamp' ? strategy.timestamp : undefined,
  );
  const rows = planOffsetReset(strategy, positions);
  const totals = summarizePlan(rows);
  return {
    group: groupId,
    exists: listing !== undefined,
    state: listing ? normalizeGroupState(listing.state) : 'DEAD',
    scope: body.scope,
    strategy: body.strategy,
    partitions: rows.map(plannedPartitionRow),
    totals: {
      partitions: totals.partitions,
      changed: totals.changed,
      lagBefore: totals.lagBefore?.toString() ?? null,
      lagAfter: totals.lagAfter.toString(),
    },
  };
}
