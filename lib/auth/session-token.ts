import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A session is a signed cookie value: the user name and an expiry, HMAC-SHA256 with the
 * configured secret. Stateless, so any instance of the console accepts it (the console keeps no
 * state outside Kafka). Pure.
 */

export const SESSION_COOKIE = 'esc_session';

export interface SessionClaims {
  /** User name. */
  u: string;
  /** Expiry, epoch milliseconds. */
  exp: number;
  /** Role, for single sign-on users (built-in users take theirs from the configuration). */
  r?: 'viewer' | 'operator' | 'admin';
  /** Roles on particular clusters, for single sign-on users whose provider groups map per cluster. */
  c?: Record<string, 'viewer' | 'operator' | 'admin'>;
}

const ROLES = new Set(['viewer', 'operator', 'admin']);

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** Any JSON object with an expiry, signed: sessions, and the short-lived state of a single sign-on. */
export function signValue(value: { exp: number } & Record<string, unknown>, secret: string): string {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** The object of a valid, unexpired signed value; null for anything else (never a throw). */
export function readSignedValue(
  token: string | undefined,
  secret: string,
  now = Date.now(),
): ({ exp: number } & Record<string, unknown>) | null {
  if (!token || token.length > 4096) return null;
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = Buffer.from(sign(payload, secret), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    if (typeof value !== 'object' || value === null || typeof value.exp !== 'number' || value.exp <= now)
      return null;
    return value as { exp: number } & Record<string, unknown>;
  } catch {
    return null;
  }
}

export function issueSessionToken(
  user: string,
  secret: string,
  lifetimeMs: number,
  now = Date.now(),
  role?: SessionClaims['r'],
  clusterRoles?: SessionClaims['c'],
): string {
  const perCluster = clusterRoles && Object.keys(clusterRoles).length > 0 ? { c: clusterRoles } : {};
  return signValue({ u: user, exp: now + lifetimeMs, ...(role ? { r: role } : {}), ...perCluster }, secret);
}

/** Only known roles survive; anything else in a (signed, so our own) token is dropped. */
function readClusterRoles(value: unknown): SessionClaims['c'] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: NonNullable<SessionClaims['c']> = {};
  for (const [id, role] of Object.entries(value))
    if (typeof role === 'string' && ROLES.has(role)) out[id] = role as NonNullable<SessionClaims['r']>;
  return Object.keys(out).length > 0 ? out : undefined;
}

export function readSessionToken(
  token: string | undefined,
  secret: string,
  now = Date.now(),
): SessionClaims | null {
  const value = readSignedValue(token, secret, now);
  if (!value || typeof value.u !== 'string') return null;
  const role =
    typeof value.r === 'string' && ROLES.has(value.r) ? (value.r as SessionClaims['r']) : undefined;
  const clusterRoles = readClusterRoles(value.c);
  return {
    u: value.u,
    exp: value.exp,
    ...(role ? { r: role } : {}),
    ...(clusterRoles ? { c: clusterRoles } : {}),
  };
}
