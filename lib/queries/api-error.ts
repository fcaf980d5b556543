import type { ErrorCode } from '@/lib/errors/app-error';

/**
 * The browser's side of the API's error contract. Every error body is `{ error: { code, message } }`;
 * `errorFromResponse` reads one (or says what went wrong when the body is not one), so a page shows
 * the server's sentence and branches on its code, whether the call was JSON or a stream.
 */

/** An API error as the browser sees it: the code and a sentence to show. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The error of a failed response, from its `{ error: { code, message } }` body when it has one. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => undefined)) as
    { error?: { code?: ErrorCode; message?: string } } | undefined;
  return new ApiError(
    body?.error?.code ?? 'INTERNAL',
    body?.error?.message ?? `the console answered ${response.status}`,
    response.status,
  );
}

/** The console server could not be reached at all (offline, restarted, proxy down). */
export function networkError(detail?: string): ApiError {
  return new ApiError('NETWORK', `the console server could not be reached${detail ? ` (${detail})` : ''}`, 0);
}

/** The code of any error a query or mutation threw, for titles that depend on it. */
export function errorCode(error: unknown): string {
  return error instanceof ApiError ? error.code : ((error as { code?: string } | null)?.code ?? 'INTERNAL');
}
