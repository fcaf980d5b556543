import 'server-only';
import * as client from 'openid-client';
import type { OidcConfig } from '@/lib/config/auth-schema';
import { AppError } from '@/lib/errors/app-error';
import { clusterRolesFromClaims, nameFromClaims, roleFromClaims, safeNext } from './oidc-roles';
import { issueSessionToken, readSignedValue, signValue } from './session-token';
import { processMap } from '@/lib/process-map';

/**
 * Single sign-on with OpenID Connect: the authorization code flow with PKCE, state and nonce,
 * through `openid-client`. Between the two legs the flow's secrets travel in a signed,
 * HttpOnly cookie of ten minutes, so any instance of the console can finish a sign-in.
 */

export const OIDC_FLOW_COOKIE = 'esc_oidc';
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
const FLOW_MS = 10 * 60 * 1000;

const store = processMap<string, Promise<client.Configuration>>('oidcProviders');

/** The provider's metadata, discovered once per process (a failed discovery is retried next time). */
function providerConfig(oidc: OidcConfig): Promise<client.Configuration> {
  const key = `${oidc.issuer}\u0000${oidc.clientId}`;
  let pending = store.get(key);
  if (!pending) {
    pending = client
      .discovery(
        new URL(oidc.issuer),
        oidc.clientId,
        oidc.clientSecret,
        undefined,
        oidc.allowHttpIssuer ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        store.delete(key);
        throw new AppError(
          'IDENTITY_PROVIDER_UNAVAILABLE',
          `the sign-on provider at ${new URL(oidc.issuer).origin} could not be asked: ${(error as Error).message}`,
          { cause: error },
        );
      });
    store.set(key, pending);
  }
  return pending;
}

function redirectUri(oidc: OidcConfig): string {
  return `${oidc.publicUrl.replace(/\/+$/, '')}${OIDC_CALLBACK_PATH}`;
}

/** Where to send the browser, and the signed flow state to keep in its cookie until it returns. */
export async function beginSignIn(
  oidc: OidcConfig,
  next: string | null,
): Promise<{ url: string; flow: string; maxAgeSeconds: number }> {
  const config = await providerConfig(oidc);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(oidc),
    scope: oidc.scopes.join(' '),
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const flow = signValue(
    { exp: Date.now() + FLOW_MS, verifier, state, nonce, next: safeNext(next) },
    oidc.sessionSecret,
  );
  return { url: url.href, flow, maxAgeSeconds: FLOW_MS / 1000 };
}

/**
 * Finishes a sign-in: checks the flow cookie, exchanges the code (state, nonce and PKCE are
 * checked by openid-client), reads the user's claims (ID token, then userinfo) and maps them to
 * a role. Refuses a user the configuration gives no role.
 */
export async function completeSignIn(
  oidc: OidcConfig,
  search: string,
  flowCookie: string | undefined,
): Promise<{ token: string; maxAgeSeconds: number; next: string; name: string }> {
  const flow = readSignedValue(flowCookie, oidc.sessionSecret);
  if (
    !flow ||
    typeof flow.verifier !== 'string' ||
    typeof flow.state !== 'string' ||
    typeof flow.nonce !== 'string'
  ) {
    throw new AppError(
      'UNAUTHENTICATED',
      'this sign-in was not started here or took longer than ten minutes; start again',
    );
  }
  const config = await providerConfig(oidc);
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(config, new URL(`${redirectUri(oidc)}${search}`), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idClaims: Record<string, unknown> = tokens.claims() ?? {};
    const userinfo = await client.fetchUserInfo(
      config,
      tokens.access_token,
      typeof idClaims.sub === 'string' ? idClaims.sub : client.skipSubjectCheck,
    );
    claims = { ...userinfo, ...idClaims };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'UNAUTHENTICATED',
      `the sign-on provider did not sign you in: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const name = nameFromClaims(oidc.nameClaim, claims);
  const role = roleFromClaims(oidc, claims);
  if (!role)
    throw new AppError(
      'FORBIDDEN',
      `${name} is signed in at the provider but has no role in this console; ask for one of the configured ${oidc.roleClaim}`,
    );
  const maxAgeSeconds = Math.round(oidc.sessionHours * 3600);
  const clusterRoles = clusterRolesFromClaims(oidc, claims);
  return {
    token: issueSessionToken(name, oidc.sessionSecret, maxAgeSeconds * 1000, Date.now(), role, clusterRoles),
    maxAgeSeconds,
    next: typeof flow.next === 'string' ? safeNext(flow.next) : '/',
    name,
  };
}
