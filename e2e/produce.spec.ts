import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { partitionForKey } from '../lib/kafka/murmur2';
import { TopicPage } from './pages/topic-page';

/**
 * Producing through the form to a topic this spec creates (through the form too) and deletes at
 * the end; the demo topics are never written. The value is an order event encoded against the
 * demo's `orders-value` subject, which the spec only reads.
 */
const topic = `e2e-produce-${randomUUID().slice(0, 8)}`;
const key = 'order-e2e-1';

const placed = {
  eventId: '0d6f7d5e-3b1a-4c55-9a0e-6f2d1c3b4a59',
  orderId: key,
  type: 'OrderPlaced',
  occurredAt: 1_767_225_600_000,
  correlationId: null,
  payload: {
    customerId: 'customer-e2e',
    shippingAddress: { street: '1 Test Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
  },
};

async function highWatermarks(request: APIRequestContext): Promise<string[]> {
  const detail = await (await request.get(`/api/clusters/local/topics/${topic}`)).json();
  return (detail.partitions as { high: string }[]).map((p) => p.high);
}

test.describe.serial('produce', () => {
  test.afterAll(async ({ playwright }) => {
    const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    await api.delete(`/api/clusters/local/topics/${topic}`, { data: { confirm: topic } });
    await api.dispose();
  });

  test('creates a topic, then produces an Avro order event to it after a confirm step', async ({
    page,
    request,
  }) => {
    const topics = new TopicPage(page);
    await topics.openList();
    await topics.createTopic({ name: topic, partitions: 3 });
    await expect(page).toHaveURL(new RegExp(`/clusters/local/topics/${topic}$`));
    await expect(page.getByTestId('topic-partition-count')).toHaveText('3');

    const options = await (await request.get('/api/clusters/local/topics/orders/produce/options')).json();
    const schemaId: number = options.registry.schema.id;

    await topics.tab('produce').click();
    await expect(topics.encoding('json')).toBeChecked(); // no subject "<topic>-value" yet
    await topics.encoding('avro').check();
    await topics.subject().selectOption('orders-value');
    await expect(page.getByTestId('produce-schema-id')).toContainText(`schema id ${schemaId}`);
    await page.getByTestId('produce-template').click();
    await expect(topics.value()).toHaveValue(/"shippingAddress"/);
    await topics.value().fill(JSON.stringify(placed, null, 2));
    await topics.key().fill(key);
    await topics.addHeader('source', 'e2e');
    await topics.review();

    const partition = partitionForKey(key, 3);
    await expect(topics.confirmDialog()).toBeVisible();
    await expect(page.getByTestId('summary-schema')).toContainText(
      `orders-value version ${options.registry.schema.version}, id ${schemaId}`,
    );
    await expect(page.getByTestId('summary-partition')).toHaveText(`${partition} (from the key, murmur2)`);
    await expect(page.getByTestId('summary-key')).toHaveText(key);
    await expect(page.getByTestId('summary-size')).toContainText('bytes');
    await page.screenshot({ path: 'test-results/screens/produce-confirm.png', fullPage: true });
    expect(await highWatermarks(request)).toEqual(['0', '0', '0']);

    await topics.send();
    await expect(topics.result()).toBeVisible();
    await expect(page.getByTestId('produced-partition')).toHaveText(String(partition));
    await expect(page.getByTestId('produced-offset')).toHaveText('0');
    await expect(page.getByTestId('produced-message-link')).toHaveAttribute(
      'href',
      `/clusters/local/topics/${topic}/messages?partition=${partition}&offset=0`,
    );
    const highs = await highWatermarks(request);
    expect(highs[partition]).toBe('1');
    expect(highs.filter((h) => h === '0')).toHaveLength(2);
    await page.screenshot({ path: 'test-results/screens/produce-done.png', fullPage: true });
  });

  test('a value that does not match the schema is refused field by field, and nothing is sent', async ({
    page,
    request,
  }) => {
    const before = await highWatermarks(request);
    const topics = new TopicPage(page);
    await topics.open(topic, '/produce');
    await topics.encoding('avro').check();
    await topics.subject().selectOption('orders-value');
    await expect(page.getByTestId('produce-schema-id')).toBeVisible();
    const paid = {
      ...placed,
      type: 'OrderPaid',
      payload: { paymentId: 'pay-e2e', amountCents: 'abc', method: 'BITCOIN', currency: 'EUR' },
    };
    await topics.value().fill(JSON.stringify(paid, null, 2));
    await topics.review();
    await expect(page.getByTestId('produce-field-errors')).toContainText('Nothing was sent');
    await expect(topics.fieldErrors()).toContainText(['payload.amountCents: expected long, got "abc"']);
    await expect(topics.fieldErrors().filter({ hasText: 'payload.method' })).toContainText('got "BITCOIN"');
    await expect(topics.confirmDialog()).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screens/produce-field-errors.png', fullPage: true });

    await topics.value().fill('{ "orderId": ');
    await topics.review();
    await expect(topics.fieldErrors()).toContainText(['not valid JSON at line 1']);
    expect(await highWatermarks(request)).toEqual(before);
  });

  test('a read-only cluster refuses to produce or create topics, in words', async ({ request }) => {
    const produce = await request.post(`/api/clusters/broker-down/topics/${topic}/produce`, {
      data: { encoding: 'text', value: 'x' },
    });
    expect(produce.status()).toBe(403);
    expect(await produce.json()).toEqual({
      error: {
        code: 'READ_ONLY',
        message: 'cluster "broker-down" is read-only: the console does not write to it',
      },
    });
    const create = await request.post('/api/clusters/broker-down/topics', {
      data: { name: topic, partitions: 1, replicationFactor: 1 },
    });
    expect(create.status()).toBe(403);
    expect((await create.json()).error.code).toBe('READ_ONLY');
  });
});
