/** A failure in words: what could not be done, and the code for searching the docs. */
export function ErrorPanel({ title, message, code, testId }: { title: string; message: string; code?: string; testId?: string }) {
  return (
    <div role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-900" data-testid={testId}>
      <div className="font-semibold">{title}</div>
      <div className="mt-0.5 [overflow-wrap:anywhere]">{message}</div>
      {code ? <div className="mt-1 font-mono text-xs text-rose-700/80">{code}</div> : null}
    </div>
  );
}
