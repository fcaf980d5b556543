import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import type { SearchDoneEvent, SearchEvent } from '@/lib/schemas/messages';
import { positionsToJson } from './cursor';
import type { ParsedMessageQuery } from './message-query';
import type { ScanPlan } from './plan-scan';
import type { ScanDone } from './scan-engine';
import { scanTopic, type ScanTuning } from './scan-topic';

/** What a done event says of the pages around the scan: a search's cursors, or none for a count. */
export type DonePages = Pick<SearchDoneEvent, 'nextCursor' | 'prevCursor' | 'atStart' | 'atEnd' | 'range'>;

export interface ScanEventsOptions {
  query: ParsedMessageQuery;
  signal: AbortSignal;
  tuning: ScanTuning;
  /** When the operation started (performance.now()), for the rate and the elapsed time. */
  started: number;
  /** Count the matches instead of sending them: no message events. */
  countOnly: boolean;
  pages: (done: ScanDone) => DonePages;
}

/**
 * The events of a planned scan after its phase, the same for a search and a count: progress
 * about every 250 ms, a message per match (a search only) and done.
 */
export async function* scanEvents(
  cluster: ClusterConfig,
  plan: ScanPlan,
  options: ScanEventsOptions,
): AsyncGenerator<SearchEvent> {
  const { query, started } = options;
  const rate = (scanned: number) => {
    const seconds = (performance.now() - started) / 1000;
    return seconds > 0 ? Math.round(scanned / seconds) : 0;
  };
  for await (const step of scanTopic(cluster, plan, {
    filter: query.filter,
    // A count ignores the limit (runScan counts every match).
    limit: query.limit,
    countOnly: options.countOnly,
    maxScan: query.maxScan,
    isolation: query.isolation,
    signal: options.signal,
    tuning: options.tuning,
  })) {
    if (step.type === 'match') {
      yield { type: 'message', message: step.message };
    } else if (step.type === 'progress') {
      yield {
        type: 'progress',
        scanned: step.scanned,
        total: plan.total,
        matched: step.matched,
        ratePerSec: rate(step.scanned),
        positions: positionsToJson(step.positions),
      };
    } else {
      yield {
        type: 'done',
        reason: step.reason,
        limitedBy: step.limitedBy ?? null,
        scanned: step.scanned,
        total: plan.total,
        matched: step.matched,
        ratePerSec: rate(step.scanned),
        elapsedMs: Math.round(performance.now() - started),
        ...options.pages(step),
      };
    }
  }
}
