import { describe, expect, it } from 'vitest';
import { authConfigSchema } from '@/lib/config/auth-schema';
import { hashPassword, verifyPassword } from './password';
import { hasRole, LOCAL_PRINCIPAL, principalOf, principalOfSession, roleOn } from './roles';
import { issueSessionToken, readSessionToken } from './session-token';

const cheap = { N: 1024, r: 8, p: 1 };

describe('passwords', () => {
  it('verifies the right password and only that', () => {
    const hash = hashPassword('correct horse', cheap);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(verifyPassword('correct horse', hash)).toBe(true);
    expect(verifyPassword('correct hors', hash)).toBe(false);
    expect(hashPassword('correct horse', cheap)).not.toBe(hash); // salted
  });

  it('refuses malformed hashes and absurd costs without throwing', () => {
    expect(verifyPassword('x', 'plain-text')).toBe(false);
    expect(verifyPassword('x', 'scrypt$1099511627776$8$1$AAAA$AAAA')).toBe(false);
  });

  it('is what the configuration accepts', () => {
    const parsed = authConfigSchema.safeParse({
      mode: 'users',
      sessionSecret: 'x'.repeat(32),
      users: [{ name: 'ann', passwordHash: hashPassword('pw', cheap), role: 'viewer' }],
    });
    expect(parsed.success).toBe(true);
    expect(authConfigSchema.safeParse({ mode: 'users', sessionSecret: 'short', users: [] }).success).toBe(
      false,
    );
    expect(authConfigSchema.parse(undefined)).toEqual({ mode: 'none' });
  });
});

