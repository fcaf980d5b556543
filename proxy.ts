import { NextResponse, type NextRequest } from 'next/server';
import { gateRequest } from '@/lib/auth/gate';
import { buildMethodTable, disallowedMethod } from '@/lib/http/allowed-methods';
import { allOperations } from '@/lib/openapi/operations';

const methodTable = buildMethodTable(allOperations);

/**
 * Runs before every page and API route. First the gate (lib/auth/gate.ts): host names the
 * console does not answer to are refused, and with sign-in on, requests without a session go
 * to the sign-in page. Then, for the API, an unsupported method (TRACE, or DELETE where only
 * GET exists) gets 405 with an Allow header and the usual error body, instead of whatever the
 * framework makes of it.
 */
export function proxy(request: NextRequest): NextResponse {
  const refused = gateRequest(request);
  if (refused) return refused;
  if (!request.nextUrl.pathname.startsWith('/api/')) return NextResponse.next();
  const allowed = disallowedMethod(methodTable, request.nextUrl.pathname, request.method);
  if (allowed) {
    return NextResponse.json(
      {
        error: {
          code: 'METHOD_NOT_ALLOWED',
          message: `${request.method} is not supported here; use ${allowed.join(', ')}`,
        },
      },
      { status: 405, headers: { allow: allowed.join(', ') } },
    );
  }
  return NextResponse.next();
}

// Everything but the build's static files.
export const config = { matcher: '/((?!_next/static|_next/image|favicon.ico).*)' };
