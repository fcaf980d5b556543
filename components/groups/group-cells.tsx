import Link from 'next/link';
import { formatCount } from '@/lib/format';

/** Cells that every table of groups shares: the group's link and a lag figure. */

/** A group's id as a link to its page, marked when it is a system group. */
export function GroupLink({
  clusterId,
  group,
  system,
  testId,
}: {
  clusterId: string;
  group: string;
  system: boolean;
  testId?: string;
}) {
  return (
    <>
      <Link
        href={`/clusters/${clusterId}/groups/${encodeURIComponent(group)}`}
        className="font-mono text-sm font-medium text-sky-700 hover:underline"
        data-testid={testId}
      >
        {group}
      </Link>
      {system ? (
        <span className="ml-2 text-[11px] uppercase tracking-wide text-slate-400">system</span>
      ) : null}
    </>
  );
}

/** True when a lag (a decimal string; null where nothing was committed) is above zero. */
export function isBehind(lag: string | null): boolean {
  return lag !== null && BigInt(lag) > 0n;
}

/** A lag in amber when the group is behind, in green when it has caught up, a dash when unknown. */
export function LagFigure({
  lag,
  quietWhenCaughtUp = false,
}: {
  lag: string | null;
  quietWhenCaughtUp?: boolean;
}) {
  if (lag === null) return <span className="text-slate-400">—</span>;
  const tone = isBehind(lag) ? 'font-semibold text-amber-700' : quietWhenCaughtUp ? '' : 'text-emerald-700';
  return <span className={`font-mono tabular-nums ${tone}`}>{formatCount(lag)}</span>;
}
