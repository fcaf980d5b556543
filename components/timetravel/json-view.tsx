/** Pretty-printed JSON in a scrollable box. */
export function JsonView({
  value,
  testId,
  maxHeight = 'max-h-96',
}: {
  value: unknown;
  testId?: string;
  maxHeight?: string;
}) {
  return (
    <pre
      className={`${maxHeight} overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs leading-relaxed text-slate-800 ring-1 ring-inset ring-slate-200`}
      data-testid={testId}
    >
      {value === undefined ? '—' : JSON.stringify(value, null, 2)}
    </pre>
  );
}
