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

const userName = z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, 'must be 1 to 64 letters, digits, ".", "_", "@" or "-"');

const userSchema = z
  .object({
    name: userName,
    /** From `npm run hash-password`: scrypt$N$r$p$salt$hash. Never the password itself. */
    passwordHash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'must be a hash made by `npm run hash-password`'),
    role: roleSchema,
    /** A different role on some clusters, by cluster id (e.g. viewer on prod, operator elsewhere). */
    clusterRoles: z.record(z.string(), roleSchema).optional(),
  })
  .strict();

export type UserConfig = z.infer<typeof userSchema>;

export const authConfigSchema = z
  .discriminatedUnion('mode', [
    /** No sign-in: everyone is admin. Allowed only while the console listens on a loopback address. */
    z.object({ mode: z.literal('none') }).strict(),
    z
      .object({
        mode: z.literal('users'),
        /** Signs session cookies; at least 32 characters, from the environment (`${CONSOLE_SESSION_SECRET}`). */
        sessionSecret: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 48`)'),
        sessionHours: z.number().positive().max(24 * 30).default(12),
        users: z
          .array(userSchema)
          .min(1, 'configure at least one user')
          .refine((us) => new Set(us.map((u) => u.name)).size === us.length, { message: 'user names must be unique' }),
      })
      .strict(),
  ])
  .default({ mode: 'none' });

export type AuthConfig = z.infer<typeof authConfigSchema>;
