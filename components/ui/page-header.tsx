import type { ReactNode } from 'react';

/**
 * The top of a page: a small line of context above the title (the cluster, or a link back),
 * the title, a sentence on what the page is for, and the page's actions and badges on the right.
 *
 * Use: `<PageHeader eyebrow={`Cluster ${id}`} title="Topics" description="…" actions={<Button …/>} />`.
 * `mono` sets the title in monospace (a topic or group name); `titleTestId` marks it for tests.
 */
export function PageHeader({
  eyebrow,
  title,
  description,
  actions,
  mono = false,
  titleTestId,
}: {
  eyebrow?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  mono?: boolean;
  titleTestId?: string;
}) {
  return (
    <header className="flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        {eyebrow ? (
          <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{eyebrow}</div>
        ) : null}
        <h1
          className={`text-2xl font-semibold tracking-tight text-slate-900 ${mono ? 'break-all font-mono' : ''}`}
          data-testid={titleTestId}
        >
          {title}
        </h1>
        {description ? <div className="mt-1 text-sm text-slate-600">{description}</div> : null}
      </div>
      {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
    </header>
  );
}

/** The frame of a page's content: centred, padded, with even space between its sections. */
export function Page({
  children,
  wide = false,
  testId,
}: {
  children: ReactNode;
  wide?: boolean;
  testId?: string;
}) {
  return (
    <div className={`mx-auto space-y-5 p-8 ${wide ? 'max-w-7xl' : 'max-w-6xl'}`} data-testid={testId}>
      {children}
    </div>
  );
}
