'use client';
import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal panel: a title, a body that scrolls, and a footer for the actions. Escape and a click
 * on the backdrop call `onClose`; focus starts on the footer's left-most button (the safe one,
 * by convention Cancel) unless a field inside took it.
 */
export function Dialog({
  title,
  children,
  footer,
  onClose,
  size = 'md',
  testId,
}: {
  title: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  onClose: () => void;
  size?: 'md' | 'lg';
  testId?: string;
}) {
  const titleId = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  const footerRef = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  useEffect(() => {
    // Unless a field inside asked for focus (autoFocus), start on the safe button.
    if (!panelRef.current?.contains(document.activeElement))
      footerRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div
      className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4"
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        ref={panelRef}
        className={`flex max-h-[90vh] w-full flex-col rounded-lg bg-white shadow-xl ${size === 'lg' ? 'max-w-2xl' : 'max-w-lg'}`}
        data-testid={testId}
      >
        <h2
          id={titleId}
          className="border-b border-slate-100 px-5 py-3 text-base font-semibold text-slate-900"
        >
          {title}
        </h2>
        <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4 text-sm text-slate-700">{children}</div>
        {footer ? (
          <div ref={footerRef} className="flex justify-end gap-2 border-t border-slate-100 px-5 py-3">
            {footer}
          </div>
        ) : null}
      </div>
    </div>
  );
}
