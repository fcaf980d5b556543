import { principalFromRequest } from '@/lib/auth/current-principal';
import { sessionInfo } from '@/lib/auth/sign-in';
import { route } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

/** Public so that the sign-in page can ask; answers user null when not signed in. */
export const GET = route({
  public: true,
  run: async ({ request }) => sessionInfo(principalFromRequest(request)),
});
