import type { ButtonHTMLAttributes } from 'react';

/**
 * The console's one button.
 *
 * Use: `<Button variant="primary" onClick={save} testId="save">Save</Button>`. Variants:
 * `primary` (the one action a panel is for), `secondary` (the default: Cancel, Refresh),
 * `danger` (deletes and resets; always behind a confirmation), `danger-outline` (stopping
 * something, like Cancel of a running scan), `ghost` (quiet actions inside
 * tables and toolbars). Sizes: `md` (default), `sm` (as high as a `controlSize="sm"` field, for
 * toolbars of fields) and `xs` (inside dense rows and status bars).
 * It is `type="button"` unless told otherwise, so a button in a form never submits by accident;
 * pass `type="submit"` for the one that should.
 */

const variants = {
  primary: 'bg-sky-700 text-white shadow-sm hover:bg-sky-800 disabled:bg-sky-700/50',
  danger: 'bg-rose-600 text-white hover:bg-rose-700 disabled:bg-rose-600/50',
  'danger-outline': 'border border-rose-300 bg-white text-rose-700 hover:bg-rose-50 disabled:text-rose-300',
  secondary:
    'border border-slate-300 bg-white text-slate-700 shadow-sm hover:bg-slate-50 disabled:text-slate-400 disabled:hover:bg-white',
  ghost:
    'text-sky-700 hover:bg-sky-50 hover:text-sky-900 disabled:text-slate-400 disabled:hover:bg-transparent',
  quiet:
    'text-slate-500 hover:bg-slate-100 hover:text-slate-800 disabled:text-slate-300 disabled:hover:bg-transparent',
} as const;

const sizes = {
  xs: 'h-7 gap-1.5 whitespace-nowrap rounded-md px-2.5 text-xs',
  sm: 'h-8 gap-1.5 whitespace-nowrap rounded-md px-3 text-sm',
  md: 'gap-1.5 rounded-md px-3 py-1.5 text-sm',
} as const;

/** A toggle that is on (Live tail running): `<Button pressed={tail}>`. */
const pressedClass = 'border border-emerald-400 bg-emerald-50 text-emerald-800 hover:bg-emerald-100';

export type ButtonVariant = keyof typeof variants;

/** The classes of a button, for a link that should look like one. */
export function buttonClass(
  variant: ButtonVariant = 'secondary',
  size: keyof typeof sizes = 'md',
  pressed = false,
): string {
  return `inline-flex items-center font-medium disabled:cursor-not-allowed ${sizes[size]} ${pressed ? pressedClass : variants[variant]}`;
}

export function Button({
  variant = 'secondary',
  size = 'md',
  children,
  testId,
  pressed,
  className = '',
  ...props
}: {
  variant?: ButtonVariant;
  size?: keyof typeof sizes;
  testId?: string;
  pressed?: boolean;
} & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      {...props}
      className={`${buttonClass(variant, size, pressed)} ${className}`}
      data-testid={testId}
    >
      {children}
    </button>
  );
}