describe('session tokens', () => {
  const secret = 's'.repeat(40);

  it('round-trip until they expire', () => {
    const token = issueSessionToken('ann', secret, 60_000, 1_000);
    expect(readSessionToken(token, secret, 2_000)).toEqual({ u: 'ann', exp: 61_000 });
    expect(readSessionToken(token, secret, 61_000)).toBeNull();
  });

  it('refuse a forged or re-signed token', () => {
    const token = issueSessionToken('ann', secret, 60_000, 1_000);
    const [, sig] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ u: 'admin', exp: 9e15 })).toString('base64url')}.${sig}`;
    expect(readSessionToken(forged, secret, 2_000)).toBeNull();
    expect(
      readSessionToken(
        issueSessionToken('ann', 'another secret of enough length!!', 60_000, 1_000),
        secret,
        2_000,
      ),
    ).toBeNull();
    expect(readSessionToken('garbage', secret)).toBeNull();
    expect(readSessionToken(undefined, secret)).toBeNull();
  });
});

describe('roles', () => {
  const ann = principalOf({
    name: 'ann',
    passwordHash: 'h',
    role: 'operator',
    clusterRoles: { prod: 'viewer' },
  });

  it('rank viewer < operator < admin, per cluster when configured', () => {
    expect(roleOn(ann, 'prod')).toBe('viewer');
    expect(roleOn(ann, 'staging')).toBe('operator');
    expect(hasRole(ann, 'staging', 'operator')).toBe(true);
    expect(hasRole(ann, 'prod', 'operator')).toBe(false);
    expect(hasRole(ann, 'staging', 'admin')).toBe(false);
    expect(hasRole(LOCAL_PRINCIPAL, 'prod', 'admin')).toBe(true);
  });

  it('does not take inherited names for cluster ids', () => {
    expect(roleOn(ann, 'constructor')).toBe('operator');
  });
});

describe('binding without sign-in', () => {
  it('refuses a non-loopback address only while sign-in is off', async () => {
    const { bindingRefusal } = await import('./startup-check');
    expect(bindingRefusal('0.0.0.0', 'none')).toMatch(/refusing to listen on 0.0.0.0 without sign-in/);
    expect(bindingRefusal('::', 'none')).toMatch(/refusing/);
    expect(bindingRefusal('192.168.1.20', 'none')).toMatch(/refusing/);
    expect(bindingRefusal('127.0.0.1', 'none')).toBeNull();
    expect(bindingRefusal('::1', 'none')).toBeNull();
    expect(bindingRefusal('localhost', 'none')).toBeNull();
    expect(bindingRefusal('0.0.0.0', 'users')).toBeNull();
  });

  it('reads the address from npm start, or from a next start command line', async () => {
    const { bindHostOf } = await import('./startup-check');
    expect(bindHostOf({ CONSOLE_BIND_HOST: '127.0.0.1' }, [])).toBe('127.0.0.1');
    expect(
      bindHostOf({}, ['/usr/bin/node', '/app/node_modules/next/dist/bin/next', 'start', '-p', '3000']),
    ).toBe('0.0.0.0');
    expect(bindHostOf({}, ['/usr/bin/node', '/app/node_modules/.bin/next', 'start', '-H', '127.0.0.1'])).toBe(
      '127.0.0.1',
    );
    expect(
      bindHostOf({}, ['/usr/bin/node', '/app/node_modules/next/dist/server/lib/start-server.js']),
    ).toBeUndefined();
  });
});

describe('single sign-on roles', () => {
  it('map the role claim to the highest configured role, or the default', async () => {
    const { roleFromClaims, nameFromClaims, safeNext } = await import('./oidc-roles');
    const oidc = {
      roleClaim: 'groups',
      roles: { admin: ['ops-admins'], operator: ['ops'], viewer: ['staff'] },
      defaultRole: null,
    };
    expect(roleFromClaims(oidc, { groups: ['staff', 'ops'] })).toBe('operator');
    expect(roleFromClaims(oidc, { groups: ['ops', 'ops-admins'] })).toBe('admin');
    expect(roleFromClaims(oidc, { groups: 'staff' })).toBe('viewer');
    expect(roleFromClaims(oidc, { groups: ['marketing'] })).toBeNull();
    expect(roleFromClaims({ ...oidc, defaultRole: 'viewer' }, {})).toBe('viewer');
    expect(nameFromClaims('preferred_username', { sub: 's-1', email: 'a@b.example' })).toBe('a@b.example');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('/clusters/local')).toBe('/clusters/local');
  });

  it('carry their role in the signed session, and only there', () => {
    const secret = 's'.repeat(40);
    const token = issueSessionToken('olga', secret, 60_000, 1_000, 'operator');
    expect(readSessionToken(token, secret, 2_000)).toEqual({ u: 'olga', exp: 61_000, r: 'operator' });
  });

  it('map groups per cluster where the configuration says so, carried in the session', async () => {
    const { clusterRolesFromClaims } = await import('./oidc-roles');
    const oidc = {
      roleClaim: 'groups',
      clusterRoles: {
        prod: { admin: ['prod-admins'], operator: [], viewer: [] },
        staging: { admin: [], operator: ['ops'], viewer: [] },
      },
    };
    const roles = clusterRolesFromClaims(oidc, { groups: ['ops'] });
    // Not in prod's groups: a viewer there, whatever the global role.
    expect(roles).toEqual({ prod: 'viewer', staging: 'operator' });
    expect(clusterRolesFromClaims(oidc, { groups: ['prod-admins'] })).toEqual({
      prod: 'admin',
      staging: 'viewer',
    });

    const secret = 's'.repeat(40);
    const token = issueSessionToken('olga', secret, 60_000, 1_000, 'admin', roles);
    const claims = readSessionToken(token, secret, 2_000)!;
    expect(claims).toEqual({
      u: 'olga',
      exp: 61_000,
      r: 'admin',
      c: { prod: 'viewer', staging: 'operator' },
    });
    const auth = authConfigSchema.parse({
      mode: 'oidc',
      sessionSecret: secret,
      issuer: 'https://id.example',
      clientId: 'c',
      clientSecret: 'x',
      publicUrl: 'https://console.example',
      clusterRoles: oidc.clusterRoles,
    });
    const principal = principalOfSession(auth, claims)!;
    expect(roleOn(principal, 'prod')).toBe('viewer');
    expect(roleOn(principal, 'staging')).toBe('operator');
    expect(roleOn(principal, 'dev')).toBe('admin');
  });
});
