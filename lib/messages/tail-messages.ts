import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { readWatermarks } from '@/lib/kafka/reader';
import type { SearchEvent } from '@/lib/schemas/messages';
import type { ParsedMessageQuery } from './message-query';
import { positionsToJson, type Positions } from './cursor';
import { rangesOf, type ScanPlan } from './plan-scan';
import { pageTuning, scanTopic } from './scan-topic';

/** How long to wait before asking again when nothing new arrived. */
const IDLE_POLL_MS = 400;
const HEARTBEAT_MS = 2000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/**
 * Live tail: starts at the end of the chosen partitions and emits every new record that passes
 * the filters, in timestamp order per round, until the browser goes away.
 *
 * It polls the end offsets (ListOffsets, a few hundred bytes) and fetches only partitions that
 * grew, rather than parking a long-poll Fetch on the broker: the reader's connection is shared
 * by every request of this console, and a broker answers one request per connection at a time,
 * so a parked Fetch would delay everybody else's pages by its wait time.
 */
export async function* tailMessages(
  cluster: ClusterConfig,
  topic: string,
  query: ParsedMessageQuery,
  signal: AbortSignal,
): AsyncGenerator<SearchEvent> {
  const started = performance.now();
  let watermarks = await readWatermarks(cluster, topic);
  const selected =
    query.partition === 'all'
      ? watermarks.map((w) => w.partition)
      : watermarks[query.partition]
        ? [query.partition]
        : (() => {
            throw new AppError('UNKNOWN_PARTITION', `topic "${topic}" has no partition ${query.partition}`);
          })();
  const positions: Positions = new Map(selected.map((p) => [p, watermarks[p]!.high]));
  yield {
    type: 'phase',
    phase: 'tailing',
    message: `waiting for new records in ${selected.length} partition${selected.length === 1 ? '' : 's'} of ${topic}`,
    direction: 'forward',
    total: 0,
    partitions: rangesOf(watermarks),
  };
  let scanned = 0;
  let matched = 0;
  let lastBeat = Date.now();
  const heartbeat = (): SearchEvent => {
    lastBeat = Date.now();
    const seconds = (performance.now() - started) / 1000;
    return {
      type: 'progress',
      scanned,
      total: scanned,
      matched,
      ratePerSec: seconds > 0 ? Math.round(scanned / seconds) : 0,
      positions: positionsToJson(positions),
    };
  };
  let reason: 'limit' | 'cancelled' = 'cancelled';
  while (!signal.aborted) {
    if (matched >= query.limit) {
      reason = 'limit';
      break;
    }
    watermarks = await readWatermarks(cluster, topic);
    const lanes = [];
    for (const p of selected) {
      const w = watermarks[p];
      if (!w) continue;
      let at = positions.get(p)!;
      if (at < w.low) at = w.low; // deleted by retention meanwhile
      positions.set(p, at);
      if (w.high > at) lanes.push({ partition: p, start: at, bound: w.high });
    }
    if (lanes.length === 0) {
      if (Date.now() - lastBeat >= HEARTBEAT_MS) yield heartbeat();
      await sleep(IDLE_POLL_MS, signal);
      continue;
    }
    const plan: ScanPlan = {
      topic,
      direction: 'forward',
      lanes,
      from: new Map(lanes.map((l) => [l.partition, l.start])),
      back: undefined,
      watermarks,
      total: lanes.reduce((n, l) => n + Number(l.bound - l.start), 0),
    };
    for await (const step of scanTopic(cluster, plan, {
      filter: query.filter,
      limit: query.limit - matched,
      maxScan: Number.MAX_SAFE_INTEGER,
      isolation: query.isolation,
      signal,
      tuning: pageTuning(5000, lanes.length),
    })) {
      if (step.type === 'match') {
        matched++;
        yield { type: 'message', message: step.message };
      } else if (step.type === 'done') {
        scanned += step.scanned;
        for (const [p, o] of step.positions) positions.set(p, o);
      }
    }
    if (Date.now() - lastBeat >= HEARTBEAT_MS) yield heartbeat();
  }
  const seconds = (performance.now() - started) / 1000;
  yield {
    type: 'done',
    reason,
    limitedBy: reason === 'limit' ? 'matches' : null,
    scanned,
    total: scanned,
    matched,
    ratePerSec: seconds > 0 ? Math.round(scanned / seconds) : 0,
    elapsedMs: Math.round(performance.now() - started),
    nextCursor: null,
    prevCursor: null,
    atStart: false,
    atEnd: true,
    range: { from: {}, to: positionsToJson(positions) },
  };
}
