import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import type { AuditPage, AuditQuery } from '@/lib/schemas/audit';
import { AUDIT_TOPIC } from './record-audit';

function includes(haystack: string, needle: string | undefined): boolean {
  return !needle || haystack.toLowerCase().includes(needle.toLowerCase());
}

/**
 * The newest entries of a cluster's audit trail, newest first, filtered by actor, action and
 * text. Read like every other topic (Fetch only, no group). A trail that does not exist yet is
 * an empty one: nothing was written through the console.
 */
export async function listAuditEntries(
  cluster: ClusterConfig,
  query: AuditQuery,
  signal?: AbortSignal,
): Promise<AuditPage> {
  let marks;
  try {
    [marks] = await readWatermarks(cluster, AUDIT_TOPIC);
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNKNOWN_TOPIC')
      return { entries: [], scanned: 0, total: '0', actions: [] };
    throw error;
  }
  if (!marks || marks.high <= marks.low) return { entries: [], scanned: 0, total: '0', actions: [] };
  const from = marks.high - BigInt(query.limit) > marks.low ? marks.high - BigInt(query.limit) : marks.low;
  const { records } = await readPartitionRange(cluster, {
    topic: AUDIT_TOPIC,
    partition: 0,
    fromOffset: from,
    limit: query.limit,
    signal,
  });
  const all = records.flatMap((r) => {
    try {
      const e = JSON.parse(r.value?.toString('utf8') ?? '') as {
        at?: unknown;
        actor?: unknown;
        action?: unknown;
        target?: unknown;
        details?: unknown;
      };
      if (typeof e.action !== 'string' || typeof e.target !== 'string') return [];
      const details =
        e.details && typeof e.details === 'object' && !Array.isArray(e.details)
          ? (e.details as Record<string, unknown>)
          : {};
      return [
        {
          offset: r.offset.toString(),
          at: typeof e.at === 'string' ? e.at : new Date(r.timestamp).toISOString(),
          actor: typeof e.actor === 'string' ? e.actor : 'unknown',
          action: e.action,
          target: e.target,
          details,
        },
      ];
    } catch {
      // Something else wrote here (the topic is refused to the console's own produce): skip it.
      return [];
    }
  });
  const entries = all
    .filter(
      (e) =>
        includes(e.actor, query.actor) &&
        (!query.action || e.action === query.action) &&
        includes(`${e.target} ${JSON.stringify(e.details)}`, query.q),
    )
    .reverse();
  return {
    entries,
    scanned: all.length,
    total: (marks.high - marks.low).toString(),
    actions: [...new Set(all.map((e) => e.action))].sort(),
  };
}
