import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { GroupsPage } from './pages/groups-page';

/**
 * Consumer groups on the seeded demo: the read models at different lags, users-directory as a
 * KIP-848 group, and the replay tool used on a brand-new group of this test's own (the demo's
 * groups are only read, never reset).
 */
test.describe('consumer groups', () => {
  test('the list shows the demo read models with their lag, kinds and states', async ({ page, request }) => {
    const groups = new GroupsPage(page);
    await groups.openList();
    for (const id of [
      'orders-projection',
      'orders-search-indexer',
      'orders-analytics',
      'payments-ledger',
      'connect-orders-elasticsearch-sink',
      'users-directory',
    ]) {
      await expect(groups.row(id)).toBeVisible();
    }
    await expect(groups.rowType('users-directory')).toHaveText('consumer · KIP-848');
    await expect(groups.rowType('orders-analytics')).toHaveText('classic');
    await expect(groups.rowState('orders-analytics')).toHaveText('Empty');
    await expect(groups.rowLag('orders-projection')).toHaveText('0');

    // orders-analytics stopped at 20% of each partition: its lag is the other 80%.
    const detail = await (await request.get('/api/clusters/local/groups/orders-analytics')).json();
    const events = detail.partitions.reduce(
      (sum: number, p: { high: string; low: string }) => sum + Number(p.high) - Number(p.low),
      0,
    );
    const lag = GroupsPage.count(await groups.rowLag('orders-analytics').textContent());
    expect(lag).toBe(Number(detail.totalLag));
    expect(lag).toBeGreaterThan(events * 0.75);
    expect(GroupsPage.count(await groups.rowLag('orders-search-indexer').textContent())).toBeLessThan(
      lag / 10,
    );

    // The registry's own groups are hidden until asked for.
    await expect(page.locator('[data-group^="apicurio-"]')).toHaveCount(0);
    await expect(groups.hiddenSystem()).toContainText('system');
    await page.screenshot({ path: 'test-results/screens/groups-list.png', fullPage: true });
    await groups.showSystem().click();
    await expect(groups.showSystem()).toBeChecked();
    await expect(page).toHaveURL(/system=true/);
    await expect(page.locator('[data-group^="apicurio-"]').first()).toBeVisible();

    // Search by name lives in the URL.
    await groups.search().fill('payments');
    await expect(page).toHaveURL(/q=payments/);
    await expect(groups.row('orders-analytics')).toHaveCount(0);
    await expect(groups.row('payments-ledger')).toBeVisible();
    for (const id of await groups.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-group'))))
      expect(id).toContain('payments');
    await page.reload();
    await expect(groups.search()).toHaveValue('payments');
    await expect(groups.row('payments-ledger')).toBeVisible();
    await expect(groups.row('orders-analytics')).toHaveCount(0);
  });

  test('a group page shows lag per partition and draws lag over time', async ({ page }) => {
    const groups = new GroupsPage(page);
    await groups.openList();
    await groups.row('orders-analytics').getByTestId('group-link').click();
    await expect(groups.groupId()).toHaveText('orders-analytics');
    await expect(groups.partitionRows()).toHaveCount(6);
    const lags = await groups.partitionRows().getByTestId('partition-lag').allTextContents();
    const total = GroupsPage.count(await groups.totalLag().textContent());
    expect(lags.map(GroupsPage.count).reduce((a, b) => a + b, 0)).toBe(total);
    expect(total).toBeGreaterThan(0);
    // The chart draws a line and gains a point with every poll (every 5 s).
    await expect(groups.lagChart()).toHaveAttribute('data-points', /^([2-9]|\d\d+)$/, { timeout: 20_000 });
    // A flat line (a stopped group) has no height, so check that the path is drawn rather than "visible".
    await expect(groups.lagChart().locator('.recharts-line-curve').first()).toHaveAttribute(
      'd',
      /^M[\d.]+,[\d.]+[LC]/,
    );
    await page.screenshot({ path: 'test-results/screens/group-orders-analytics.png', fullPage: true });

    await groups.tab('members').click();
    await expect(page.getByTestId('no-members')).toContainText('stopped');
    await groups.openGroup('users-directory');
    await expect(page.getByTestId('group-type-badge')).toHaveText('consumer · KIP-848');
    await expect(page.getByTestId('fact-assignor')).toHaveText('uniform');
    await page.screenshot({ path: 'test-results/screens/group-users-directory.png', fullPage: true });
  });

  test('replay tool: a new read model starts at the beginning of payments, is moved to latest, then deleted', async ({
    page,
    request,
  }) => {
    const groups = new GroupsPage(page);
    const id = `e2e-read-model-${randomUUID().slice(0, 8)}`;
    try {
      await groups.openGroup(id);
      await expect(groups.missing()).toContainText(`No group named ${id}`);
      await groups.topicInput().fill('payments');
      await groups.strategy('earliest').click();
      await groups.previewButton().click();
      await expect(groups.previewRows()).toHaveCount(3);
      await expect(groups.previewSummary()).toContainText('3 of 3 partitions change');
      await page.screenshot({ path: 'test-results/screens/group-reset-preview.png', fullPage: true });
      // Previewing changed nothing.
      expect((await request.get(`/api/clusters/local/groups/${id}`)).status()).toBe(404);

      // What payments holds, as the broker says: the expected lag once the group starts at the beginning.
      const preview = await (
        await request.post(`/api/clusters/local/groups/${id}/reset-offsets/preview`, {
          data: { scope: { kind: 'topic', topic: 'payments' }, strategy: { kind: 'earliest' } },
        })
      ).json();
      const messages = preview.partitions.reduce(
        (sum: number, p: { high: string; low: string }) => sum + Number(p.high) - Number(p.low),
        0,
      );
      expect(messages).toBeGreaterThan(0);

      await groups.applyButton().click();
      await expect(groups.confirmDialog()).toBeVisible();
      await expect(groups.confirmList().locator('li')).toHaveCount(3);
      await expect(groups.confirmList()).toContainText('payments/0: none → 0');
      await page.screenshot({ path: 'test-results/screens/group-reset-confirm.png', fullPage: true });
      await groups.confirmOk().click();
      await expect(groups.applied()).toContainText('3 partitions');
      await expect(groups.totalLag()).toHaveText(messages.toLocaleString('en-US'));
      await expect(groups.partitionRows()).toHaveCount(3);
      await page.screenshot({ path: 'test-results/screens/group-new-read-model.png', fullPage: true });

      // The list has it, with that lag.
      await groups.openList('local', `?q=${id}`);
      await expect(groups.rowLag(id)).toHaveText(messages.toLocaleString('en-US'));

      // Now an existing, stopped group: skip it to the end.
      await groups.openGroup(id, 'local', 'reset');
      await groups.strategy('latest').click();
      await groups.previewButton().click();
      await expect(groups.previewSummary()).toContainText(`lag ${messages.toLocaleString('en-US')} → 0`);
      await groups.applyButton().click();
      await groups.confirmOk().click();
      await expect(groups.applied()).toBeVisible();
      await groups.tab('lag').click();
      await expect(groups.totalLag()).toHaveText('0');

      // And delete it, confirmed.
      await groups.deleteButton().click();
      await expect(groups.deleteDialog()).toContainText('payments');
      await page.screenshot({ path: 'test-results/screens/group-delete-confirm.png', fullPage: true });
      await groups.confirmOk().click();
      await expect(page).toHaveURL(/\/clusters\/local\/groups$/);
      await expect(groups.row(id)).toHaveCount(0);
      expect((await request.get(`/api/clusters/local/groups/${id}`)).status()).toBe(404);
    } finally {
      await request.delete(`/api/clusters/local/groups/${id}`);
    }
  });

  test('writes are refused on a read-only cluster, and bad requests are said in words', async ({
    request,
  }) => {
    const plan = {
      scope: { kind: 'topic', topic: 'payments' },
      strategy: { kind: 'earliest' },
      partitions: [{ topic: 'payments', partition: 0, current: null, target: '0' }],
    };
    const reset = await request.post('/api/clusters/broker-down/groups/anything/reset-offsets', {
      data: plan,
    });
    expect(reset.status()).toBe(403);
    expect((await reset.json()).error.code).toBe('READ_ONLY');
    const del = await request.delete('/api/clusters/broker-down/groups/anything');
    expect(del.status()).toBe(403);

    const bad = await request.post('/api/clusters/local/groups/anything/reset-offsets/preview', {
      data: { scope: { kind: 'all' }, strategy: { kind: 'shift', by: 'ten' } },
    });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.message).toContain('shift by a whole number');
    const unknown = await request.post('/api/clusters/local/groups/anything/reset-offsets/preview', {
      data: { scope: { kind: 'topic', topic: 'no-such-topic-e2e' }, strategy: { kind: 'earliest' } },
    });
    expect(unknown.status()).toBe(404);
    expect((await unknown.json()).error).toEqual({
      code: 'UNKNOWN_TOPIC',
      message: 'topic "no-such-topic-e2e" does not exist',
    });
  });
});
