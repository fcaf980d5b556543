import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { crc32PartitionForKey } from '../lib/kafka/crc32-partitioner';
import { partitionForKey } from '../lib/kafka/murmur2';
import { MessagesPage } from './pages/messages-page';

/**
 * The API's error answers on every route it documents, the OpenAPI document itself, and the
 * decode facts the message drawer shows for records other clients write (written by
 * e2e/fixtures/write-decode-records.ts with the Kafka client).
 */
const REGISTRY = 'http://127.0.0.1:8081/apis/ccompat/v7';
const topic = `e2e-decode-${randomUUID().slice(0, 8)}`;
const subject = `${topic}-value`;
const root = path.resolve(__dirname, '..');

interface OpenApiDoc {
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; in: string; schema?: ParamSchema }[] }>
  >;
}

interface ParamSchema {
  pattern?: string;
  enum?: string[];
}

/** A value for a path parameter that its own schema accepts (its first enum value, or one its pattern matches). */
function sample(name: string, schema: ParamSchema | undefined): string {
  if (name === 'cluster') return 'no-such-cluster';
  if (name === 'topic') return 'orders';
  if (schema?.enum?.length) return schema.enum[0]!;
  const candidates = ['1', 'x', 'orders-value', 'a-1'];
  return candidates.find((c) => !schema?.pattern || new RegExp(schema.pattern).test(c)) ?? 'x';
}

function fill(
  path: string,
  params: { name: string; in: string; schema?: ParamSchema }[] = [],
  overrides: Record<string, string> = {},
): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(
      overrides[name] ?? sample(name, params.find((p) => p.name === name && p.in === 'path')?.schema),
    ),
  );
}

async function send(request: APIRequestContext, method: string, url: string, baseURL: string) {
  const write = method !== 'get';
  return request.fetch(url, {
    method: method.toUpperCase(),
    headers: write ? { origin: baseURL, 'content-type': 'application/json' } : {},
    ...(write ? { data: '{}' } : {}),
    maxRedirects: 0,
  });
}

test.describe('error answers and the OpenAPI document', () => {
  let doc: OpenApiDoc;

  test.beforeAll(async ({ request }) => {
    const res = await request.get('/api/openapi.json');
    expect(res.status()).toBe(200);
    doc = (await res.json()) as OpenApiDoc;
  });

  test('the served OpenAPI document validates and every $ref resolves', async () => {
    expect(JSON.stringify(doc)).not.toContain('#/definitions/');
    const api = (await SwaggerParser.validate(structuredClone(doc) as never)) as OpenApiDoc;
    expect(Object.keys(api.paths).length).toBeGreaterThan(15);
  });

  test('every route answers an unknown cluster with 404 UNKNOWN_CLUSTER, streams before any event', async ({
    request,
    baseURL,
  }) => {
    const answers: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.includes('{cluster}')) continue;
      for (const [method, op] of Object.entries(methods)) {
        const res = await send(request, method, fill(path, op.parameters), baseURL!);
        const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
        answers.push(
          `${method.toUpperCase()} ${path} -> ${res.status()} ${body?.error?.code ?? res.headers()['content-type']}`,
        );
      }
    }
    expect(answers.length).toBeGreaterThan(15);
    expect(answers.filter((a) => !a.endsWith('-> 404 UNKNOWN_CLUSTER'))).toEqual([]);
  });

  test('every route with a topic in its path answers an invalid topic name with 400 BAD_REQUEST', async ({
    request,
    baseURL,
  }) => {
    const answers: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.includes('{topic}')) continue;
      for (const [method, op] of Object.entries(methods)) {
        const res = await send(
          request,
          method,
          fill(path, op.parameters, { cluster: 'local', topic: 'not a topic!' }),
          baseURL!,
        );
        const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
        answers.push(`${method.toUpperCase()} ${path} -> ${res.status()} ${body?.error?.code}`);
      }
    }
    expect(answers.length).toBeGreaterThan(8);
    expect(answers.filter((a) => !a.endsWith('-> 400 BAD_REQUEST'))).toEqual([]);
    // Time travel takes its topic in the query.
    for (const op of ['partition', 'replay']) {
      const res = await request.get(
        `/api/clusters/local/timetravel/${op}?topic=${encodeURIComponent('not a topic!')}&id=a`,
      );
      expect(res.status(), op).toBe(400);
      expect((await res.json()).error.code).toBe('BAD_REQUEST');
    }
  });

  test('every route answers TRACE and undocumented methods with 405 METHOD_NOT_ALLOWED and an Allow header', async ({
    request,
  }) => {
    const answers: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      const url = fill(path, Object.values(methods)[0]?.parameters, { cluster: 'local' });
      const unused = ['put', 'patch', 'delete', 'post'].find((m) => !(m in methods))!;
      for (const method of ['TRACE', unused.toUpperCase()]) {
        const res = await request.fetch(url, { method });
        const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
        const allow = res.headers()['allow'] ?? '';
        const documented = Object.keys(methods).every((m) => allow.includes(m.toUpperCase()));
        answers.push(
          `${method} ${path} -> ${res.status()} ${body?.error?.code} ${documented ? 'allow ok' : `allow "${allow}"`}`,
        );
      }
    }
    expect(answers.filter((a) => !a.endsWith('-> 405 METHOD_NOT_ALLOWED allow ok'))).toEqual([]);
  });

  test('query parameters at their documented maximum reach the server and are judged by it', async ({
    request,
  }) => {
    // A cursor at its 10,000-character limit plus a 3,000-character key: under the 14,000 documented.
    const res = await request.get(
      `/api/clusters/local/topics/orders/messages?cursor=${'a'.repeat(10_000)}&key=${'k'.repeat(3000)}`,
    );
    expect(res.status()).toBe(400);
    expect((await res.json()).error.message).toMatch(/cursor/);
    const tooLong = await request.get(
      `/api/clusters/local/topics/orders/messages?cursor=${'a'.repeat(10_001)}`,
    );
    expect(tooLong.status()).toBe(400);
    expect((await tooLong.json()).error.message).toMatch(/cursor: Too big/i);
  });
});

