import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '@/lib/auth/session-token';
import { localCluster } from './support';

/**
 * Single sign-on against a real OpenID provider (`oidc-provider`, certified), started here on a
 * free port with its development login and consent pages: the console's start and callback
 * routes run the whole authorization code flow, and the role comes from the user's groups.
 */
const cluster = localCluster();
const publicUrl = 'http://127.0.0.1:3205';
const previousConfig = process.env.CONSOLE_CONFIG;
const groups: Record<string, string[]> = {
  olga: ['kafka-operators'],
  avi: ['kafka-admins', 'kafka-operators'],
  nobody: ['marketing'],
};

let server: Server;
let issuer: string;
type Handler = (request: NextRequest) => Promise<Response>;
let start: Handler;
let callback: Handler;
let listTopics: (request: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;
let produce: (request: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;

/** The cookies a browser would keep, by name. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

/** Follows the provider's redirects and answers its login and consent pages, as a person would. */
async function signInAtProvider(authUrl: string, login: string): Promise<string> {
  const jar = new CookieJar();
  let url = authUrl;
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(publicUrl)) return url; // back at the console's callback
    let response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.take(response);
    if (response.status === 200) {
      const html = await response.text();
      const action = /action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`unexpected page at ${url}`);
      const form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
      response = await fetch(new URL(action, url), {
        method: 'POST',
        redirect: 'manual',
        body: form,
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      });
      jar.take(response);
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`the provider answered ${response.status} at ${url} without a redirect`);
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects');
}

async function signIn(login: string, next = '/clusters/local/topics'): Promise<Response> {
  const started = await start(
    new NextRequest(`${publicUrl}/api/auth/oidc/start?next=${encodeURIComponent(next)}`, {
      headers: { host: '127.0.0.1:3205' },
    }),
  );
  expect(started.status).toBe(302);
  const flowCookie = started.headers.getSetCookie().find((c) => c.startsWith('esc_oidc='))!;
  expect(flowCookie).toMatch(/HttpOnly/i);
  const back = await signInAtProvider(started.headers.get('location')!, login);
  return callback(
    new NextRequest(back, { headers: { host: '127.0.0.1:3205', cookie: flowCookie.split(';')[0]! } }),
  );
}

const sessionOf = (response: Response) =>
  response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));

beforeAll(async () => {
  const provider = new Provider('http://127.0.0.1:0', {
    clients: [
      {
        client_id: 'console',
        client_secret: 'console-test-secret-0123456789',
        redirect_uris: [`${publicUrl}/api/auth/oidc/callback`],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, preferred_username: sub, groups: groups[sub] ?? [] }),
    }),
    claims: { openid: ['sub'], profile: ['preferred_username', 'groups'] },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['oidc-test-cookie-key'] },
  });
  // The issuer must name the port it listens on: listen first, then tell the provider.
  server = await new Promise<Server>((resolve) => {
    const s = provider.listen(0, '127.0.0.1', () => resolve(s));
  });
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  (provider as unknown as { issuer: string }).issuer = issuer;

  const dir = mkdtempSync(path.join(tmpdir(), 'oidc-it-'));
  const file = path.join(dir, 'console.json');
  writeFileSync(
    file,
    JSON.stringify({
      clusters: [{ ...cluster, id: 'local' }],
      auth: {
        mode: 'oidc',
        sessionSecret: 'oidc-integration-session-secret-0123456789',
        issuer,
        clientId: 'console',
        clientSecret: 'console-test-secret-0123456789',
        publicUrl,
        scopes: ['openid', 'profile'],
        roles: { admin: ['kafka-admins'], operator: ['kafka-operators'] },
        allowHttpIssuer: true,
      },
    }),
  );
  process.env.CONSOLE_CONFIG = file;
  start = (await import('@/app/api/auth/oidc/start/route')).GET;
  callback = (await import('@/app/api/auth/oidc/callback/route')).GET;
  listTopics = (await import('@/app/api/clusters/[cluster]/topics/route')).GET as typeof listTopics;
  produce = (await import('@/app/api/clusters/[cluster]/topics/[topic]/produce/route'))
    .POST as typeof produce;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (previousConfig === undefined) delete process.env.CONSOLE_CONFIG;
  else process.env.CONSOLE_CONFIG = previousConfig;
});

describe('single sign-on with OpenID Connect', () => {
  it('signs an operator in through the provider and continues to the page asked for', async () => {
    const done = await signIn('olga');
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('url=/clusters/local/topics');
    const session = sessionOf(done)!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=strict/i);

    const cookie = session.split(';')[0]!;
    const topics = await listTopics(
      new NextRequest(`${publicUrl}/api/clusters`, { headers: { host: '127.0.0.1:3205', cookie } }),
      { params: Promise.resolve({ cluster: 'local' }) },
    );
    expect(topics.status).toBe(200);
    const { GET: clusters } = await import('@/app/api/clusters/route');
    const list = (await (
      await clusters(
        new NextRequest(`${publicUrl}/api/clusters`, { headers: { host: '127.0.0.1:3205', cookie } }),
        { params: Promise.resolve({}) },
      )
    ).json()) as { clusters: { role: string }[] };
    expect(list.clusters[0]!.role).toBe('operator');
  });

  it('gives the highest role the groups match', async () => {
    const done = await signIn('avi');
    const cookie = sessionOf(done)!.split(';')[0]!;
    const { GET: session } = await import('@/app/api/auth/session/route');
    const info = (await (
      await session(
        new NextRequest(`${publicUrl}/api/auth/session`, { headers: { host: '127.0.0.1:3205', cookie } }),
        { params: Promise.resolve({}) },
      )
    ).json()) as { mode: string; user: { name: string; role: string } };
    expect(info).toMatchObject({ mode: 'oidc', user: { name: 'avi', role: 'admin' } });
  });

  it('refuses a user whose groups give no role, in words', async () => {
    const done = await signIn('nobody');
    expect(done.status).toBe(403);
    expect(sessionOf(done)).toBeUndefined();
    expect(await done.text()).toContain('has no role in this console');
  });

  it('refuses a callback that this browser did not start', async () => {
    const started = await start(
      new NextRequest(`${publicUrl}/api/auth/oidc/start`, { headers: { host: '127.0.0.1:3205' } }),
    );
    const back = await signInAtProvider(started.headers.get('location')!, 'olga');
    const forged = await callback(new NextRequest(back, { headers: { host: '127.0.0.1:3205' } }));
    expect(forged.status).toBe(401);
    expect(sessionOf(forged)).toBeUndefined();
  });

  it('a forged session role does not pass', async () => {
    const res = await produce(
      new NextRequest(`${publicUrl}/api/clusters/local/topics/t/produce`, {
        method: 'POST',
        headers: {
          host: '127.0.0.1:3205',
          'content-type': 'application/json',
          cookie: `${SESSION_COOKIE}=eyJ1IjoiZXZlIiwiZXhwIjo5OTk5OTk5OTk5OTk5LCJyIjoiYWRtaW4ifQ.forged`,
        },
        body: JSON.stringify({ encoding: 'text', value: 'x' }),
      }),
      { params: Promise.resolve({ cluster: 'local', topic: 't' }) },
    );
    expect(res.status).toBe(401);
  });
});
