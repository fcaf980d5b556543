import type { ErrorCode } from '@/lib/http/errors';

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

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  } catch {
    throw new ApiError('NETWORK', 'the console server could not be reached', 0);
  }
  const body = (await response.json().catch(() => undefined)) as { error?: { code: ErrorCode; message: string } } | undefined;
  if (!response.ok) {
    throw new ApiError(body?.error?.code ?? 'INTERNAL', body?.error?.message ?? `the console answered ${response.status}`, response.status);
  }
  return body as T;
}
