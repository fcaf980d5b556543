'use client';
import { useEffect, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatTimeOfDay, plural } from '@/lib/format';
import type { GroupDetail } from '@/lib/schemas/groups';
import {
  addPoint,
  chartRows,
  LAG_WINDOW_MS,
  lagStorageKey,
  parseStoredPoints,
  pointOf,
  type LagPoint,
} from './lag-history';

const TOPIC_COLORS = ['#0ea5e9', '#8b5cf6', '#f59e0b', '#10b981', '#ef4444', '#64748b'];

/**
 * The polled lag of one group: every new answer of the group query (one every few seconds) adds a
 * point to the group's history in localStorage (see lag-history.ts), which the chart starts from.
 */
function useLagHistory(clusterId: string, detail: GroupDetail | undefined): LagPoint[] {
  const [history, setHistory] = useState<{ key: string; points: LagPoint[] }>({ key: '', points: [] });
  const key = detail ? lagStorageKey(clusterId, detail.id) : '';
  if (detail && (history.key !== key || history.points.at(-1)?.at !== detail.at)) {
    // A group seen for the first time on this page starts from what this browser kept of it.
    const before = history.key === key ? history.points : parseStoredPoints(localStorage.getItem(key));
    setHistory({ key, points: addPoint(before, pointOf(detail)) });
  }
  useEffect(() => {
    if (!history.key) return;
    try {
      localStorage.setItem(history.key, JSON.stringify(history.points));
    } catch {
      // Storage full or refused (private mode): the chart still works for this visit.
    }
  }, [history]);
  return history.points;
}

export function LagChart({ clusterId, detail }: { clusterId: string; detail: GroupDetail | undefined }) {
  const points = useLagHistory(clusterId, detail);
  const topics = detail?.topics.map((t) => t.topic) ?? [];
  const perTopic = topics.length > 1;
  const data = chartRows(points);
  const noCommits = detail !== undefined && detail.totalLag === null;

  return (
    <div data-testid="lag-chart" data-points={points.length}>
      {noCommits ? (
        <p className="py-10 text-center text-sm text-slate-500">
          The group has no committed offsets, so it has no lag to draw.
        </p>
      ) : (
        <div className="h-56 w-full">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
              <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
              <XAxis
                dataKey="at"
                type="number"
                scale="time"
                domain={['dataMin', 'dataMax']}
                tickFormatter={formatTimeOfDay}
                tick={{ fontSize: 11, fill: '#64748b' }}
                minTickGap={40}
              />
              <YAxis
                allowDecimals={false}
                tick={{ fontSize: 11, fill: '#64748b' }}
                width={64}
                tickFormatter={(v: number) => formatCount(v)}
              />
              <Tooltip
                labelFormatter={(v) => `${formatTimeOfDay(Number(v))} UTC`}
                formatter={(v) => (typeof v === 'number' ? formatCount(v) : String(v))}
              />
              {perTopic ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
              <Line
                type="monotone"
                dataKey="total"
                name="total lag"
                stroke="#0f172a"
                strokeWidth={2}
                dot={points.length < 3}
                isAnimationActive={false}
              />
              {perTopic
                ? topics.map((t, i) => (
                    <Line
                      key={t}
                      type="monotone"
                      dataKey={`topic:${t}`}
                      name={t}
                      stroke={TOPIC_COLORS[i % TOPIC_COLORS.length]}
                      strokeWidth={1.5}
                      dot={false}
                      isAnimationActive={false}
                    />
                  ))
                : null}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      <p className="mt-1 text-xs text-slate-500">
        Polled every 5 s while this page is open and kept in this browser for {LAG_WINDOW_MS / 60_000}{' '}
        minutes, so coming back shows the history; breaks are times the page was closed (
        <span data-testid="lag-points">{plural(points.length, 'point')}</span>).
      </p>
    </div>
  );
}
