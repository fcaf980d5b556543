import { errorFromResponse, networkError } from './api-error';

/**
 * The one fetcher of JSON endpoints: a failed call throws an `ApiError` with the server's code
 * and sentence. Use `postJson(body)` for the request init of a JSON POST.
 */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  } catch (error) {
    if (init?.signal?.aborted) throw error;
    throw networkError();
  }
  if (!response.ok) throw await errorFromResponse(response);
  return (await response.json()) as T;
}

export function postJson(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * The path of a cluster-scoped endpoint, every segment encoded (topic and group names may hold
 * any character): `clusterApi('local', 'groups', id, 'reset-offsets')`.
 */
export function clusterApi(cluster: string, ...segments: string[]): string {
  return ['/api/clusters', cluster, ...segments]
    .map((s, i) => (i === 0 ? s : encodeURIComponent(s)))
    .join('/');
}

/** `path?a=1&b=2` from the parameters that have a value (undefined, null, false and '' are left out). */
export function withQuery(
  path: string,
  params: Record<string, string | number | boolean | null | undefined>,
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== false && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return qs ? `${path}?${qs}` : path;
}
