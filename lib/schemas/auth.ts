import { z } from 'zod';
import { roleSchema } from '@/lib/config/auth-schema';
import { defineOperations } from '@/lib/schemas/api-spec';

/** Shared by routes and pages: sign-in, sign-out, and who the browser is signed in as. */

export const signInBody = z.object({
  name: z.string().min(1, 'enter your user name').max(64),
  password: z.string().min(1, 'enter your password').max(1000),
});
export type SignInInput = z.infer<typeof signInBody>;

export const sessionSchema = z.object({
  /** none: no sign-in (local use, everyone may do everything); users: built-in users; oidc: single sign-on. */
  mode: z.enum(['none', 'users', 'oidc']),
  user: z
    .object({
      name: z.string(),
      role: roleSchema.describe('The role on clusters without a role of their own'),
      clusterRoles: z.record(z.string(), roleSchema),
    })
    .nullable(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

export const authOperations = defineOperations([
  {
    method: 'get',
    path: '/api/auth/session',
    tag: 'auth',
    summary: 'Who the browser is signed in as, and their roles (null when not signed in)',
    response: sessionSchema,
  },
  {
    method: 'post',
    path: '/api/auth/sign-in',
    tag: 'auth',
    summary: 'Sign in with a built-in user; sets a signed, HttpOnly, SameSite=Strict session cookie',
    body: signInBody,
    response: sessionSchema,
    errors: ['UNAUTHENTICATED', 'CROSS_SITE', 'FORBIDDEN_HOST', 'UNSUPPORTED_MEDIA_TYPE'],
  },
  {
    method: 'get',
    path: '/api/auth/oidc/start',
    tag: 'auth',
    summary: 'Single sign-on: redirects to the OpenID provider (authorization code flow with PKCE)',
    query: z.object({ next: z.string().optional().describe('The console path to return to') }),
    produces: 'text/html',
    errors: ['NOT_FOUND', 'IDENTITY_PROVIDER_UNAVAILABLE'],
  },
  {
    method: 'get',
    path: '/api/auth/oidc/callback',
    tag: 'auth',
    summary:
      'Single sign-on: where the provider returns; sets the session cookie and continues to the console',
    produces: 'text/html',
    errors: ['NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN', 'IDENTITY_PROVIDER_UNAVAILABLE'],
    errorPage: true,
  },
  {
    method: 'post',
    path: '/api/auth/sign-out',
    tag: 'auth',
    summary: 'Sign out: clears the session cookie',
    response: z.object({ signedOut: z.literal(true) }),
    errors: ['CROSS_SITE', 'FORBIDDEN_HOST'],
  },
]);
