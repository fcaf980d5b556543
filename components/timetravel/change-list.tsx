import type { StateChange } from '@/lib/schemas/timetravel';
import { formatPath } from '@/lib/timetravel/state-diff';

function short(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return '—';
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

const tone = {
  CREATE: { mark: '+', className: 'bg-emerald-50 text-emerald-900 ring-emerald-200' },
  REMOVE: { mark: '−', className: 'bg-rose-50 text-rose-900 ring-rose-200' },
  CHANGE: { mark: '~', className: 'bg-amber-50 text-amber-900 ring-amber-200' },
} as const;

/** A state diff, one line per path: added, removed, changed (old → new). */
export function ChangeList({
  changes,
  empty,
  testId,
}: {
  changes: readonly StateChange[];
  empty: string;
  testId?: string;
}) {
  if (changes.length === 0) {
    return (
      <p className="text-sm text-slate-500" data-testid={testId ? `${testId}-empty` : undefined}>
        {empty}
      </p>
    );
  }
  return (
    <ul className="space-y-1" data-testid={testId}>
      {changes.map((c, i) => (
        <li
          key={i}
          className={`flex gap-2 rounded px-2 py-1 font-mono text-xs ring-1 ring-inset ${tone[c.type].className}`}
          data-testid="change-row"
          data-change={c.type}
        >
          <span className="w-3 shrink-0 font-bold">{tone[c.type].mark}</span>
          <span className="shrink-0 font-semibold">{formatPath(c.path)}</span>
          <span className="min-w-0 [overflow-wrap:anywhere]">
            {c.type === 'CREATE' ? (
              short(c.value)
            ) : c.type === 'REMOVE' ? (
              <s className="opacity-70">{short(c.oldValue)}</s>
            ) : (
              <>
                <s className="opacity-70">{short(c.oldValue)}</s> → {short(c.value)}
              </>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
