import type { ReactNode } from 'react';

/**
 * A short remark in a tinted box: a partial answer (`warn`: "Sizes on disk could not be read"),
 * a state worth knowing (`info`: "No group named … exists yet"), or a success (`good`).
 * Failures that stop a page use `ErrorPanel` instead.
 *
 * Use: `<Notice tone="warn" testId="sizes-problem">Sizes on disk could not be read: …</Notice>`;
 * `title` adds a bold first line.
 */
const tones = {
  warn: 'border-amber-200 bg-amber-50 text-amber-900',
  info: 'border-sky-200 bg-sky-50 text-sky-900',
  good: 'border-emerald-200 bg-emerald-50 text-emerald-900',
} as const;

export function Notice({ tone = 'warn', title, children, testId }: { tone?: keyof typeof tones; title?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div className={`rounded-md border px-3 py-2 text-sm ${tones[tone]}`} data-testid={testId}>
      {title ? <div className="font-semibold">{title}</div> : null}
      {children}
    </div>
  );
}
