import { NextResponse, type NextRequest } from 'next/server';
import { beginSignIn, OIDC_FLOW_COOKIE } from '@/lib/auth/oidc';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors/app-error';
import { errorResponse } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

/**
 * Starts a single sign-on: a redirect to the provider, not JSON, hence not route(). The flow
 * cookie is SameSite=Lax because the provider sends the browser back with a cross-site redirect.
 */
export async function GET(request: NextRequest): Promise<Response> {
  try {
    const { auth } = getConfig();
    if (auth.mode !== 'oidc')
      throw new AppError('NOT_FOUND', 'single sign-on is not configured for this console');
    const { url, flow, maxAgeSeconds } = await beginSignIn(auth, request.nextUrl.searchParams.get('next'));
    const response = NextResponse.redirect(url, 302);
    response.cookies.set(OIDC_FLOW_COOKIE, flow, {
      httpOnly: true,
      sameSite: 'lax',
      secure: auth.publicUrl.startsWith('https:'),
      path: '/api/auth/oidc',
      maxAge: maxAgeSeconds,
    });
    return response;
  } catch (error) {
    return errorResponse(error);
  }
}
