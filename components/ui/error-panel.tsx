import { errorCode } from '@/lib/queries/api-error';

/**
 * A failure in words: what could not be done, the server's sentence, and the code for searching
 * the docs. Use: `<ErrorPanel title="The topics could not be listed" error={topics.error} />`
 * for a failed query or mutation, or `message` and `code` for a problem the page found itself.
 */
export function ErrorPanel({
  title,
  error,
  message,
  code,
  testId,
}: {
  title: string;
  error?: unknown;
  message?: string;
  code?: string;
  testId?: string;
}) {
  const text = message ?? (error instanceof Error ? error.message : String(error ?? ''));
  const shownCode = code ?? (error ? errorCode(error) : undefined);
  return (
    <div
      role="alert"
      className="rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-900"
      data-testid={testId}
    >
      <div className="font-semibold">{title}</div>
      <div className="mt-0.5 [overflow-wrap:anywhere]">{text}</div>
      {shownCode ? <div className="mt-1 font-mono text-xs text-rose-700/80">{shownCode}</div> : null}
    </div>
  );
}
