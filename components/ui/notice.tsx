import type { ReactNode } from 'react';

/**
 * A short remark in a tinted box: a partial answer (`warn`: "Sizes on disk could not be read"),
 * a state worth knowing (`info`: "No group named … exists yet"; `neutral`: "This cluster is
 * read-only"), or a success (`good`).
 * Failures that stop a page use `ErrorPanel` instead.
 *
 * Use: `<Notice tone="warn" testId="sizes-problem">Sizes on disk could not be read: …</Notice>`;
 * `title` adds a bold first line.
 */
const tones = {
  warn: 'border-amber-200 bg-amber-50 text-amber-900',
  info: 'border-sky-200 bg-sky-50 text-sky-900',
  good: 'border-emerald-200 bg-emerald-50 text-emerald-900',
  neutral: 'border-slate-200 bg-slate-50 text-slate-700',
} as const;

export function Notice({
  tone = 'warn',
  title,
  children,
  onDismiss,
  testId,
}: {
  tone?: keyof typeof tones;
  title?: ReactNode;
  children: ReactNode;
  /** Shows a × that calls it (for a notice of something just done). */
  onDismiss?: () => void;
  testId?: string;
}) {
  return (
    <div
      role={tone === 'good' ? 'status' : undefined}
      className={`flex items-start justify-between gap-3 rounded-md border px-3 py-2 text-sm ${tones[tone]}`}
      data-testid={testId}
    >
      <div className="min-w-0">
        {title ? <div className="font-semibold">{title}</div> : null}
        {children}
      </div>
      {onDismiss ? (
        <button
          type="button"
          onClick={onDismiss}
          className="opacity-70 hover:opacity-100"
          aria-label="Dismiss"
        >
          ×
        </button>
      ) : null}
    </div>
  );
}
