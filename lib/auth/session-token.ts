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
}

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function issueSessionToken(user: string, secret: string, lifetimeMs: number, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ u: user, exp: now + lifetimeMs } satisfies SessionClaims)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** The claims of a valid, unexpired token; null for anything else (never a throw). */
export function readSessionToken(token: string | undefined, secret: string, now = Date.now()): SessionClaims | null {
  if (!token || token.length > 1024) return null;
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = Buffer.from(sign(payload, secret), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<SessionClaims>;
    if (typeof claims.u !== 'string' || typeof claims.exp !== 'number' || claims.exp <= now) return null;
    return { u: claims.u, exp: claims.exp };
  } catch {
    return null;
  }
}
