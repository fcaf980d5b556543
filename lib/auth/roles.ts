import type { AuthConfig, Role, UserConfig } from '@/lib/config/auth-schema';
import type { SessionClaims } from './session-token';

/** The signed-in person (or, without sign-in, the local user) as the server sees them. */
export interface Principal {
  name: string;
  /** The role on clusters without a role of their own. */
  role: Role;
  clusterRoles: Record<string, Role>;
  /** False when sign-in is off (mode none). */
  authenticated: boolean;
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Without sign-in the console is a local tool: its one user may do everything. */
export const LOCAL_PRINCIPAL: Principal = {
  name: 'local',
  role: 'admin',
  clusterRoles: {},
  authenticated: false,
};

export function principalOf(user: UserConfig): Principal {
  return { name: user.name, role: user.role, clusterRoles: user.clusterRoles ?? {}, authenticated: true };
}

export function roleOn(principal: Principal, clusterId: string | undefined): Role {
  return (
    (clusterId !== undefined && Object.hasOwn(principal.clusterRoles, clusterId)
      ? principal.clusterRoles[clusterId]
      : undefined) ?? principal.role
  );
}

export function hasRole(principal: Principal, clusterId: string | undefined, needed: Role): boolean {
  return RANK[roleOn(principal, clusterId)] >= RANK[needed];
}

export function findUser(auth: AuthConfig, name: string): UserConfig | undefined {
  return auth.mode === 'users' ? auth.users.find((u) => u.name === name) : undefined;
}

/**
 * The principal of a valid session: a built-in user as configured now (a removed user is signed
 * out at once), or a single sign-on user with the role the provider's claims gave at sign-in.
 */
export function principalOfSession(auth: AuthConfig, claims: SessionClaims): Principal | null {
  if (auth.mode === 'users') {
    const user = findUser(auth, claims.u);
    return user ? principalOf(user) : null;
  }
  if (auth.mode === 'oidc' && claims.r)
    return { name: claims.u, role: claims.r, clusterRoles: claims.c ?? {}, authenticated: true };
  return null;
}
