import { expect, test } from '@playwright/test';
import { MessagesPage } from './pages/messages-page';

const tailTopic = `e2e-messages-tail-${Date.now().toString(36)}`;

test.describe('message browser', () => {
  test('seeks by timestamp, filters orders by decoded value, shows every schema version, opens the drawer', async ({
    page,
  }) => {
    const messages = new MessagesPage(page);
    await messages.open('local', 'orders');
    await expect(messages.rows().first()).toBeVisible();

    // Seek by time: every row is at or after it.
    await messages.seekToTime('2025-02-01T00:00:00.000');
    await expect(page).toHaveURL(/start=timestamp/);
    await expect(messages.rows().first()).toContainText('2025-02-0');
    const firstTime = await messages.rows().first().locator('td').nth(2).textContent();
    expect(firstTime! >= '2025-02-01 00:00:00.000').toBe(true);

    // From the start, every OrderPaid event: all three schema versions occur.
    await messages.startAt('earliest');
    await messages.pageSize(1000);
    await expect(page).toHaveURL(/limit=1000/);
    await messages.filterByExpression('value.type == "OrderPaid"');
    await expect(page).toHaveURL(/expr=value\.type/);
    // The earlier, unfiltered scan also ended ("page full"): wait for this one, which has fewer
    // matches than the page holds and so reads to the end of the topic.
    await expect(messages.scanState()).toHaveText(/reached the end/, { timeout: 30_000 });
    await expect(messages.status()).toContainText('scanned 5,000 / 5,000');
    const count = await messages.rows().count();
    expect(count).toBeGreaterThan(100);
    for (const value of (await messages.values().allTextContents()).slice(0, 50))
      expect(value).toContain('"type":"OrderPaid"');
    const badges = new Set(await messages.schemaBadges().allTextContents());
    for (const v of [1, 2, 3])
      expect(
        [...badges].some((b) => new RegExp(`^orders-value v${v} #\\d+$`).test(b)),
        `v${v} in ${[...badges].join(', ')}`,
      ).toBe(true);
    await expect(messages.status()).toContainText('scanned 5,000 / 5,000');

    await messages.openRow(0);
    await expect(page.getByTestId('drawer-value-schema')).toContainText(
      /subject orders-value version [123] id \d+/,
    );
    await expect(page.getByTestId('drawer-value-body')).toContainText('"type": "OrderPaid"');
    await page.getByTestId('drawer-tab-headers').click();
    await expect(page.getByTestId('drawer-headers')).toContainText('event-type');
    await page.getByTestId('drawer-tab-raw').click();
    await expect(page.getByTestId('drawer-raw')).toContainText('000000');
    await page.screenshot({ path: 'test-results/screens/messages-drawer.png' });
    await page.getByTestId('drawer-close').click();
    await expect(messages.drawer()).toHaveCount(0);
  });

  test('pages forward and back', async ({ page }) => {
    const messages = new MessagesPage(page);
    await messages.open('local', 'orders', 'start=earliest&limit=50');
    await expect(messages.rows()).toHaveCount(50);
    const first = await messages.rows().first().getAttribute('data-offset');
    const firstPartition = await messages.rows().first().getAttribute('data-partition');
    await messages.next();
    await expect(page).toHaveURL(/cursor=/);
    await expect(messages.rows()).toHaveCount(50);
    await messages.previous();
    await expect(messages.rows().first()).toHaveAttribute('data-offset', first!);
    await expect(messages.rows().first()).toHaveAttribute('data-partition', firstPartition!);
  });

  test('a deep link opens one message in the drawer', async ({ page }) => {
    const messages = new MessagesPage(page);
    await messages.open('local', 'orders', 'partition=2&offset=100');
    await expect(messages.drawerTitle()).toHaveText('partition 2 · offset 100');
    await expect(page.getByTestId('drawer-value-format')).toHaveText('avro');
  });

  test('an invalid expression is shown with its position and not run', async ({ page, request }) => {
    const res = await request.get(
      '/api/clusters/local/topics/orders/messages/search?expr=' +
        encodeURIComponent('value.type == "OrderPaid" and ('),
    );
    expect(res.status()).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 'BAD_REQUEST',
        message: 'invalid query: expr: the filter ends too early at position 31',
      },
    });
    const injection = await request.get(
      '/api/clusters/local/topics/orders/messages?expr=' +
        encodeURIComponent('constructor.constructor("return process")()'),
    );
    expect(injection.status()).toBe(400);
    const messages = new MessagesPage(page);
    await messages.open('local', 'orders');
    await messages.showAllFilters();
    await page.getByTestId('filter-expression').fill('value.type == "OrderPaid" and (');
    await expect(messages.expressionError()).toContainText('Position 31');
    await expect(page.getByTestId('apply-filters')).toBeDisabled();
  });

  test('an unknown topic is said in words', async ({ page }) => {
    const messages = new MessagesPage(page);
    await messages.open('local', 'no-such-topic-e2e');
    await expect(page.getByText(/does not exist/).first()).toBeVisible();
    await expect(page.locator('body')).not.toContainText(/at .*\.(js|ts):\d+/);
  });

  test('with the registry down, messages are shown raw with the reason', async ({ page }) => {
    const messages = new MessagesPage(page);
    await messages.open('registry-down', 'orders', 'start=earliest&limit=20');
    await expect(messages.rows()).toHaveCount(20, { timeout: 30_000 });
    await expect(messages.schemaBadges().first()).toHaveText(/^undecodable/);
    await expect(messages.values().first()).toContainText(/registry/i);
    await messages.openRow(0);
    await expect(page.getByTestId('drawer-value-error')).toContainText(/registry/i);
    await expect(page.getByTestId('drawer-value-body')).toContainText('000000');
    await page.screenshot({ path: 'test-results/screens/messages-registry-down.png' });
  });

  test.describe('live tail', () => {
    test.beforeAll(async ({ request }) => {
      const res = await request.post('/api/clusters/local/topics', {
        data: { name: tailTopic, partitions: 2, replicationFactor: 1 },
      });
      expect(res.ok(), await res.text()).toBe(true);
    });
    test.afterAll(async ({ request }) => {
      await request.delete(`/api/clusters/local/topics/${tailTopic}`, { data: { confirm: tailTopic } });
    });

    test('shows a produced message as it arrives, and honours the filter', async ({ page, request }) => {
      const messages = new MessagesPage(page);
      await messages.open('local', tailTopic, 'tail=1&expr=value.keep%20%3D%3D%20true');
      await expect(page.getByTestId('no-messages')).toContainText('No new messages yet');
      await expect(messages.status()).toContainText('Live');
      // Once the tail has taken the end of each partition, produce one record that passes and one that does not.
      await expect(page.getByTestId('tail-state')).toContainText('waiting for new records in 2 partitions');
      for (const [key, keep] of [
        ['skipped', false],
        ['kept', true],
      ] as const) {
        const res = await request.post(`/api/clusters/local/topics/${tailTopic}/produce`, {
          data: { key, encoding: 'json', value: JSON.stringify({ keep, who: key }) },
        });
        expect(res.ok(), await res.text()).toBe(true);
      }
      await expect(messages.rows()).toHaveCount(1, { timeout: 15_000 });
      await expect(messages.rows().first()).toContainText('kept');
      await expect(page.getByTestId('tail-count')).toHaveText('1');
      await page.screenshot({ path: 'test-results/screens/messages-tail.png' });
    });
  });
});
