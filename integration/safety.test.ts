import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_TOPIC } from '@/lib/audit/record-audit';
import { hashPassword } from '@/lib/auth/password';
import { issueSessionToken, SESSION_COOKIE } from '@/lib/auth/session-token';
import { closeAdmins } from '@/lib/kafka/admin';
import { closeReaders, readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import { createTopicIfMissing, deleteTopicsIfPresent } from '@/lib/kafka/topics';
import { localCluster, uniqueName } from './support';

/**
 * The rules of a write, tried through the real route handlers on the real broker, with sign-in
 * on: who may write, from where, with what body, to which topic.
 */
const cluster = localCluster();
const topic = uniqueName('safety');
const secret = 'integration-secret-'.padEnd(48, 'x');
const cheap = { N: 1024, r: 8, p: 1 };
const previousConfig = process.env.CONSOLE_CONFIG;
const base = 'http://127.0.0.1:3205';

type Handler = (request: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;
let produce: Handler;
let preview: Handler;
let deleteTopic: Handler;
let listTopics: Handler;

const cookieFor = (user: string) => `${SESSION_COOKIE}=${issueSessionToken(user, secret, 60_000)}`;

function request(
  url: string,
  init: { method?: string; user?: string; headers?: Record<string, string>; body?: string } = {},
): NextRequest {
  const headers: Record<string, string> = { host: '127.0.0.1:3205', ...init.headers };
  if (init.user) headers.cookie = cookieFor(init.user);
  return new NextRequest(`${base}${url}`, { method: init.method ?? 'GET', headers, body: init.body });
}

const jsonWrite = { 'content-type': 'application/json', origin: base, 'sec-fetch-site': 'same-origin' };
const message = (value: string) => JSON.stringify({ encoding: 'json', value, key: 'k-1' });
const produceTo = (
  name: string,
  user: string,
  headers: Record<string, string> = jsonWrite,
  body = message('{"n":1}'),
  clusterId = 'local',
) =>
  produce(
    request(`/api/clusters/${clusterId}/topics/${name}/produce`, { method: 'POST', user, headers, body }),
    { params: Promise.resolve({ cluster: clusterId, topic: name }) },
  );

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

async function auditTail(n: number): Promise<{ actor: string; action: string; target: string }[]> {
  const [marks] = await readWatermarks(cluster, AUDIT_TOPIC);
  const from = marks!.high > BigInt(n) ? marks!.high - BigInt(n) : 0n;
  const { records } = await readPartitionRange(cluster, {
    topic: AUDIT_TOPIC,
    partition: 0,
    fromOffset: from,
    limit: n,
  });
  return records.map((r) => JSON.parse(r.value!.toString('utf8')));
}

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'safety-it-'));
  const file = path.join(dir, 'console.json');
  const users = [
    { name: 'vera', role: 'viewer' },
    { name: 'otto', role: 'operator', clusterRoles: { 'local-viewonly': 'viewer' } },
    { name: 'ada', role: 'admin' },
  ].map((u) => ({ ...u, passwordHash: hashPassword(`${u.name}-pw`, cheap) }));
  writeFileSync(
    file,
    JSON.stringify({
      clusters: [
        { ...cluster, id: 'local' },
        { ...cluster, id: 'local-readonly', readOnly: true },
        { ...cluster, id: 'local-viewonly' },
        // Credentials written into the registry URL: used, never shown.
        {
          ...cluster,
          id: 'local-creds',
          registry: {
            ...cluster.registry!,
            url: cluster.registry!.url.replace('http://', 'http://console:s3cret-pw@'),
          },
        },
      ],
      auth: { mode: 'users', sessionSecret: secret, users },
    }),
  );
  process.env.CONSOLE_CONFIG = file;
  await createTopicIfMissing(cluster, { name: topic, partitions: 1 });
  produce = (await import('@/app/api/clusters/[cluster]/topics/[topic]/produce/route')).POST as Handler;
  preview = (await import('@/app/api/clusters/[cluster]/topics/[topic]/produce/preview/route'))
    .POST as Handler;
  deleteTopic = (await import('@/app/api/clusters/[cluster]/topics/[topic]/route')).DELETE as Handler;
  listTopics = (await import('@/app/api/clusters/[cluster]/topics/route')).GET as Handler;
});

afterAll(async () => {
  await deleteTopicsIfPresent(cluster, [topic]);
  await closeReaders();
  await closeAdmins();
  if (previousConfig === undefined) delete process.env.CONSOLE_CONFIG;
  else process.env.CONSOLE_CONFIG = previousConfig;
});

