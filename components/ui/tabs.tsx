'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

export interface TabLink {
  label: string;
  href: string;
  testId?: string;
}

/**
 * Tabs that are links (each tab is a page with its own URL). The active tab is the longest
 * href that the current path starts with, so the first tab may be the parent of the others.
 */
export function TabLinks({ tabs, label }: { tabs: TabLink[]; label: string }) {
  const pathname = usePathname();
  const active = tabs
    .filter((t) => pathname === t.href || pathname.startsWith(`${t.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label={label} className="flex gap-1 border-b border-slate-200">
      {tabs.map((t) => {
        const isActive = t.href === active;
        return (
          <Link
            key={t.href}
            href={t.href}
            aria-current={isActive ? 'page' : undefined}
            data-testid={t.testId}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              isActive
                ? 'border-sky-600 text-sky-800'
                : 'border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800'
            }`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}

/**
 * Tabs that switch a part of one page (the page keeps the choice, usually in the URL):
 * `<TabButtons tabs={[{ id: 'lag', label: 'Lag' }, …]} active={tab} onChange={setTab} />`.
 * Each tab's test id is `<testIdPrefix><id>` (`tab-lag` by default).
 */
export function TabButtons<T extends string>({
  tabs,
  active,
  onChange,
  label,
  testIdPrefix = 'tab-',
}: {
  tabs: { id: T; label: ReactNode }[];
  active: T;
  onChange: (id: T) => void;
  label?: string;
  testIdPrefix?: string;
}) {
  return (
    <div className="flex gap-1 border-b border-slate-200" role="tablist" aria-label={label}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={active === t.id}
          onClick={() => onChange(t.id)}
          className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${active === t.id ? 'border-sky-600 text-sky-700' : 'border-transparent text-slate-500 hover:text-slate-800'}`}
          data-testid={`${testIdPrefix}${t.id}`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
