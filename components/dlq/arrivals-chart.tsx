'use client';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTimestamp } from '@/lib/format';
import type { DeadLetterTriage } from '@/lib/schemas/dlq';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "minute", "15 minutes", "6 hours", "7 days": the buckets are round. */
function bucketName(ms: number): string {
  const [unit, size] = ms >= DAY ? ['day', DAY] : ms >= HOUR ? ['hour', HOUR] : ['minute', MINUTE];
  const n = Math.round(ms / (size as number));
  return n === 1 ? (unit as string) : `${n} ${unit as string}s`;
}

/** Dead letters per time bucket; a click on a bar selects that bucket's time range. */
export function ArrivalsChart({
  arrivals,
  onPickRange,
}: {
  arrivals: DeadLetterTriage['arrivals'];
  onPickRange: (from: number, to: number) => void;
}) {
  if (arrivals.points.length === 0) return <p className="text-sm text-slate-500">No dead letters.</p>;
  const short = arrivals.bucketMs < 24 * 3_600_000;
  const label = (at: number) =>
    short ? formatTimestamp(at, 's').slice(5, 16) : formatTimestamp(at, 's').slice(0, 10);
  return (
    <div>
      <div className="h-44" data-testid="dlq-arrivals-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={arrivals.points}
            margin={{ top: 4, right: 8, bottom: 0, left: -20 }}
            onClick={(e) => {
              const at = Number((e as { activeLabel?: unknown } | null)?.activeLabel);
              if (Number.isFinite(at)) onPickRange(at, at + arrivals.bucketMs - 1);
            }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis
              dataKey="at"
              tick={{ fontSize: 10, fill: '#64748b' }}
              tickFormatter={label}
              minTickGap={24}
            />
            <YAxis allowDecimals={false} tick={{ fontSize: 10, fill: '#64748b' }} />
            <Tooltip
              labelFormatter={(at) => `${formatTimestamp(Number(at), 's')} UTC`}
              formatter={(v) => [v, 'dead letters']}
              labelClassName="text-xs"
            />
            <Bar dataKey="count" fill="#e11d48" isAnimationActive={false} cursor="pointer" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="mt-1 text-xs text-slate-500">
        One bar per {bucketName(arrivals.bucketMs)}, by the time each record was dead-lettered (UTC). Click a
        bar to select its dead letters.
      </p>
    </div>
  );
}
