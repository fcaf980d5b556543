import { z } from 'zod';

/**
 * Who may use the console, and what each may do. Roles, from least to most:
 * - viewer: reads everything (browse, search, export, time travel, schemas, dead letters, previews);
 * - operator: also writes data (produce, create topics, reset group offsets, redrive, register schemas);
 * - admin: also destroys and reconfigures (delete topics and groups, change compatibility, write to
 *   internal topics where a cluster allows it).
 */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

const userName = z
  .string()
  .regex(/^[A-Za-z0-9._@-]{1,64}$/, 'must be 1 to 64 letters, digits, ".", "_", "@" or "-"');

const userSchema = z
  .object({
    name: userName,
    /** From `npm run hash-password`: scrypt$N$r$p$salt$hash. Never the password itself. */
    passwordHash: z
      .string()
      .regex(
        /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/,
        'must be a hash made by `npm run hash-password`',
      ),
    role: roleSchema,
    /** A different role on some clusters, by cluster id (e.g. viewer on prod, operator elsewhere). */
    clusterRoles: z.record(z.string(), roleSchema).optional(),
  })
  .strict();

export type UserConfig = z.infer<typeof userSchema>;

const sessionSecret = z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 48`)');
const sessionHours = z
  .number()
  .positive()
  .max(24 * 30)
  .default(12);

/**
 * Company single sign-on through OpenID Connect (authorization code flow with PKCE). The role
 * comes from a claim of the signed-in user (`roleClaim`, e.g. groups), mapped by `roles`; the
 * highest role matched wins, and a user matching none gets `defaultRole` (null: refused).
 */
/** Groups (values of the role claim) per role. */
const roleMapping = z
  .object({
    admin: z.array(z.string()).default([]),
    operator: z.array(z.string()).default([]),
    viewer: z.array(z.string()).default([]),
  })
  .strict();

const oidcSchema = z
  .object({
    mode: z.literal('oidc'),
    sessionSecret,
    sessionHours,
    /** The provider's issuer URL; its /.well-known/openid-configuration is read at the first sign-in. */
    issuer: z.url(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    /** How browsers reach the console, e.g. https://console.example.com: the redirect URI is <publicUrl>/api/auth/oidc/callback. */
    publicUrl: z.url(),
    scopes: z.array(z.string().min(1)).default(['openid', 'profile', 'email']),
    /** The claim that names the user in the audit trail. */
    nameClaim: z.string().min(1).default('preferred_username'),
    /** The claim holding the user's groups or roles: a string or a list of strings. */
    roleClaim: z.string().min(1).default('groups'),
    roles: roleMapping.default({ admin: [], operator: [], viewer: [] }),
    /**
     * Per cluster id, a mapping that replaces `roles` on that cluster (e.g. admins of staging who
     * only view production). A user matching none of a cluster's groups is a viewer there.
     */
    clusterRoles: z.record(z.string(), roleMapping).default({}),
    defaultRole: roleSchema.nullable().default(null),
    /** Only for a provider on this machine (tests, development): allows an http:// issuer. */
    allowHttpIssuer: z.boolean().default(false),
  })
  .strict();

export type OidcConfig = z.infer<typeof oidcSchema>;

export const authConfigSchema = z
  .discriminatedUnion('mode', [
    /** No sign-in: everyone is admin. Allowed only while the console listens on a loopback address. */
    z.object({ mode: z.literal('none') }).strict(),
    z
      .object({
        mode: z.literal('users'),
        /** Signs session cookies; at least 32 characters, from the environment (`${CONSOLE_SESSION_SECRET}`). */
        sessionSecret,
        sessionHours,
        users: z
          .array(userSchema)
          .min(1, 'configure at least one user')
          .refine((us) => new Set(us.map((u) => u.name)).size === us.length, {
            message: 'user names must be unique',
          }),
      })
      .strict(),
    oidcSchema,
  ])
  .default({ mode: 'none' });

export type AuthConfig = z.infer<typeof authConfigSchema>;
