import { cookies } from 'next/headers';
import { signIn } from '@/lib/auth/sign-in';
import { SESSION_COOKIE } from '@/lib/auth/session-token';
import { route } from '@/lib/http/handler';
import { signInBody } from '@/lib/schemas/auth';

export const dynamic = 'force-dynamic';

/** Changes only the browser's session, not any cluster; origin and JSON checks still apply. */
export const POST = route({
  public: true,
  write: false,
  body: signInBody,
  run: async ({ body, request }) => {
    const { token, maxAgeSeconds, session } = signIn(body);
    (await cookies()).set(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.nextUrl.protocol === 'https:',
      path: '/',
      maxAge: maxAgeSeconds,
    });
    return session;
  },
});
