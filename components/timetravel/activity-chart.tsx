'use client';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TimelineRow } from '@/lib/timetravel/timeline';
import { eventsPerDay } from '@/lib/timetravel/locate-step';

/** Events of the aggregate per UTC day; the day of the current position is highlighted. */
export function ActivityChart({
  steps,
  currentDay,
  onPickDay,
}: {
  steps: readonly TimelineRow[];
  currentDay: string | null;
  onPickDay: (day: string) => void;
}) {
  const data = eventsPerDay(steps).map((d) => ({ ...d, ok: d.events - d.failed }));
  if (data.length === 0) return <p className="text-sm text-slate-500">No events.</p>;
  return (
    <div className="h-40" data-testid="activity-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          margin={{ top: 4, right: 8, bottom: 0, left: -20 }}
          onClick={(e) => {
            const day = (e as { activeLabel?: string } | null)?.activeLabel;
            if (day) onPickDay(String(day));
          }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="day"
            tick={{ fontSize: 10, fill: '#64748b' }}
            tickFormatter={(d: string) => d.slice(5)}
            minTickGap={16}
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 10, fill: '#64748b' }} />
          <Tooltip
            formatter={(v, name) => [v, name === 'ok' ? 'events' : 'failed steps']}
            labelClassName="text-xs"
          />
          <Bar dataKey="ok" stackId="a" fill="#64748b" isAnimationActive={false} />
          <Bar dataKey="failed" stackId="a" fill="#e11d48" isAnimationActive={false} />
          {currentDay ? <ReferenceLine x={currentDay} stroke="#0284c7" strokeWidth={2} /> : null}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
