import 'server-only';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors/app-error';
import type { SessionInfo, SignInInput } from '@/lib/schemas/auth';
import { UNKNOWN_USER_HASH, verifyPassword } from './password';
import { findUser, principalOf, type Principal } from './roles';
import { issueSessionToken } from './session-token';

export function sessionInfo(principal: Principal | null): SessionInfo {
  const mode = getConfig().auth.mode;
  if (!principal) return { mode, user: null };
  return { mode, user: { name: principal.name, role: principal.role, clusterRoles: principal.clusterRoles } };
}

/**
 * Checks a built-in user's password and issues a session token. An unknown name costs the same
 * scrypt work as a wrong password, and both get the same answer, so names cannot be probed.
 */
export function signIn(input: SignInInput): { token: string; maxAgeSeconds: number; session: SessionInfo } {
  const { auth } = getConfig();
  if (auth.mode === 'oidc')
    throw new AppError('BAD_REQUEST', 'this console signs in through single sign-on only');
  if (auth.mode !== 'users')
    throw new AppError('BAD_REQUEST', 'sign-in is off for this console; everyone on this machine may use it');
  const user = findUser(auth, input.name);
  const ok = verifyPassword(input.password, user?.passwordHash ?? UNKNOWN_USER_HASH);
  if (!user || !ok) throw new AppError('UNAUTHENTICATED', 'wrong user name or password');
  const maxAgeSeconds = Math.round(auth.sessionHours * 3600);
  return {
    token: issueSessionToken(user.name, auth.sessionSecret, maxAgeSeconds * 1000),
    maxAgeSeconds,
    session: sessionInfo(principalOf(user)),
  };
}
