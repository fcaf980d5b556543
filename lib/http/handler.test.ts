import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import type { ClusterConfig } from '@/lib/config/schema';
import { route, streamRoute } from './handler';

/**
 * The route wrapper is the boundary every request crosses: these tests run it on real requests
 * with a configuration file (no broker is needed, since the routes here never reach Kafka).
 */
const previous = process.env.CONSOLE_CONFIG;
beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'handler-test-'));
  const file = path.join(dir, 'console.json');
  writeFileSync(
    file,
    JSON.stringify({
      clusters: [
        { id: 'local', bootstrapServers: ['127.0.0.1:1'] },
        { id: 'frozen', bootstrapServers: ['127.0.0.1:1'], readOnly: true },
      ],
      allowedHosts: ['console.test'],
    }),
  );
  process.env.CONSOLE_CONFIG = file;
});
afterAll(() => {
  if (previous === undefined) delete process.env.CONSOLE_CONFIG;
  else process.env.CONSOLE_CONFIG = previous;
});

const params = z.object({ cluster: z.string(), topic: z.string().regex(/^[a-z_-]+$/, 'not a topic name') });
const ctx = (p: Record<string, string>) => ({ params: Promise.resolve(p) });
const get = (url: string) =>
  new NextRequest(`http://console.test${url}`, { headers: { host: 'console.test' } });
const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  new NextRequest(`http://console.test${url}`, {
    method: 'POST',
    body,
    headers: {
      host: 'console.test',
      origin: 'http://console.test',
      'content-type': 'application/json',
      ...headers,
    },
  });

describe('route()', () => {
  it('validates path and query, resolves the cluster once and answers JSON', async () => {
    let seen: ClusterConfig | undefined;
    const handler = route({
      params,
      query: z.object({ limit: z.coerce.number().int().max(10) }),
      run: async ({ cluster, params: p, query }) => {
        seen = cluster;
        return { topic: p.topic, limit: query.limit };
      },
    });
    const ok = await handler(get('/x?limit=3'), ctx({ cluster: 'local', topic: 'orders' }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ topic: 'orders', limit: 3 });
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(seen?.id).toBe('local');

    const bad = await handler(get('/x?limit=30'), ctx({ cluster: 'local', topic: 'orders' }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/limit/),
    });
  });

  it('answers an unknown cluster with 404 before the query is looked at, and a malformed path with 400', async () => {
    const run = vi.fn(async () => 'never');
    const handler = route({ params, query: z.object({ limit: z.coerce.number() }), run });
    const unknown = await handler(get('/x?limit=nope'), ctx({ cluster: 'elsewhere', topic: 'orders' }));
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('UNKNOWN_CLUSTER');
    const malformed = await handler(get('/x?limit=1'), ctx({ cluster: 'elsewhere', topic: 'BAD NAME' }));
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/not a topic name/);
    expect(run).not.toHaveBeenCalled();
  });

  it('passes a domain error through with its status, and hides anything else behind INTERNAL', async () => {
    const typed = route({
      params,
      run: async () => {
        throw new AppError('UNKNOWN_TOPIC', 'no topic "x"');
      },
    });
    const res = await typed(get('/x'), ctx({ cluster: 'local', topic: 'x' }));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'UNKNOWN_TOPIC', message: 'no topic "x"' } });

    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const untyped = route({
      params,
      run: async () => {
        throw new Error('secret connection string postgres://u:p@db');
      },
    });
    const hidden = await untyped(get('/x'), ctx({ cluster: 'local', topic: 'x' }));
    expect(hidden.status).toBe(500);
    const text = await hidden.text();
    expect(text).not.toMatch(/secret|postgres/);
    expect(JSON.parse(text).error.code).toBe('INTERNAL');
    log.mockRestore();
  });

  it('refuses a state-changing route that does not declare whether it writes', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const run = vi.fn(async () => 'ran');
    const handler = route({ params, body: z.object({}), run });
    const res = await handler(post('/x', '{}'), ctx({ cluster: 'local', topic: 'x' }));
    expect(res.status).toBe(500);
    expect(run).not.toHaveBeenCalled();
    log.mockRestore();
  });

  it('applies the write rules: cross-site, content type, read-only cluster, internal topic', async () => {
    const run = vi.fn(async () => ({ done: true }));
    const handler = route({ write: 'operator', params, body: z.object({ n: z.number() }), run });
    const on = (cluster: string, topic = 'orders') => ctx({ cluster, topic });

    const crossSite = await handler(
      post('/x', '{"n":1}', { origin: 'http://evil.test', 'sec-fetch-site': 'cross-site' }),
      on('local'),
    );
    expect((await crossSite.json()).error.code).toBe('CROSS_SITE');

    const form = await handler(post('/x', 'n=1', { 'content-type': 'text/plain' }), on('local'));
    expect(form.status).toBe(415);

    const frozen = await handler(post('/x', '{"n":1}'), on('frozen'));
    expect((await frozen.json()).error.code).toBe('READ_ONLY');

    const internal = await handler(post('/x', '{"n":1}'), on('local', '__consumer_offsets'));
    expect(internal.status).toBe(403);
    expect((await internal.json()).error.message).toMatch(/internal topic/);

    const notJson = await handler(post('/x', '{"n":'), on('local'));
    expect((await notJson.json()).error).toMatchObject({ code: 'BAD_REQUEST', message: /not valid JSON/ });

    const ok = await handler(post('/x', '{"n":1}'), on('local'));
    expect(ok.status).toBe(200);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('refuses a body over the cap while reading it', async () => {
    const handler = route({ write: 'operator', params, body: z.unknown(), run: async () => 'ran' });
    const big = JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024 + 10) });
    const res = await handler(post('/x', big), ctx({ cluster: 'local', topic: 'orders' }));
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('streamRoute()', () => {
  const read = async (res: Response) => (await res.text()).trim().split('\n\n');

  it('streams each yielded value as one server-sent event, with the cluster resolved', async () => {
    const handler = streamRoute({
      params,
      async *run({ cluster, params: p }) {
        yield { type: 'phase', cluster: cluster.id, topic: p.topic };
        yield { type: 'done' };
      },
    });
    const res = await handler(get('/x'), ctx({ cluster: 'local', topic: 'orders' }));
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(await read(res)).toEqual([
      'data: {"type":"phase","cluster":"local","topic":"orders"}',
      'data: {"type":"done"}',
    ]);
  });

  it('turns a failure after the start into a final error event, and bad input into a JSON error', async () => {
    const handler = streamRoute({
      params,
      async *run() {
        yield { type: 'phase' };
        throw new AppError('BROKER_UNAVAILABLE', 'the broker went away');
      },
    });
    const res = await handler(get('/x'), ctx({ cluster: 'local', topic: 'orders' }));
    expect(await read(res)).toEqual([
      'data: {"type":"phase"}',
      'data: {"type":"error","error":{"code":"BROKER_UNAVAILABLE","message":"the broker went away"}}',
    ]);
    const bad = await handler(get('/x'), ctx({ cluster: 'local', topic: 'Not A Topic' }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/not a topic name/);
  });

  it('runs the generator’s cleanup when the browser goes away', async () => {
    let cleaned = false;
    const handler = streamRoute({
      params,
      async *run() {
        try {
          for (let i = 0; ; i++) yield { i };
        } finally {
          cleaned = true;
        }
      },
    });
    const res = await handler(get('/x'), ctx({ cluster: 'local', topic: 'orders' }));
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(cleaned).toBe(true);
  });
});
