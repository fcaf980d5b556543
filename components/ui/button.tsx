import type { ButtonHTMLAttributes } from 'react';

/**
 * The console's one button.
 *
 * Use: `<Button variant="primary" onClick={save} testId="save">Save</Button>`. Variants:
 * `primary` (the one action a panel is for), `secondary` (the default: Cancel, Refresh),
 * `danger` (deletes and resets; always behind a confirmation), `ghost` (quiet actions inside
 * tables and toolbars). Sizes: `md` (default) and `sm` (inside dense rows and toolbars).
 * It is `type="button"` unless told otherwise, so a button in a form never submits by accident;
 * pass `type="submit"` for the one that should.
 */

const variants = {
  primary: 'bg-sky-700 text-white hover:bg-sky-800 disabled:bg-sky-700/50',
  danger: 'bg-rose-600 text-white hover:bg-rose-700 disabled:bg-rose-600/50',
  secondary: 'border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 disabled:text-slate-400',
  ghost: 'text-sky-700 hover:bg-sky-50 hover:text-sky-900 disabled:text-slate-400 disabled:hover:bg-transparent',
} as const;

const sizes = {
  sm: 'gap-1 rounded px-2 py-1 text-xs',
  md: 'gap-1.5 rounded-md px-3 py-1.5 text-sm',
} as const;

export type ButtonVariant = keyof typeof variants;

/** The classes of a button, for a link that should look like one. */
export function buttonClass(variant: ButtonVariant = 'secondary', size: keyof typeof sizes = 'md'): string {
  return `inline-flex items-center font-medium disabled:cursor-not-allowed ${sizes[size]} ${variants[variant]}`;
}

export function Button({
  variant = 'secondary',
  size = 'md',
  children,
  testId,
  className = '',
  ...props
}: { variant?: ButtonVariant; size?: keyof typeof sizes; testId?: string } & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button type="button" {...props} className={`${buttonClass(variant, size)} ${className}`} data-testid={testId}>
      {children}
    </button>
  );
}
