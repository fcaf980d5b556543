import { expect, test } from '@playwright/test';
import { TimeTravelPage } from './pages/timetravel-page';

/**
 * Aggregate time travel on the seeded demo: order-000023 has 1,000 events in the orders topic
 * and a snapshot every 100 events in orders-snapshots.
 */
test.describe('aggregate time travel', () => {
  test('open an order, scrub back, see the state and the diff, follow the deep link, compare two points', async ({
    page,
    context,
  }) => {
    const tt = new TimeTravelPage(page);
    await tt.open();
    await tt.rebuildAggregate('order-000023');
    await tt.waitForReplay(1000);
    await expect(tt.planPartitions()).toContainText('of 6 (murmur2)');
    await expect(tt.timelineRows()).toHaveCount(1000);
    await expect(tt.position()).toContainText('As of event 1,000 of 1,000');
    await expect(tt.stateAfter()).toContainText('"eventCount": 1000');

    // Scrub to an earlier event: two steps back.
    await tt.back().click();
    await tt.back().click();
    await expect(tt.position()).toContainText('As of event 998 of 1,000');
    await expect(tt.stateAfter()).toContainText('"eventCount": 998');
    await expect(tt.stateBefore()).toContainText('"eventCount": 997');
    await expect(tt.stepDiff().getByTestId('change-row').first()).toContainText('eventCount');
    await expect(page).toHaveURL(/[?&]at=\d+/);
    const offset = await tt.selectedRow().getAttribute('data-offset');
    expect(page.url()).toContain(`at=${offset}`);
    await page.screenshot({ path: 'test-results/screens/timetravel-scrubbed.png', fullPage: true });

    // The deep link opens the same step in a fresh page.
    const deep = await context.newPage();
    const tt2 = new TimeTravelPage(deep);
    await deep.goto(page.url());
    await tt2.waitForReplay(1000);
    await expect(tt2.position()).toContainText('As of event 998 of 1,000');
    await expect(tt2.stateAfter()).toContainText('"eventCount": 998');
    await expect(tt2.selectedRow()).toHaveAttribute('data-offset', offset!);
    await deep.close();

    // Compare two points: pin event 998, go to the first event.
    await tt.comparePin().click();
    await expect(page).toHaveURL(/[?&]compare=\d+/);
    const firstOffset = await tt.timelineRows().first().getAttribute('data-offset');
    await tt.goToOffset(firstOffset!);
    await expect(tt.position()).toContainText('As of event 1 of 1,000');
    await expect(tt.comparePoints()).toContainText('From event 998');
    await expect(tt.compareDiff().getByTestId('change-row').filter({ hasText: 'eventCount' })).toContainText(
      '998',
    );
    // Old events are decoded with their writer schema and resolved to the latest (v1 zip → v3 postalCode).
    await expect(tt.eventRaw()).toContainText('"zip"');
    await expect(tt.eventResolved()).toContainText('"postalCode"');
    await page.screenshot({ path: 'test-results/screens/timetravel-compare.png', fullPage: true });
  });

  test('start from a snapshot and verify it against a full replay', async ({ page }) => {
    const tt = new TimeTravelPage(page);
    await tt.open('local', 'stream=orders&id=order-000023');
    await tt.waitForReplay(1000);
    // Position at event 450, then start from the nearest snapshot at or before it (version 400).
    const target = await tt.timelineRows().nth(449).getAttribute('data-offset');
    await tt.goToOffset(target!);
    await expect(tt.position()).toContainText('As of event 450 of 1,000');
    await tt.startFromSnapshot().click();
    await expect(tt.snapshotBanner()).toContainText('(version 400)');
    await tt.waitForReplay(600);
    await expect(tt.timelineRows()).toHaveCount(600);
    await expect(tt.position()).toContainText('As of event 450 (step 50 of 600 after the snapshot)');
    await expect(tt.stateAfter()).toContainText('"eventCount": 450');
    await tt.verifySnapshot().click();
    await expect(tt.verifyOk()).toContainText('Matches a full replay of 400 events');
    await page.screenshot({ path: 'test-results/screens/timetravel-snapshot.png', fullPage: true });
  });

  test('a stream folded by an operator-installed reducer module reaches the same state', async ({ page }) => {
    const tt = new TimeTravelPage(page);
    await tt.open();
    await expect(tt.streamSelect()).toBeEnabled();
    await tt.streamSelect().selectOption({ label: 'Orders, folded by a reducer module (orders)' });
    await expect(page.getByTestId('stream-summary')).toContainText('reducer module "orders"');
    await tt.rebuildAggregate('order-000023');
    await tt.waitForReplay(1000);
    await expect(tt.summary()).toContainText('0 failed');
    await expect(tt.stateAfter()).toContainText('"eventCount": 1000');
  });

  test('a step whose fold fails shows its error and the replay goes on', async ({ page }) => {
    const tt = new TimeTravelPage(page);
    await tt.open();
    // SKU-00060 ends with a tombstone: the default fold cannot merge a null value.
    await tt.rebuildAggregate('SKU-00060', 'inventory-levels');
    await tt.waitForReplay(41);
    await expect(tt.summary()).toContainText('1 failed');
    await expect(tt.position()).toContainText('As of event 41 of 41');
    await expect(tt.stepError()).toContainText('not an object');
    await tt.back().click();
    await expect(tt.stateAfter()).toContainText('"sku": "SKU-00060"');
    await page.screenshot({ path: 'test-results/screens/timetravel-failed-step.png', fullPage: true });
  });
});
