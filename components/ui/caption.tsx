import type { ReactNode } from 'react';

/**
 * The small upper-case heading over a block inside a card ("State before", "Decoded value").
 * Use: `<Caption>State before</Caption>`; it is an `h3` unless `as` says otherwise.
 */
export function Caption({ children, as: Tag = 'h3' }: { children: ReactNode; as?: 'h3' | 'h4' | 'div' }) {
  return <Tag className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{children}</Tag>;
}