test.describe.serial('decode facts in the message drawer', () => {
  test.afterAll(async ({ playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL });
    for (const t of [topic, `${topic}-crc32`])
      await api.delete(`/api/clusters/local/topics/${t}`, {
        data: { confirm: t },
        headers: { origin: baseURL! },
      });
    await api.delete(`${REGISTRY}/subjects/${subject}`);
    await api.delete(`${REGISTRY}/subjects/${subject}?permanent=true`);
    await api.dispose();
  });

  test('shows JSON Schema violations, exact 64-bit ids, header-carried ids and why framed-looking bytes were not decoded', async ({
    page,
    request,
  }) => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'Payment',
      type: 'object',
      required: ['paymentId', 'amount'],
      properties: {
        paymentId: { type: 'integer' },
        amount: { type: 'number', minimum: 0 },
        currency: { enum: ['EUR', 'USD'] },
      },
      additionalProperties: false,
    };
    const registered = await request.post(`${REGISTRY}/subjects/${subject}/versions`, {
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      data: { schemaType: 'JSON', schema: JSON.stringify(schema) },
    });
    const id = ((await registered.json()) as { id: number }).id;
    // Written with the Kafka client, as the seed is: framed bytes cannot travel as produce text.
    execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules/tsx/dist/cli.mjs'),
        '--conditions=react-server',
        'e2e/fixtures/write-decode-records.ts',
        topic,
        String(id),
      ],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, CONSOLE_CONFIG: path.join(root, 'e2e/console.e2e.json') },
      },
    );

    const messages = new MessagesPage(page);
    await messages.open('local', topic, 'start=earliest&partition=0');
    await expect(messages.rows()).toHaveCount(4);
    await expect(messages.schemaBadges().nth(1)).toHaveText(`${subject} v1 #${id} invalid`);

    await messages.openRow(1);
    await expect(page.getByTestId('drawer-value-validity')).toContainText(
      `Not valid against its writer schema #${id}`,
    );
    await expect(page.getByTestId('drawer-value-violations').locator('li')).toHaveText([
      '/ must NOT have additional properties: note',
      '/paymentId must be integer',
      '/amount must be >= 0',
      '/currency must be equal to one of the allowed values',
    ]);
    await page.screenshot({ path: '/tmp/decode-drawer-invalid.png' });

    await page.keyboard.press('Escape');
    await messages.openRow(0);
    await expect(page.getByTestId('drawer-value-validity')).toHaveText(
      `Valid against its writer schema #${id}`,
    );
    await expect(page.getByTestId('drawer-value-body')).toContainText('"paymentId": "9007199254740993"');
    await expect(page.getByTestId('drawer-value-exact-note')).toBeVisible();

    await page.keyboard.press('Escape');
    await messages.openRow(2);
    await expect(page.getByTestId('drawer-value-id-header')).toHaveText(
      'Schema id from the record header __value_schema_id',
    );
    await expect(page.getByTestId('drawer-value-body')).toContainText('"paymentId": "9223372036854775807"');
    await page.screenshot({ path: '/tmp/decode-drawer-header.png' });

    await page.keyboard.press('Escape');
    await messages.openRow(3);
    await expect(page.getByTestId('drawer-value-binary-reason')).toHaveText(
      'The first byte is the Confluent magic byte 0, but the schema id -2147483647 is negative, and registries assign ids from 0 to 2^31-1, so it was not decoded with a schema.',
    );
    await page.screenshot({ path: '/tmp/decode-drawer-binary.png' });
  });

  test('time travel preselects the partitioner a sample points to, and finds events written with the other one', async ({
    page,
  }) => {
    const crc32Topic = `${topic}-crc32`;
    await page.goto('/clusters/local/timetravel');
    await page.getByTestId('stream-select').selectOption({ label: 'Another topic…' });
    await page.getByTestId('topic-input').fill(crc32Topic);
    await page.getByTestId('aggregate-id-input').click(); // leaves the topic field: the sample is read
    await expect(page.getByTestId('partitioner-select')).toHaveValue('crc32');
    await expect(page.getByTestId('partitioner-detected')).toContainText(
      'Partitioner CRC32 chosen from a sample of 60 keyed records',
    );

    // Picking murmur2 anyway: the replay still finds the events, and says where.
    await page.getByTestId('partitioner-select').selectOption('murmur2');
    const account = ['account-1', 'account-2', 'account-3', 'account-4', 'account-5'].find(
      (a) => partitionForKey(a, 6) !== crc32PartitionForKey(a, 6),
    )!;
    await page.getByTestId('aggregate-id-input').fill(account);
    await page.getByTestId('rebuild-button').click();
    await expect(page.getByTestId('partitioner-notice')).toContainText(
      `No events of ${account} in partition ${partitionForKey(account, 6)}`,
    );
    await expect(page.getByTestId('partitioner-notice')).toContainText(
      `2 in partition ${crc32PartitionForKey(account, 6)}, where CRC32 (librdkafka) puts it`,
    );
    await expect(page.getByTestId('plan-partitions')).toContainText(
      `partition ${crc32PartitionForKey(account, 6)} of 6 (crc32)`,
    );
    await page.screenshot({ path: '/tmp/decode-timetravel-notice.png' });
  });
});
