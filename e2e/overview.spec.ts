import { expect, test } from '@playwright/test';
import { OverviewPage } from './pages/overview-page';

test.describe('cluster overview', () => {
  test('the first page shows the local cluster with its broker, controller and registry', async ({
    page,
  }) => {
    const overview = new OverviewPage(page);
    await overview.open();
    await expect(page).toHaveURL(/\/clusters\/local$/);
    await expect(overview.clusterName()).toHaveText('Local demo');
    await overview.expectHealthy();
    await expect(overview.brokerRows()).toHaveCount(1);
    await expect(overview.controllerBadge()).toBeVisible();
    await expect(page.getByTestId('stat-topics')).not.toHaveText('0');
    // The demo data registers the orders and payments subjects at least.
    expect(Number(await overview.registrySubjects().textContent())).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: 'test-results/screens/overview.png', fullPage: true });
  });

  test('a registry that is down is said in words while Kafka is still shown', async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.open('local');
    await overview.switchCluster('Registry down');
    await expect(page).toHaveURL(/\/clusters\/registry-down$/);
    await expect(overview.registryStatus()).toHaveText('unreachable');
    await expect(overview.registryError()).toContainText('could not be reached');
    await expect(overview.kafkaStatus()).toHaveText('Kafka up');
    await page.screenshot({ path: 'test-results/screens/registry-down.png', fullPage: true });
  });

  test('brokers that are down are said in words, with no stack trace', async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.open('broker-down');
    await expect(overview.kafkaError()).toContainText('no broker of this cluster could be reached', {
      timeout: 30_000,
    });
    await expect(overview.kafkaStatus()).toHaveText('Kafka down');
    await expect(page.locator('body')).not.toContainText(/at .*\.(js|ts):\d+/);
    await page.screenshot({ path: 'test-results/screens/broker-down.png', fullPage: true });
  });

  test('an unknown cluster id gets a clear error', async ({ page, request }) => {
    const res = await request.get('/api/clusters/nope/overview');
    expect(res.status()).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'UNKNOWN_CLUSTER', message: 'no cluster named "nope" is configured' },
    });
    await page.goto('/clusters/nope');
    await expect(page.getByTestId('overview-error')).toContainText('no cluster named "nope" is configured');
  });

  test('a malformed cluster id is refused at the boundary', async ({ request }) => {
    const res = await request.get('/api/clusters/BAD%20ID/overview');
    expect(res.status()).toBe(400);
    expect((await res.json()).error.code).toBe('BAD_REQUEST');
  });
});
