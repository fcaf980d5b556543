import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import type { SearchEvent } from '@/lib/schemas/messages';
import { positionsToJson } from './cursor';
import type { ParsedMessageQuery } from './message-query';
import { planScan } from './plan-scan';
import { SEARCH_TUNING, scanTopic, type ScanTuning } from './scan-topic';

/**
 * Counts the matches of a search without sending them: what the browser asks for once a page of
 * matches is full (from that page's cursor on), so the list can say "100 shown of 9,014" instead
 * of the page size. The same scan as a search (same filter, same reader, bounded by `maxScan`),
 * with no limit on matches; events are the search's own: phase, progress, done (its `matched` is
 * the count from the cursor on, exact when the reason is `end`). Closing the stream stops it.
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
  const rate = (scanned: number) => {
    const seconds = (performance.now() - started) / 1000;
    return seconds > 0 ? Math.round(scanned / seconds) : 0;
  };
  for await (const step of scanTopic(cluster, plan, {
    filter: query.filter,
    limit: Number.MAX_SAFE_INTEGER,
    maxScan: query.maxScan,
    isolation: query.isolation,
    signal,
    tuning,
  })) {
    if (step.type === 'progress')
      yield {
        type: 'progress',
        scanned: step.scanned,
        total: plan.total,
        matched: step.matched,
        ratePerSec: rate(step.scanned),
        positions: positionsToJson(step.positions),
      };
    else if (step.type === 'done') {
      const at = positionsToJson(step.positions);
      yield {
        type: 'done',
        reason: step.reason,
        limitedBy: step.limitedBy ?? null,
        scanned: step.scanned,
        total: plan.total,
        matched: step.matched,
        ratePerSec: rate(step.scanned),
        elapsedMs: Math.round(performance.now() - started),
        // A count is no page: it has no neighbours to go to.
        nextCursor: null,
        prevCursor: null,
        atStart: false,
        atEnd: step.exhausted,
        range: { from: positionsToJson(plan.from), to: at },
      };
    }
  }
}
