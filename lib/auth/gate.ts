import { NextResponse, type NextRequest } from 'next/server';
import { loadConfig } from '@/lib/config/load';
import type { ConsoleConfig } from '@/lib/config/schema';
import { hostRefusal } from '@/lib/auth/request-guards';
import { principalOfSession } from './roles';
import { readSessionToken, SESSION_COOKIE } from './session-token';

/**
 * What the proxy decides before any page or API route runs: a request for a host name the
 * console does not answer to is refused (DNS rebinding), and with sign-in on, a request without
 * a valid session goes to the sign-in page (pages) or gets 401 (API). The route wrapper checks
 * the session again for its role decisions; this gate also covers pages and downloads.
 *
 * No 'server-only' imports here: the proxy is bundled on its own.
 */

/** API paths that answer without sign-in. */
const PUBLIC_API = ['/api/auth/', '/api/health', '/api/openapi.json'];
const SIGN_IN_PAGE = '/signin';

let cached: { config: ConsoleConfig } | { error: true } | undefined;

function config(): ConsoleConfig | undefined {
  if (!cached) {
    try {
      cached = { config: loadConfig() };
    } catch {
      // An invalid configuration is reported by the routes themselves (CONFIG_INVALID).
      cached = { error: true };
    }
  }
  return 'config' in cached ? cached.config : undefined;
}

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

function refuse(request: NextRequest, status: number, code: string, message: string): NextResponse {
  if (isApi(request.nextUrl.pathname)) return NextResponse.json({ error: { code, message } }, { status });
  return new NextResponse(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

export function gateRequest(request: NextRequest): NextResponse | null {
  const current = config();
  const hostProblem = hostRefusal(request.headers.get('host'), current?.allowedHosts ?? []);
  if (hostProblem) return refuse(request, 403, 'FORBIDDEN_HOST', hostProblem);
  if (!current || current.auth.mode === 'none') return null;

  const path = request.nextUrl.pathname;
  if (path === SIGN_IN_PAGE || PUBLIC_API.some((p) => path === p || path.startsWith(p))) return null;
  const claims = readSessionToken(request.cookies.get(SESSION_COOKIE)?.value, current.auth.sessionSecret);
  if (claims && principalOfSession(current.auth, claims)) return null;

  if (isApi(path)) return refuse(request, 401, 'UNAUTHENTICATED', 'sign in to use the console');
  const target = request.nextUrl.clone();
  target.pathname = SIGN_IN_PAGE;
  target.search = `?next=${encodeURIComponent(path + request.nextUrl.search)}`;
  return NextResponse.redirect(target);
}
