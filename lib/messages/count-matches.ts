import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import type { SearchEvent } from '@/lib/schemas/messages';
import { positionsToJson } from './cursor';
import type { ParsedMessageQuery } from './message-query';
import { planScan } from './plan-scan';
import { scanEvents } from './scan-events';
import { SEARCH_TUNING, type ScanTuning } from './scan-topic';

/**
 * Counts the matches of a search without sending them: what the browser asks for once a page of
 * matches is full (from that page's cursor on), so the list can say "100 shown of 9,014" instead
 * of the page size. The same scan as a search (same filter, same reader, bounded by `maxScan`),
 * with no limit on matches, in count-only mode: a match is counted on what the filter read and
 * never decoded whole (a filter on key, partition, offset, time or headers decodes no value).
 * Events are the search's own: phase, progress, done (its `matched` is the count from the cursor
 * on, exact when the reason is `end`). Closing the stream stops it.
 */
export async function* countMatches(
  cluster: ClusterConfig,
  topic: string,
  query: ParsedMessageQuery,
  signal: AbortSignal,
  tuning: ScanTuning = SEARCH_TUNING,
): AsyncGenerator<SearchEvent> {
  const started = performance.now();
  const plan = await planScan(cluster, topic, query);
  yield {
    type: 'phase',
    phase: 'scanning',
    message: `counting matches in ${plan.total.toLocaleString('en-US')} records`,
    direction: plan.direction,
    total: plan.total,
  };
  yield* scanEvents(cluster, plan, {
    query,
    signal,
    tuning,
    started,
    countOnly: true,
    pages: (done) => ({
      // A count is no page: it has no neighbours to go to.
      nextCursor: null,
      prevCursor: null,
      atStart: false,
      atEnd: done.exhausted,
      range: { from: positionsToJson(plan.from), to: positionsToJson(done.positions) },
    }),
  });
}
