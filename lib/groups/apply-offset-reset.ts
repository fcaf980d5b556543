import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { assertWritable, recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { commitGroupOffsets } from '@/lib/kafka/group-offsets';
import type { ResetApplyBody, ResetApplyResult } from '@/lib/schemas/groups';
import {
  assertGroupNotRunning,
  committedOffsetsOf,
  findGroupListing,
  readPartitionPositions,
  resolveScope,
} from './group-positions';
import { findStalePlanSteps, type PlanStep } from './plan-offset-reset';
import { describeStrategy } from './reset-input';

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * Commits a previewed reset. Everything the preview relied on is checked again first: the
 * cluster is writable, the group is still not running, every partition is in the chosen scope,
 * nobody committed since the preview, and every target is still in the log. Audited.
 */
export async function applyOffsetReset(
  cluster: ClusterConfig,
  groupId: string,
  body: ResetApplyBody,
): Promise<ResetApplyResult> {
  assertWritable(cluster);
  assertGroupNotRunning(groupId, await findGroupListing(cluster, groupId));

  const steps: PlanStep[] = body.partitions.map((p) => ({
    topic: p.topic,
    partition: p.partition,
    current: p.current === null ? null : BigInt(p.current),
    target: BigInt(p.target),
  }));
  const seen = new Set<string>();
  for (const s of steps) {
    if (seen.has(key(s.topic, s.partition)))
      throw new AppError('BAD_REQUEST', `${s.topic}/${s.partition} appears twice in the plan`);
    seen.add(key(s.topic, s.partition));
  }

  const committed = await committedOffsetsOf(cluster, groupId);
  const scope = await resolveScope(cluster, body.scope, committed);
  const inScope = new Set(scope.flatMap((t) => t.partitions.map((p) => key(t.topic, p))));
  const outside = steps.filter((s) => !inScope.has(key(s.topic, s.partition)));
  if (outside.length)
    throw new AppError(
      'BAD_REQUEST',
      `the plan names partitions outside its scope: ${outside.map((s) => `${s.topic}/${s.partition}`).join(', ')}`,
    );

  const byTopic = new Map<string, number[]>();
  for (const s of steps) byTopic.set(s.topic, [...(byTopic.get(s.topic) ?? []), s.partition]);
  const now = await readPartitionPositions(
    cluster,
    [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
    committed,
  );
  const problems = findStalePlanSteps(steps, now);
  if (problems.length)
    throw new AppError('CONFLICT', `the plan no longer holds, preview again: ${problems.join('; ')}`);

  const changes = steps.filter((s) => s.current !== s.target);
  if (changes.length) {
    const topics = new Map<string, { partition: number; offset: bigint }[]>();
    for (const c of changes)
      topics.set(c.topic, [...(topics.get(c.topic) ?? []), { partition: c.partition, offset: c.target }]);
    await commitGroupOffsets(
      cluster,
      groupId,
      [...topics].map(([topic, partitions]) => ({ topic, partitions })),
    );
    await recordAudit(cluster, {
      action: 'reset-offsets',
      target: groupId,
      details: {
        strategy: describeStrategy(body.strategy),
        request: { scope: body.scope, strategy: body.strategy },
        partitions: changes.map((c) => ({
          topic: c.topic,
          partition: c.partition,
          from: c.current?.toString() ?? null,
          to: c.target.toString(),
        })),
      },
    });
  }
  return {
    group: groupId,
    changed: changes.map((c) => ({
      topic: c.topic,
      partition: c.partition,
      from: c.current?.toString() ?? null,
      to: c.target.toString(),
    })),
  };
}
