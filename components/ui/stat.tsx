import type { ReactNode } from 'react';
import { Skeleton } from './skeleton';
import { formatCount } from '@/lib/format';

/**
 * One figure with its caption: "Brokers 3", "Total lag 4,002".
 *
 * Use: `<Stat label="Brokers" value={3} testId="stat-brokers" />` for a card of its own (overview
 * grids), or `variant="inline"` inside a header that already is a card (the topic header), where
 * several sit in a `<StatList>`. `hint` explains the figure on hover; `testId` marks the value.
 */
export function Stat({
  label,
  value,
  hint,
  testId,
  variant = 'card',
}: {
  label: ReactNode;
  value: ReactNode;
  hint?: string;
  testId?: string;
  variant?: 'card' | 'inline';
}) {
  // A whole number is a count: it reads as every count does ("1,689").
  const shown = typeof value === 'number' && Number.isInteger(value) ? formatCount(value) : value;
  if (variant === 'inline') {
    return (
      <div title={hint}>
        <dt className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{label}</dt>
        <dd className="mt-0.5 text-lg font-semibold tabular-nums text-slate-900" data-testid={testId}>
          {shown}
        </dd>
      </div>
    );
  }
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm" title={hint}>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {shown}
      </div>
    </div>
  );
}

/**
 * A row of stats that wraps on narrow screens. Inline stats sit in a `<dl>`, card stats in a grid.
 * `placeholders={4}` shows that many grey cards while the figures load.
 */
export function StatList({
  children,
  variant = 'card',
  placeholders,
  className = '',
}: {
  children?: ReactNode;
  variant?: 'card' | 'inline';
  placeholders?: number;
  className?: string;
}) {
  if (placeholders) {
    return (
      <div
        className={`grid gap-3 ${variant === 'inline' ? 'grid-cols-5' : 'grid-cols-2 lg:grid-cols-4'} ${className}`}
        aria-busy="true"
      >
        {Array.from({ length: placeholders }, (_, i) => (
          <Skeleton key={i} className={variant === 'inline' ? 'h-10' : 'h-20'} />
        ))}
      </div>
    );
  }
  if (variant === 'inline')
    return (
      <dl className={`grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5 ${className}`}>{children}</dl>
    );
  return <div className={`grid grid-cols-2 gap-3 lg:grid-cols-4 ${className}`}>{children}</div>;
}
