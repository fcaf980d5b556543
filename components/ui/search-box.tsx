import { Input } from './field';

/**
 * The search or filter box of a list's toolbar: a search input whose every keystroke goes to
 * `onChange` (lists debounce into the URL with `useUrlSearch`). `label` is what a screen reader
 * announces, the placeholder what the eye sees.
 */
export function SearchBox({
  value,
  onChange,
  placeholder,
  label,
  className = 'w-72',
  testId,
}: {
  value: string;
  onChange: (text: string) => void;
  placeholder: string;
  label: string;
  className?: string;
  testId: string;
}) {
  return (
    <Input
      type="search"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      placeholder={placeholder}
      aria-label={label}
      className={className}
      testId={testId}
    />
  );
}
