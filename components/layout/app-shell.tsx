'use client';
import Link from 'next/link';
import { useParams, usePathname, useRouter } from 'next/navigation';
import { useSyncExternalStore, type ReactNode } from 'react';
import { UserMenu } from '@/components/auth/user-menu';
import { useClusters } from '@/lib/queries/clusters/clusters-query';

interface NavItem {
  label: string;
  /** Path below /clusters/<id>; undefined while the feature is not there yet. */
  path?: string;
  hint: string;
}

const NAV: NavItem[] = [
  { label: 'Overview', path: '', hint: 'Brokers, controller, registry' },
  { label: 'Topics', path: '/topics', hint: 'Partitions, offsets, messages' },
  { label: 'Consumer groups', path: '/groups', hint: 'Read models and their lag' },
  { label: 'Schemas', path: '/schemas', hint: 'Subjects, versions, diffs and verdicts' },
  { label: 'Time travel', path: '/timetravel', hint: 'Rebuild an aggregate at any point' },
  { label: 'Key index', path: '/key-index', hint: 'How far each stream is indexed by key' },
  { label: 'Dead letters', path: '/dlq', hint: 'Triage by cause, blocked keys, dry run' },
  { label: 'Audit trail', path: '/audit', hint: 'Who wrote what, when' },
];

/** Whether the sidebar is folded away (narrow screens), kept in localStorage across pages. */
const COLLAPSED = 'console-sidebar-collapsed';
const subscribeCollapsed = (onChange: () => void) => {
  window.addEventListener('storage', onChange);
  window.addEventListener(COLLAPSED, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(COLLAPSED, onChange);
  };
};
function setCollapsed(collapsed: boolean) {
  localStorage.setItem(COLLAPSED, collapsed ? '1' : '0');
  window.dispatchEvent(new Event(COLLAPSED));
}

export function AppShell({ children }: { children: ReactNode }) {
  const collapsed = useSyncExternalStore(
    subscribeCollapsed,
    () => localStorage.getItem(COLLAPSED) === '1',
    () => false,
  );
  const params = useParams<{ cluster?: string }>();
  const pathname = usePathname();
  const router = useRouter();
  const clusters = useClusters();
  const current = params.cluster;
  const base = current ? `/clusters/${current}` : undefined;

  // The sign-in page stands alone: nothing of the console shows before sign-in.
  if (pathname === '/signin') return <>{children}</>;

  return (
    <div className="flex min-h-screen">
      {collapsed ? (
        <aside
          className="sticky top-0 flex h-screen w-10 shrink-0 flex-col items-center bg-slate-900 pt-3"
          data-testid="sidebar-collapsed"
        >
          <button
            type="button"
            onClick={() => setCollapsed(false)}
            className="rounded px-2 py-1 text-slate-300 hover:bg-slate-800 hover:text-white"
            aria-label="Show the sidebar"
            title="Show the sidebar"
            data-testid="sidebar-expand"
          >
            »
          </button>
        </aside>
      ) : null}
      <aside
        // Sticky, the height of the window: the navigation stays in view down a long page (a replay timeline, the audit trail).
        className={`${collapsed ? 'hidden' : 'flex'} sticky top-0 h-screen w-56 shrink-0 flex-col overflow-y-auto bg-slate-900 text-slate-200`}
        data-testid="sidebar"
      >
        <div className="flex items-start justify-between gap-2 px-4 pb-3 pt-4">
          <div>
            <Link href="/" className="block text-[15px] font-semibold tracking-tight text-white">
              Event Store Console
            </Link>
            <div className="text-xs text-slate-400">Kafka event sourcing, in the open</div>
          </div>
          <button
            type="button"
            onClick={() => setCollapsed(true)}
            className="rounded px-1.5 py-0.5 text-slate-400 hover:bg-slate-800 hover:text-white"
            aria-label="Hide the sidebar"
            title="Hide the sidebar"
            data-testid="sidebar-collapse"
          >
            «
          </button>
        </div>
        <div className="px-4 pb-4">
          <label
            htmlFor="cluster-select"
            className="mb-1 block text-[11px] font-medium uppercase tracking-wide text-slate-400"
          >
            Cluster
          </label>
          <select
            id="cluster-select"
            data-testid="cluster-select"
            className="w-full rounded-md border border-slate-700 bg-slate-800 px-2 py-1.5 text-sm text-slate-100"
            value={current ?? ''}
            onChange={(e) => router.push(`/clusters/${e.target.value}`)}
            disabled={!clusters.data}
          >
            {!current ? <option value="">Choose…</option> : null}
            {clusters.data?.clusters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.readOnly ? ' (read-only)' : ''}
              </option>
            ))}
          </select>
        </div>
        <nav className="flex-1 px-2" aria-label="Main">
          {NAV.map((item) => {
            const href = base !== undefined && item.path !== undefined ? `${base}${item.path}` : undefined;
            const active =
              href !== undefined &&
              (pathname === href || (item.path !== '' && pathname.startsWith(`${href}/`)));
            if (!href) {
              return (
                <div
                  key={item.label}
                  className="flex cursor-not-allowed items-center justify-between rounded-md px-3 py-2 text-sm text-slate-500"
                  title={item.hint}
                >
                  <span>{item.label}</span>
                  <span className="rounded bg-slate-800 px-1.5 py-0.5 text-[10px] uppercase tracking-wide text-slate-400">
                    soon
                  </span>
                </div>
              );
            }
            return (
              <Link
                key={item.label}
                href={href}
                title={item.hint}
                className={`block rounded-md px-3 py-2 text-sm ${active ? 'bg-slate-700/70 font-medium text-white' : 'text-slate-300 hover:bg-slate-800 hover:text-white'}`}
              >
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="space-y-2 px-4 py-3">
          <UserMenu />
          <div className="text-[11px] text-slate-500">
            Browsing never creates consumer groups or commits offsets.
          </div>
        </div>
      </aside>
      <main className="min-w-0 flex-1">{children}</main>
    </div>
  );
}
