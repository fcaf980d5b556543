import type { ReactNode } from 'react';

/**
 * A list of labelled facts, labels in a column on the left: what a confirmation is about to do,
 * or what describes a group.
 *
 * Use:
 * ```tsx
 * <Facts testId="produce-summary">
 *   <Fact label="Topic" mono>{topic}</Fact>
 *   <Fact label="Key" testId="summary-key">{key ?? <Missing>none</Missing>}</Fact>
 * </Facts>
 * ```
 */
export function Facts({
  children,
  testId,
  className = '',
}: {
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <dl className={`grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5 ${className}`} data-testid={testId}>
      {children}
    </dl>
  );
}

export function Fact({
  label,
  children,
  mono = false,
  testId,
  className = '',
}: {
  label: ReactNode;
  children: ReactNode;
  mono?: boolean;
  testId?: string;
  className?: string;
}) {
  return (
    <div className="contents">
      <dt className="text-slate-500">{label}</dt>
      <dd className={`[overflow-wrap:anywhere] ${mono ? 'font-mono' : ''} ${className}`} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** A value that is absent ("none", "unset"), greyed. */
export function Missing({ children }: { children: ReactNode }) {
  return <span className="text-slate-400">{children}</span>;
}
