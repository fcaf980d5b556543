import type { ReactNode } from 'react';

/**
 * The row of controls above a list or a view: a search box, toggles, a count, actions.
 *
 * Use:
 * ```tsx
 * <Toolbar>
 *   <Input type="search" … />
 *   <Checkbox …>Show internal topics</Checkbox>
 *   <ToolbarNote testId="topic-count">12 topics</ToolbarNote>
 *   <ToolbarSpacer />
 *   <Button …>Refresh</Button>
 * </Toolbar>
 * ```
 * Items wrap on narrow screens; `ToolbarSpacer` pushes what follows to the right end.
 */
export function Toolbar({
  children,
  className = '',
  testId,
}: {
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <div className={`flex flex-wrap items-center gap-4 ${className}`} data-testid={testId}>
      {children}
    </div>
  );
}

/** A quiet remark in a toolbar: counts, "refreshing…". */
export function ToolbarNote({
  children,
  testId,
  quiet = false,
}: {
  children: ReactNode;
  testId?: string;
  quiet?: boolean;
}) {
  return (
    <span className={quiet ? 'text-xs text-slate-400' : 'text-sm text-slate-500'} data-testid={testId}>
      {children}
    </span>
  );
}

export function ToolbarSpacer() {
  return <span className="flex-1" aria-hidden />;
}
