'use client';
import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatTimeOfDay } from '@/lib/format';
import type { GroupDetail } from '@/lib/schemas/groups';

/** How much history the chart keeps while the page is open. */
const WINDOW_MS = 10 * 60_000;
const TOPIC_COLORS = ['#0ea5e9', '#8b5cf6', '#f59e0b', '#10b981', '#ef4444', '#64748b'];

interface LagPoint {
  at: number;
  total: number | null;
  byTopic: Record<string, number | null>;
}

function pointOf(detail: GroupDetail): LagPoint {
  const byTopic: Record<string, number | null> = {};
  for (const t of detail.topics) byTopic[t.topic] = t.lag === null ? null : Number(t.lag);
  return { at: detail.at, total: detail.totalLag === null ? null : Number(detail.totalLag), byTopic };
}

/**
 * Keeps a rolling window of the polled lag, client-side: every new answer of the group query
 * (one every few seconds) adds a point, points older than the window fall off.
 */
function useLagHistory(detail: GroupDetail | undefined): LagPoint[] {
  const [history, setHistory] = useState<{ key: string; points: LagPoint[] }>({ key: '', points: [] });
  const key = detail ? `${detail.id}` : '';
  if (detail && (history.key !== key || history.points.at(-1)?.at !== detail.at)) {
    const kept =
      history.key === key
        ? history.points.filter((p) => p.at > detail.at - WINDOW_MS && p.at < detail.at)
        : [];
    setHistory({ key, points: [...kept, pointOf(detail)] });
  }
  return history.points;
}

export function LagChart({ detail }: { detail: GroupDetail | undefined }) {
  const points = useLagHistory(detail);
  const topics = detail?.topics.map((t) => t.topic) ?? [];
  const perTopic = topics.length > 1;
  const data = points.map((p) => ({
    at: p.at,
    total: p.total,
    ...Object.fromEntries(Object.entries(p.byTopic).map(([t, v]) => [`topic:${t}`, v])),
  }));
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
        Polled every 5 s while this page is open; the last {WINDOW_MS / 60_000} minutes are kept (
        {points.length} {points.length === 1 ? 'point' : 'points'} so far).
      </p>
    </div>
  );
}
