import 'server-only';
import type { NextRequest } from 'next/server';
import { getConfig } from '@/lib/config';
import { LOCAL_PRINCIPAL, principalOfSession, type Principal } from './roles';
import { readSessionToken, SESSION_COOKIE } from './session-token';

/**
 * Who sent a request: the local user when sign-in is off, the user of a valid session cookie
 * when it is on, or null (not signed in, expired, forged, or a user since removed from the
 * configuration).
 */
export function principalFromRequest(request: Pick<NextRequest, 'cookies'>): Principal | null {
  const { auth } = getConfig();
  if (auth.mode === 'none') return LOCAL_PRINCIPAL;
  const claims = readSessionToken(request.cookies.get(SESSION_COOKIE)?.value, auth.sessionSecret);
  return claims ? principalOfSession(auth, claims) : null;
}
