import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import type { MessagePage } from '@/lib/schemas/messages';
import type { ParsedMessageQuery } from './message-query';
import type { DecodedMessage } from '@/lib/serde/types';
import { compareRecordOrder, positionsToJson } from './cursor';
import { pageBoundaries } from './page-boundaries';
import { planScan, rangesOf } from './plan-scan';
import { pageTuning, scanTopic } from './scan-topic';

/**
 * One page of messages as JSON: the fast path for browsing without filters (a filter is
 * honoured too, within maxScan). Messages come oldest first, merged by timestamp across
 * partitions; `latest` gives the last `limit` records before the end, still oldest first.
 */
export async function browseMessages(
  cluster: ClusterConfig,
  topic: string,
  query: ParsedMessageQuery,
  signal?: AbortSignal,
): Promise<MessagePage> {
  const started = performance.now();
  const plan = await planScan(cluster, topic, query);
  const found: {
    message: DecodedMessage;
    order: { timestamp: number; partition: number; offset: bigint };
  }[] = [];
  let scanned = 0;
  let limitedBy: 'matches' | 'scan' | null = null;
  let stopped = plan.from;
  let exhausted = false;
  for await (const step of scanTopic(cluster, plan, {
    filter: query.filter,
    limit: query.limit,
    maxScan: query.maxScan,
    isolation: query.isolation,
    signal,
    tuning: pageTuning(query.limit, plan.lanes.length),
  })) {
    if (step.type === 'match') found.push({ message: step.message, order: step.record });
    else if (step.type === 'done') {
      scanned = step.scanned;
      limitedBy = step.limitedBy ?? null;
      stopped = step.positions;
      exhausted = step.exhausted;
    }
  }
  // A backward scan finds the newest first; a page always reads oldest first.
  found.sort((a, b) => compareRecordOrder(a.order, b.order));
  const bounds = pageBoundaries(plan, stopped, exhausted);
  return {
    topic,
    direction: plan.direction,
    messages: found.map((f) => f.message),
    nextCursor: bounds.nextCursor,
    prevCursor: bounds.prevCursor,
    atStart: bounds.atStart,
    atEnd: bounds.atEnd,
    scanned,
    limitedBy,
    range: { from: positionsToJson(bounds.pageFrom), to: positionsToJson(bounds.pageTo) },
    partitions: rangesOf(plan.watermarks),
    elapsedMs: Math.round(performance.now() - started),
  };
}
