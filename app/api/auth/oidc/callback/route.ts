import { NextResponse, type NextRequest } from 'next/server';
import { completeSignIn, OIDC_FLOW_COOKIE } from '@/lib/auth/oidc';
import { SESSION_COOKIE } from '@/lib/auth/session-token';
import { getConfig } from '@/lib/config';
import { AppError, toErrorBody } from '@/lib/errors/app-error';

export const dynamic = 'force-dynamic';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A small page rather than a redirect: the browser arrives here from the provider (cross-site),
 * and a SameSite=Strict session cookie is only sent on a navigation that starts on this site,
 * which the page's refresh is.
 */
function page(status: number, title: string, body: string, refreshTo?: string): NextResponse {
  const refresh = refreshTo ? `<meta http-equiv="refresh" content="0;url=${escape(refreshTo)}">` : '';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">${refresh}<title>${escape(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#0f172a"><h1 style="font-size:1.1rem">${escape(title)}</h1><p>${body}</p></body></html>`;
  return new NextResponse(html, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** Finishes a single sign-on: sets the session cookie and continues to the page the user wanted. */
export async function GET(request: NextRequest): Promise<Response> {
  const { auth } = getConfig();
  try {
    if (auth.mode !== 'oidc')
      throw new AppError('NOT_FOUND', 'single sign-on is not configured for this console');
    const { token, maxAgeSeconds, next, name } = await completeSignIn(
      auth,
      request.nextUrl.search,
      request.cookies.get(OIDC_FLOW_COOKIE)?.value,
    );
    const response = page(
      200,
      `Signed in as ${name}`,
      `Continuing to <a href="${escape(next)}">the console</a>…`,
      next,
    );
    response.cookies.set(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: auth.publicUrl.startsWith('https:'),
      path: '/',
      maxAge: maxAgeSeconds,
    });
    response.cookies.delete({ name: OIDC_FLOW_COOKIE, path: '/api/auth/oidc' });
    return response;
  } catch (error) {
    const { status, body } = toErrorBody(error);
    if (body.error.code === 'INTERNAL') console.error('single sign-on failed', error);
    return page(
      status,
      'You are not signed in',
      `${escape(body.error.message)} <br><a href="/signin">Back to sign-in</a>`,
    );
  }
}
