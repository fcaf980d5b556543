import type { OidcConfig, Role } from '@/lib/config/auth-schema';

/**
 * The role a single sign-on user gets from the provider's claims: the values of `roleClaim`
 * (a string, or a list of strings) matched against the configured lists, highest role first;
 * `defaultRole` when none matches (null: not allowed in). Pure.
 */
export function roleFromClaims(
  oidc: Pick<OidcConfig, 'roleClaim' | 'roles' | 'defaultRole'>,
  claims: Record<string, unknown>,
): Role | null {
  const raw = Object.hasOwn(claims, oidc.roleClaim) ? claims[oidc.roleClaim] : undefined;
  const values = new Set(
    (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string'),
  );
  for (const role of ['admin', 'operator', 'viewer'] as const)
    if (oidc.roles[role].some((v) => values.has(v))) return role;
  return oidc.defaultRole;
}

/** The role on each cluster that has its own mapping (`clusterRoles`): viewer where none matches. Pure. */
export function clusterRolesFromClaims(
  oidc: Pick<OidcConfig, 'roleClaim' | 'clusterRoles'>,
  claims: Record<string, unknown>,
): Record<string, Role> {
  const out: Record<string, Role> = {};
  for (const [clusterId, roles] of Object.entries(oidc.clusterRoles)) {
    out[clusterId] =
      roleFromClaims({ roleClaim: oidc.roleClaim, roles, defaultRole: 'viewer' }, claims) ?? 'viewer';
  }
  return out;
}

/** The name shown and audited: the configured claim, else the email, else the subject. */
export function nameFromClaims(nameClaim: string, claims: Record<string, unknown>): string {
  for (const key of [nameClaim, 'email', 'sub']) {
    const v = Object.hasOwn(claims, key) ? claims[key] : undefined;
    if (typeof v === 'string' && v !== '') return v.slice(0, 200);
  }
  return 'unknown';
}

/** Only paths of this console: a `next` pointing elsewhere would make sign-in an open redirect. */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
