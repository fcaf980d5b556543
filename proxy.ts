import { NextResponse, type NextRequest } from 'next/server';
import { buildMethodTable, disallowedMethod } from '@/lib/http/allowed-methods';
import { allOperations } from '@/lib/openapi/operations';

const methodTable = buildMethodTable(allOperations);

/**
 * Runs before every API route. An unsupported method (TRACE, or DELETE where only GET exists)
 * gets 405 with an Allow header and the usual error body, instead of whatever the framework
 * makes of it.
 */
export function proxy(request: NextRequest): NextResponse {
  const allowed = disallowedMethod(methodTable, request.nextUrl.pathname, request.method);
  if (allowed) {
    return NextResponse.json(
      { error: { code: 'METHOD_NOT_ALLOWED', message: `${request.method} is not supported here; use ${allowed.join(', ')}` } },
      { status: 405, headers: { allow: allowed.join(', ') } },
    );
  }
  return NextResponse.next();
}

export const config = { matcher: '/api/:path*' };
