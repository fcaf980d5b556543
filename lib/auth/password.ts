import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes for built-in users: scrypt (memory-hard, in Node's crypto), stored as
 * `scrypt$N$r$p$salt$hash` so the cost can be raised later without breaking old hashes.
 * Pure apart from the random salt.
 */

const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, N: number, r: number, p: number): Buffer {
  // maxmem must cover 128 * N * r bytes, with room to spare.
  return scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r });
}

export function hashPassword(password: string, cost = DEFAULT_COST): string {
  const salt = randomBytes(16);
  const hash = scrypt(password, salt, cost.N, cost.r, cost.p);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Whether `password` matches `stored`; false (never a throw) for malformed hashes or absurd costs. */
export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // A hash from configuration is trusted, but not to the point of stalling the server.
  if (!(N >= 2 && N <= 2 ** 20 && (N & (N - 1)) === 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16))
    return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  return timingSafeEqual(scrypt(password, salt, N, r, p), expected);
}

/** A fixed hash to verify against when the user name is unknown, so timing does not tell names apart. */
export const UNKNOWN_USER_HASH = `scrypt$${DEFAULT_COST.N}$${DEFAULT_COST.r}$${DEFAULT_COST.p}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LENGTH).toString('base64')}`;
