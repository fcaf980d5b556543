import type { GroupDetail } from '@/lib/schemas/groups';

/**
 * The lag samples of one group, kept in the browser's localStorage per cluster and group so that
 * coming back to a group (or opening it in another tab) shows the last half hour as it was
 * polled, not an empty chart. The browser rather than the server: the console keeps no state of
 * its own besides Kafka (several instances may serve one team, and a restart loses nothing), and
 * the samples are those of someone watching the group; a Kafka user reads the gaps as the times
 * nobody looked, which the chart shows as breaks in the line. Pure, so it unit-tests.
 */

/** How much history is kept and drawn. */
export const LAG_WINDOW_MS = 30 * 60_000;
/** Samples further apart than this are drawn with a break between them (the page was closed). */
export const LAG_GAP_MS = 30_000;
/** A hard bound on stored samples, whatever the poll interval. */
const MAX_POINTS = 720;

export interface LagPoint {
  at: number;
  total: number | null;
  byTopic: Record<string, number | null>;
}

export function lagStorageKey(clusterId: string, groupId: string): string {
  return `console-lag-history:${clusterId}:${groupId}`;
}

export function pointOf(detail: GroupDetail): LagPoint {
  const byTopic: Record<string, number | null> = {};
  for (const t of detail.topics) byTopic[t.topic] = t.lag === null ? null : Number(t.lag);
  return { at: detail.at, total: detail.totalLag === null ? null : Number(detail.totalLag), byTopic };
}

const isPoint = (p: unknown): p is LagPoint => {
  const x = p as LagPoint | null;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.at === 'number' &&
    (x.total === null || typeof x.total === 'number') &&
    typeof x.byTopic === 'object' &&
    x.byTopic !== null
  );
};

/** Stored samples as they were written; anything unreadable (another version, a hand edit) is none. */
export function parseStoredPoints(text: string | null): LagPoint[] {
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed.filter(isPoint) : [];
  } catch {
    return [];
  }
}

/** Adds a sample: in time order, one per instant, only the window before the newest, at most MAX_POINTS. */
export function addPoint(points: LagPoint[], point: LagPoint): LagPoint[] {
  const kept = points.filter((p) => p.at > point.at - LAG_WINDOW_MS && p.at !== point.at);
  const next = [...kept, point].sort((a, b) => a.at - b.at);
  return next.length > MAX_POINTS ? next.slice(next.length - MAX_POINTS) : next;
}

/** Chart rows: a row of nulls between samples further apart than LAG_GAP_MS, so the line breaks there. */
export function chartRows(points: LagPoint[]): Record<string, number | null>[] {
  const rows: Record<string, number | null>[] = [];
  points.forEach((p, i) => {
    const before = points[i - 1];
    if (before && p.at - before.at > LAG_GAP_MS) rows.push({ at: before.at + 1, total: null });
    rows.push({
      at: p.at,
      total: p.total,
      ...Object.fromEntries(Object.entries(p.byTopic).map(([t, v]) => [`topic:${t}`, v])),
    });
  });
  return rows;
}
