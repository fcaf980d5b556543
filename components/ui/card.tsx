import type { ReactNode } from 'react';

export function Card({
  title,
  children,
  aside,
  testId,
}: {
  title: string;
  children: ReactNode;
  aside?: ReactNode;
  testId?: string;
}) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid={testId}>
      <header className="flex items-center justify-between border-b border-slate-100 px-4 py-2.5">
        <h2 className="text-sm font-semibold text-slate-700">{title}</h2>
        {aside}
      </header>
      <div className="p-4">{children}</div>
    </section>
  );
}
