import { expect, test } from '@playwright/test';
import { planConsumerGroups } from '../lib/demo/consumer-groups';
import { TopicPage } from './pages/topic-page';

const highs = async (
  request: import('@playwright/test').APIRequestContext,
  topic: string,
): Promise<number[]> =>
  (
    (await (await request.get(`/api/clusters/local/topics/${topic}`)).json()).partitions as { high: string }[]
  ).map((p) => Number(p.high));

test.describe('topics', () => {
  test('the list shows the demo topics with their badges, internal topics on request', async ({
    page,
    request,
  }) => {
    const ordersCount = (await highs(request, 'orders')).reduce((a, b) => a + b, 0);
    const topics = new TopicPage(page);
    await topics.openList();
    await expect(topics.row('orders.DLQ').getByTestId('badge-dead-letter')).toBeVisible();
    await expect(topics.row('orders-snapshots').getByTestId('badge-snapshot')).toBeVisible();
    await expect(topics.row('orders-snapshots').getByTestId('badge-compacted')).toBeVisible();
    await expect(topics.row('inventory-levels').getByTestId('badge-compacted')).toBeVisible();
    await expect(topics.row('orders').getByTestId('badge-dead-letter')).toHaveCount(0);
    await expect(topics.row('orders').getByTestId('topic-partitions')).toHaveText('6');
    await expect(topics.row('orders').getByTestId('topic-messages')).toHaveText(
      ordersCount.toLocaleString('en-US'),
    );
    await expect(topics.row('orders-snapshots').getByTestId('topic-cleanup')).toHaveText('compaction');
    await expect(topics.row('__consumer_offsets')).toHaveCount(0);
    await expect(page.getByTestId('hidden-internal-topics')).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/topics-list.png', fullPage: true });

    await topics.internalToggle().check();
    await expect(page).toHaveURL(/internal=true/);
    await expect(topics.row('__consumer_offsets').getByTestId('badge-internal')).toBeVisible();
    await expect(topics.row('__consumer_offsets').getByTestId('topic-partitions')).toHaveText('50');
  });

  test('the search filters by name and lives in the URL; headers sort', async ({ page }) => {
    const topics = new TopicPage(page);
    await topics.openList();
    await topics.search().fill('SNAPSHOT');
    await expect(page).toHaveURL(/q=SNAPSHOT/);
    const names = await topics.rowNames();
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n!.toLowerCase().includes('snapshot'))).toBe(true);
    expect(names).toContain('orders-snapshots');
    await page.reload();
    await expect(topics.search()).toHaveValue('SNAPSHOT');
    await expect(topics.row('orders')).toHaveCount(0);
    await expect(topics.row('orders-snapshots')).toBeVisible();

    await topics.search().fill('zz-no-topic-has-this-name');
    await expect(page.getByTestId('topics-empty')).toContainText('No topic name contains');

    await topics.openList('local', '?sort=messages');
    const byMessages = await topics
      .rows()
      .evaluateAll((rows) =>
        rows.map((r) =>
          Number(r.querySelector('[data-testid="topic-messages"]')!.textContent!.replace(/,/g, '')),
        ),
      );
    expect(byMessages).toEqual([...byMessages].sort((a, b) => b - a));
    await topics.sortBy('name');
    await expect(page).not.toHaveURL(/sort=/);
  });

  test('the orders topic shows 6 partitions with their watermarks', async ({ page, request }) => {
    const topics = new TopicPage(page);
    await topics.openList();
    await topics.row('orders').getByTestId('topic-link').click();
    await expect(page).toHaveURL(/\/clusters\/local\/topics\/orders$/);
    await expect(topics.topicName()).toHaveText('orders');
    await expect(page.getByTestId('topic-partition-count')).toHaveText('6');
    await expect(topics.partitionRows()).toHaveCount(6);
    const api = await (await request.get('/api/clusters/local/topics/orders')).json();
    for (const p of api.partitions as { partition: number; low: string; high: string }[]) {
      const count = (n: string) => BigInt(n).toLocaleString('en-US');
      await expect(topics.partitionRow(p.partition).getByTestId('partition-low')).toHaveText(count(p.low));
      await expect(topics.partitionRow(p.partition).getByTestId('partition-high')).toHaveText(count(p.high));
    }
    const total = api.partitions.reduce(
      (sum: number, p: { messageCount: number }) => sum + p.messageCount,
      0,
    );
    expect(total).toBe(api.messageCount);
    await expect(page.getByTestId('topic-message-count')).toHaveText(`≈${total.toLocaleString('en-US')}`);
    await expect(topics.tab('messages')).toHaveAttribute('href', '/clusters/local/topics/orders/messages');
    await expect(topics.tab('partitions')).toHaveAttribute('aria-current', 'page');
    await page.screenshot({ path: 'test-results/screens/topic-partitions.png', fullPage: true });
  });

  test('the configuration tab marks what was set on the topic', async ({ page }) => {
    const topics = new TopicPage(page);
    await topics.open('orders');
    await topics.tab('config').click();
    await expect(page).toHaveURL(/\/topics\/orders\/config$/);
    const retention = topics.configRow('retention.ms');
    await expect(retention.getByTestId('config-value')).toContainText('-1');
    await expect(retention.getByTestId('config-non-default')).toHaveText('set on topic');
    await expect(topics.configRow('segment.bytes').getByTestId('config-non-default')).toHaveCount(0);
    await expect(topics.configRow('segment.bytes')).toHaveAttribute('data-default', 'true');
    await page.getByTestId('config-only-overrides').check();
    await expect(topics.configRow('segment.bytes')).toHaveCount(0);
    await expect(topics.configRow('retention.ms')).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/topic-config.png', fullPage: true });
  });

  test('the consumers tab shows the read models of orders with their lag', async ({ page, request }) => {
    // The seed's plan for the groups, from the topics' watermarks, is the truth.
    const hw = {
      orders: await highs(request, 'orders'),
      payments: await highs(request, 'payments'),
      users: await highs(request, 'users'),
    };
    const planned = planConsumerGroups(hw).find((g) => g.groupId === 'orders-analytics')!;
    const expectedLag = planned.offsets.reduce((sum, committed, p) => sum + hw.orders[p]! - committed, 0);
    const topics = new TopicPage(page);
    await topics.open('orders', '/consumers');
    for (const group of [
      'orders-projection',
      'orders-search-indexer',
      'orders-analytics',
      'connect-orders-elasticsearch-sink',
    ]) {
      await expect(topics.consumerRow(group)).toBeVisible();
    }
    await expect(topics.consumerRow('orders-projection').getByTestId('consumer-lag')).toHaveText('0');
    const analytics = Number(
      (await topics.consumerRow('orders-analytics').getByTestId('consumer-lag').textContent())!.replace(
        /,/g,
        '',
      ),
    );
    // Stopped at 20% of each partition.
    expect(analytics).toBe(expectedLag);
    expect(analytics).toBeGreaterThan(0);
    await expect(topics.consumerRow('orders-analytics').getByTestId('consumer-partition-lag')).toHaveCount(6);
    await expect(topics.consumerRow('payments-ledger')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screens/topic-consumers.png', fullPage: true });
  });

  test('an unknown topic is said in words', async ({ page, request }) => {
    const res = await request.get('/api/clusters/local/topics/no-such-topic-e2e');
    expect(res.status()).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'UNKNOWN_TOPIC', message: 'topic "no-such-topic-e2e" does not exist' },
    });
    const topics = new TopicPage(page);
    await topics.open('no-such-topic-e2e');
    await expect(topics.topicError()).toContainText('topic "no-such-topic-e2e" does not exist');
    await expect(topics.topicError()).toContainText('No such topic');
    await expect(topics.tab('partitions')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screens/topic-unknown.png', fullPage: true });
  });
});
