import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

/**
 * Form controls, styled once: `Field` (label, hint and error around one control), `Input`,
 * `Select`, `Textarea`, `Checkbox`, and `FieldSet` (a legend over a group of radios).
 *
 * Use:
 * ```tsx
 * <Field label="Partitions" hint="More can be added later, never removed" error={problem}>
 *   <Input type="number" value={n} onChange={…} testId="create-topic-partitions" />
 * </Field>
 * <Checkbox checked={internal} onChange={setInternal} testId="show-internal-topics">Show internal topics</Checkbox>
 * ```
 * `Field` renders a `<label>`, so the control inside needs no id. Controls take `controlSize="sm"`
 * (32 px high, for toolbars and dense forms), `mono` for ids and offsets, `invalid` for a red
 * border, and `testId` for `data-testid`.
 */

/** The caption style of a field, for a caption over something that is not one control. */
export const FIELD_LABEL = 'mb-1 block text-xs font-medium uppercase tracking-wide text-slate-500';

export function Field({
  label,
  hint,
  error,
  errorTestId,
  children,
  className = '',
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  errorTestId?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <label className={`block ${className}`}>
      <span className={FIELD_LABEL}>{label}</span>
      {children}
      {hint && !error ? <span className="mt-1 block text-xs text-slate-500">{hint}</span> : null}
      {error ? (
        <span className="mt-1 block text-xs text-rose-700" role="alert" data-testid={errorTestId}>
          {error}
        </span>
      ) : null}
    </label>
  );
}

/** A group of controls under one caption: radios, or two inputs that belong together. */
export function FieldSet({
  legend,
  hint,
  children,
  className = '',
}: {
  legend: ReactNode;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <fieldset className={className}>
      <legend className={FIELD_LABEL}>{legend}</legend>
      {children}
      {hint ? <span className="mt-1 block text-xs text-slate-500">{hint}</span> : null}
    </fieldset>
  );
}

interface ControlStyle {
  controlSize?: 'sm' | 'md';
  mono?: boolean;
  invalid?: boolean;
  testId?: string;
}

/** The classes of a text control, for the rare control that is not one of these. */
export function controlClass({
  controlSize = 'md',
  mono = false,
  invalid = false,
}: ControlStyle = {}): string {
  return [
    'rounded-md border bg-white text-sm text-slate-900 shadow-sm focus:outline-none focus:ring-1 disabled:bg-slate-100 disabled:text-slate-400',
    controlSize === 'sm' ? 'h-8 px-2' : 'px-2.5 py-1.5',
    invalid
      ? 'border-rose-400 focus:border-rose-500 focus:ring-rose-500'
      : 'border-slate-300 focus:border-sky-500 focus:ring-sky-500',
    mono ? 'font-mono' : '',
  ].join(' ');
}

export function Input({
  controlSize,
  mono,
  invalid,
  testId,
  className = '',
  ...props
}: ControlStyle & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <input
      data-testid={testId}
      {...props}
      aria-invalid={invalid || undefined}
      className={`${controlClass({ controlSize, mono, invalid })} ${className}`}
    />
  );
}

export function Select({
  controlSize,
  mono,
  invalid,
  testId,
  className = '',
  children,
  ...props
}: ControlStyle & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select
      data-testid={testId}
      {...props}
      aria-invalid={invalid || undefined}
      className={`${controlClass({ controlSize, mono, invalid })} ${className}`}
    >
      {children}
    </select>
  );
}

export function Textarea({
  mono,
  invalid,
  testId,
  className = '',
  ...props
}: Omit<ControlStyle, 'controlSize'> & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <textarea
      data-testid={testId}
      {...props}
      aria-invalid={invalid || undefined}
      className={`${controlClass({ mono, invalid })} ${className}`}
    />
  );
}

/** A checkbox with its caption to the right; `onChange` gets the new value. */
export function Checkbox({
  checked,
  onChange,
  disabled,
  testId,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
      />
      {children}
    </label>
  );
}

/** A radio with its caption; several share a `name`. */
export function Radio({
  name,
  checked,
  onChange,
  disabled,
  testId,
  children,
}: {
  name: string;
  checked: boolean;
  onChange: () => void;
  disabled?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <label className={`flex items-center gap-1.5 text-sm ${disabled ? 'text-slate-400' : 'text-slate-700'}`}>
      <input
        type="radio"
        name={name}
        checked={checked}
        disabled={disabled}
        onChange={onChange}
        data-testid={testId}
      />
      {children}
    </label>
  );
}
