import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import type { SearchEvent } from '@/lib/schemas/messages';
import type { ParsedMessageQuery } from './message-query';
import { positionsToJson } from './cursor';
import { pageBoundaries } from './page-boundaries';
import { planScan, rangesOf } from './plan-scan';
import { scanEvents } from './scan-events';
import { SEARCH_TUNING, type ScanTuning } from './scan-topic';

/**
 * A filtered scan as typed events: phase, progress about every 250 ms, one message per match
 * (in timestamp order; newest first when scanning backwards from `latest`), and done with the
 * cursors of the neighbouring pages. Aborting `signal` (the browser closing the stream) stops
 * the reads; the engine's finally waits for reads in flight.
 */
export async function* searchMessages(
  cluster: ClusterConfig,
  topic: string,
  query: ParsedMessageQuery,
  signal: AbortSignal,
  tuning: ScanTuning = SEARCH_TUNING,
): AsyncGenerator<SearchEvent> {
  const started = performance.now();
  yield { type: 'phase', phase: 'resolving', message: `finding the start positions in ${topic}` };
  const plan = await planScan(cluster, topic, query);
  yield {
    type: 'phase',
    phase: 'scanning',
    message: plan.keyPartition
      ? `scanning ${plan.total.toLocaleString('en-US')} records in partition ${plan.keyPartition.partition} only, where the ${plan.keyPartition.partitioner} partitioner of stream ${plan.keyPartition.stream} puts this key, ${plan.direction === 'forward' ? 'oldest first' : 'newest first'}`
      : `scanning ${plan.total.toLocaleString('en-US')} records in ${plan.lanes.length} partition${plan.lanes.length === 1 ? '' : 's'}, ${plan.direction === 'forward' ? 'oldest first' : 'newest first'}`,
    direction: plan.direction,
    total: plan.total,
    partitions: rangesOf(plan.watermarks),
  };
  yield* scanEvents(cluster, plan, {
    query,
    signal,
    tuning,
    started,
    countOnly: false,
    pages: (done) => {
      const bounds = pageBoundaries(plan, done.positions, done.exhausted);
      return {
        nextCursor: bounds.nextCursor,
        prevCursor: bounds.prevCursor,
        atStart: bounds.atStart,
        atEnd: bounds.atEnd,
        range: { from: positionsToJson(bounds.pageFrom), to: positionsToJson(bounds.pageTo) },
      };
    },
  });
}