describe('sign-in', () => {
  it('refuses the API without a session, or with a forged one', async () => {
    const none = await listTopics(request('/api/clusters/local/topics'), {
      params: Promise.resolve({ cluster: 'local' }),
    });
    expect(await errorOf(none)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const forged = request('/api/clusters/local/topics', {
      headers: {
        cookie: `${SESSION_COOKIE}=${issueSessionToken('ada', 'not-the-secret-but-long-enough-to-pass', 60_000)}`,
      },
    });
    expect((await listTopics(forged, { params: Promise.resolve({ cluster: 'local' }) })).status).toBe(401);
  });

  it('lets a viewer read', async () => {
    const res = await listTopics(request('/api/clusters/local/topics', { user: 'vera' }), {
      params: Promise.resolve({ cluster: 'local' }),
    });
    expect(res.status).toBe(200);
  });
});

describe('roles', () => {
  it('a viewer cannot produce, but may preview', async () => {
    expect(await errorOf(await produceTo(topic, 'vera'))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      message: expect.stringContaining('vera is viewer'),
    });
    const res = await preview(
      request(`/api/clusters/local/topics/${topic}/produce/preview`, {
        method: 'POST',
        user: 'vera',
        headers: jsonWrite,
        body: message('{"n":1}'),
      }),
      {
        params: Promise.resolve({ cluster: 'local', topic }),
      },
    );
    expect(res.status).toBe(200);
  });

  it('an operator can produce, and the audit entry names them', async () => {
    const res = await produceTo(topic, 'otto');
    expect(res.status).toBe(200);
    const entries = await auditTail(20);
    expect(entries.filter((e) => e.target === topic && e.action === 'produce').map((e) => e.actor)).toContain(
      'otto',
    );
  });

  it('the audit page lists the write, filterable by who and what', async () => {
    const { GET } = await import('@/app/api/clusters/[cluster]/audit/route');
    const call = (query: string) =>
      GET(request(`/api/clusters/local/audit?${query}`, { user: 'vera' }), {
        params: Promise.resolve({ cluster: 'local' }),
      });
    const mine = (await (await call(`actor=otto&action=produce&q=${topic}`)).json()) as {
      entries: { actor: string; action: string; target: string }[];
      actions: string[];
    };
    expect(mine.entries[0]).toMatchObject({ actor: 'otto', action: 'produce', target: topic });
    expect(mine.actions).toContain('produce');
    const nobody = (await (await call(`actor=nobody-at-all&q=${topic}`)).json()) as { entries: unknown[] };
    expect(nobody.entries).toEqual([]);
  });

  it('an operator who is a viewer on one cluster cannot write there', async () => {
    expect(
      await errorOf(await produceTo(topic, 'otto', jsonWrite, message('{"n":2}'), 'local-viewonly')),
    ).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('only an admin may delete a topic', async () => {
    const call = (user: string) =>
      deleteTopic(
        request(`/api/clusters/local/topics/${topic}-nope`, {
          method: 'DELETE',
          user,
          headers: jsonWrite,
          body: JSON.stringify({ confirm: `${topic}-nope` }),
        }),
        {
          params: Promise.resolve({ cluster: 'local', topic: `${topic}-nope` }),
        },
      );
    expect(await errorOf(await call('otto'))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    // The admin passes the wrapper; the topic does not exist, which the domain says in words.
    expect(await errorOf(await call('ada'))).toMatchObject({ status: 404, code: 'UNKNOWN_TOPIC' });
  });

  it('nobody writes to a read-only cluster', async () => {
    expect(
      await errorOf(await produceTo(topic, 'ada', jsonWrite, message('{"n":3}'), 'local-readonly')),
    ).toMatchObject({ status: 403, code: 'READ_ONLY' });
  });
});

describe('cross-site and forged requests', () => {
  it('refuses a cross-site text/plain form post', async () => {
    const res = await produceTo(topic, 'otto', {
      'content-type': 'text/plain',
      origin: 'http://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(await errorOf(res)).toMatchObject({ status: 403, code: 'CROSS_SITE' });
  });

  it('refuses a same-origin body that is not JSON', async () => {
    expect(
      await errorOf(await produceTo(topic, 'otto', { ...jsonWrite, 'content-type': 'text/plain' })),
    ).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('refuses a forged Host header', async () => {
    const res = await produceTo(topic, 'otto', {
      ...jsonWrite,
      host: 'evil.example:3205',
      origin: 'http://evil.example:3205',
    });
    expect(await errorOf(res)).toMatchObject({ status: 403, code: 'FORBIDDEN_HOST' });
  });

  it('refuses a body over the cap while reading it', async () => {
    const huge = JSON.stringify({ encoding: 'text', value: 'x'.repeat(3 * 1024 * 1024) });
    expect(await errorOf(await produceTo(topic, 'otto', jsonWrite, huge))).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
  });
});

describe('secrets', () => {
  it('a registry URL with user info works, and the overview shows it without them', async () => {
    const { GET } = await import('@/app/api/clusters/[cluster]/overview/route');
    const res = await GET(request('/api/clusters/local-creds/overview', { user: 'vera' }), {
      params: Promise.resolve({ cluster: 'local-creds' }),
    });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(JSON.parse(text).registry).toMatchObject({ status: 'up', url: cluster.registry!.url });
    expect(text).not.toContain('s3cret-pw');
  });
});

describe('internal topics and poison values', () => {
  it.each(['_schemas', '_console-audit', 'kafkasql-journal', '__consumer_offsets'])(
    'refuses to produce to %s',
    async (name) => {
      expect(await errorOf(await produceTo(name, 'ada'))).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
        message: expect.stringContaining('internal topic'),
      });
    },
  );

  it('a poison message nested 6,000 deep leaves its topic readable: page, export and replay', async () => {
    const poisonTopic = `${topic}-poison`;
    await createTopicIfMissing(cluster, { name: poisonTopic, partitions: 1 });
    try {
      const deep = `${'['.repeat(6000)}${']'.repeat(6000)}`;
      const send = (value: string, encoding: string) =>
        produceTo(poisonTopic, 'otto', jsonWrite, JSON.stringify({ encoding, value, key: 'agg-1' }));
      expect((await send('{"type":"Created","n":1}', 'json')).status).toBe(200);
      expect((await send(deep, 'text')).status).toBe(200); // as text it is not parsed, so it can be sent
      expect((await send('{"type":"Updated","n":2}', 'json')).status).toBe(200);
      const params = { params: Promise.resolve({ cluster: 'local', topic: poisonTopic }) };

      const { GET: page } = await import('@/app/api/clusters/[cluster]/topics/[topic]/messages/route');
      const res = await page(
        request(`/api/clusters/local/topics/${poisonTopic}/messages?start=earliest&partition=0`, {
          user: 'vera',
        }),
        params,
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as { messages: { value: { format: string; code?: string } }[] };
      expect(body.messages.map((m) => (m.value.format === 'error' ? m.value.code : m.value.format))).toEqual([
        'json',
        'TOO_DEEP',
        'json',
      ]);

      const { GET: exportRoute } =
        await import('@/app/api/clusters/[cluster]/topics/[topic]/messages/export/route');
      const exported = await exportRoute(
        request(`/api/clusters/local/topics/${poisonTopic}/messages/export?start=earliest&partition=0`, {
          user: 'vera',
        }),
        params,
      );
      const lines = (await exported.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { value?: { code?: string }; error?: unknown });
      expect(lines.filter((l) => l.error)).toEqual([]);
      expect(lines.some((l) => l.value?.code === 'TOO_DEEP')).toBe(true);

      const { GET: replay } = await import('@/app/api/clusters/[cluster]/timetravel/replay/route');
      const events = await replay(
        request(`/api/clusters/local/timetravel/replay?topic=${poisonTopic}&id=agg-1`, { user: 'vera' }),
        { params: Promise.resolve({ cluster: 'local' }) },
      );
      const text = await events.text();
      expect(text).not.toContain('"INTERNAL"');
      expect(text).toContain('"n":2'); // the replay went past the poison message
    } finally {
      await deleteTopicsIfPresent(cluster, [poisonTopic]);
    }
  });

  it('refuses to create an _-prefixed topic, even for an admin, unless the cluster allows it', async () => {
    const { POST } = await import('@/app/api/clusters/[cluster]/topics/route');
    const res = await POST(
      request('/api/clusters/local/topics', {
        method: 'POST',
        user: 'ada',
        headers: jsonWrite,
        body: JSON.stringify({
          name: '_private-notes',
          partitions: 1,
          replicationFactor: 1,
          cleanupPolicy: 'delete',
        }),
      }),
      {
        params: Promise.resolve({ cluster: 'local' }),
      },
    );
    expect(await errorOf(res)).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      message: expect.stringContaining('internal topic'),
    });
  });

  it('answers 400 for a value nested too deep to show', async () => {
    const deep = `${'['.repeat(6000)}${']'.repeat(6000)}`;
    expect(await errorOf(await produceTo(topic, 'otto', jsonWrite, message(deep)))).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      message: expect.stringContaining('deeper than'),
    });
  });
});
