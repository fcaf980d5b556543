import { cookies } from 'next/headers';
import { SESSION_COOKIE } from '@/lib/auth/session-token';
import { route } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

export const POST = route({
  public: true,
  write: false,
  run: async () => {
    (await cookies()).delete(SESSION_COOKIE);
    return { signedOut: true as const };
  },
});
