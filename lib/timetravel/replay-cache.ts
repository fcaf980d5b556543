import 'server-only';
import { createHash } from 'node:crypto';
import type { ClusterConfig } from '@/lib/config/schema';
import { processMap } from '@/lib/process-map';
import type { ReplayEvent } from '@/lib/schemas/timetravel';
import { ByteLru } from './byte-lru';
import type { FoldedReplay } from './folded-replay';
import type { StreamSpec } from './stream-spec';

/**
 * The replays folded recently, kept so that moving through one (pages of steps) and opening it
 * again (a warm replay) read nothing but the end offsets. Bounded by bytes (least recently used
 * first out); an entry is keyed by what determines its answer: cluster, topic, aggregate id, the
 * partitions and snapshot it starts from, the end offsets it read to, and the fold (rules or
 * reducer and where ids and types come from). Events appended later move the end offsets, so a
 * replay that includes them is another entry; nothing stale is ever served.
 */

export const REPLAY_CACHE_BYTES = 64 * 1024 * 1024;

export interface CachedReplay {
  /** The plan events as the replay sent them (the second one when the other partitioner found the events). */
  plans: Extract<ReplayEvent, { type: 'plan' }>[];
  replay: FoldedReplay;
  scanned: number;
  /** End offsets read to, `partition:offset,…`, of every partition read. */
  ends: string;
}

const caches = processMap<'replays', ByteLru<CachedReplay>>('replay-cache');

export function replayCache(): ByteLru<CachedReplay> {
  let cache = caches.get('replays');
  if (!cache) caches.set('replays', (cache = new ByteLru<CachedReplay>(REPLAY_CACHE_BYTES)));
  return cache;
}

/** What the fold depends on besides the events: a change of rules or reducer is another entry. */
function foldVersion(spec: StreamSpec): string {
  return createHash('sha1')
    .update(
      JSON.stringify([
        spec.foldRules ?? null,
        spec.reducerModule ?? null,
        spec.eventTypeFrom,
        spec.aggregateIdFrom,
      ]),
    )
    .digest('base64url');
}

/** What a replay is of, whatever the end offsets: cluster, topic, id, partitioner, partitions, snapshot, fold. */
export function replayIdentity(
  cluster: ClusterConfig,
  spec: StreamSpec,
  id: string,
  partitions: number[],
  snapshotOffset: bigint | null,
): string {
  return [
    cluster.id,
    spec.topic,
    id,
    spec.partitioner,
    partitions.join(','),
    snapshotOffset?.toString() ?? '',
    foldVersion(spec),
  ].join('\u0000');
}

export function replayCacheKey(identity: string, partitions: number[], ends: Map<number, bigint>): string {
  return `${identity}\u0000${partitions.map((p) => ends.get(p) ?? '').join(',')}`;
}

const latest = processMap<string, { key: string; ends: Map<number, bigint> }>('replay-cache-latest');

/**
 * The most recent replay kept of the same aggregate at other end offsets, for a replay that then
 * reads only what was appended since. Undefined when the cache has let it go.
 */
export function latestReplayOf(
  identity: string,
): { entry: CachedReplay; ends: Map<number, bigint> } | undefined {
  const last = latest.get(identity);
  const entry = last && replayCache().get(last.key);
  if (!last || !entry) {
    latest.delete(identity);
    return undefined;
  }
  return { entry, ends: last.ends };
}

export function keepReplay(
  identity: string,
  key: string,
  ends: Map<number, bigint>,
  entry: CachedReplay,
): void {
  const cache = replayCache();
  if (cache.set(key, entry, entry.replay.bytes)) latest.set(identity, { key, ends });
  // The aggregates whose replays the cache has let go are forgotten here too, so this map stays
  // about as large as the cache.
  if (latest.size > 2 * cache.size + 100)
    for (const [id, last] of latest) if (!cache.has(last.key)) latest.delete(id);
}

export function formatEnds(ends: Map<number, bigint>, partitions: number[]): string {
  return [...new Set(partitions)]
    .sort((a, b) => a - b)
    .map((p) => `${p}:${ends.get(p) ?? 0n}`)
    .join(',');
}

export function parseEnds(text: string): Map<number, bigint> {
  return new Map(
    text.split(',').map((pair) => {
      const [p, o] = pair.split(':');
      return [Number(p), BigInt(o!)] as const;
    }),
  );
}
