import { expect, test } from '@playwright/test';
import { DlqPage } from './pages/dlq-page';

/**
 * Dead letters on the seeded `orders.DLQ`: find it, see its causes, select one cause, look at a
 * message, dry run the selection against the orders schema, and see the stuck keys. Nothing here
 * writes: a dry run only reads.
 */
test.describe('dead letters', () => {
  test('open the DLQ, see the causes, select one, dry run it', async ({ page, request }) => {
    const dlq = new DlqPage(page);
    const triage = await (await request.get('/api/clusters/local/dlq/orders.DLQ')).json();
    expect(triage.total).toBeGreaterThan(0);

    await dlq.openList();
    await expect(dlq.row('orders.DLQ')).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/dlq-list.png', fullPage: true });
    await dlq.link('orders.DLQ').click();

    await expect(dlq.title()).toHaveText('orders.DLQ');
    await expect(dlq.total()).toHaveText(triage.total.toLocaleString('en-US'));
    await expect(dlq.chart()).toBeVisible();
    await expect(dlq.causeRows()).toHaveCount(triage.causes.length);
    await page.screenshot({ path: 'test-results/screens/dlq-triage.png', fullPage: true });

    // The biggest cause: its count is shown before anything is done with it.
    const cause = triage.causes[0];
    await dlq.causeRows().first().getByTestId('cause-open').click();
    await expect(page).toHaveURL(/cause=/);
    await expect(dlq.selectionCount()).toContainText(`${cause.count} dead letter`);
    await expect(dlq.letterRows()).toHaveCount(Math.min(cause.count, 200));
    await expect(dlq.letterDetail()).toContainText('Origin');
    await expect(page.getByTestId('letter-original-link')).toHaveAttribute('href', /\/topics\/orders\/messages\?partition=\d+&start=offset&offset=\d+/);

    await dlq.dryRunButton().click();
    await expect(dlq.dryRunSummary()).toContainText(`Of ${cause.count} selected, ${cause.count} would be sent`);
    await expect(dlq.dryRunRows()).toHaveCount(cause.count);
    await page.screenshot({ path: 'test-results/screens/dlq-dry-run.png', fullPage: true });

    // One by one: tick two messages and the dry run covers only them.
    if (cause.count >= 2) {
      await dlq.letterRows().nth(0).getByTestId('letter-tick').check();
      await dlq.letterRows().nth(1).getByTestId('letter-tick').check();
      await expect(dlq.selectionCount()).toContainText('2 of');
      await dlq.dryRunButton().click();
      await expect(dlq.dryRunSummary()).toContainText('Of 2 selected');
    }

    // Stuck keys of the scenario show up as blocked.
    await dlq.tab('blocked').click();
    await expect(dlq.blockedRows().first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/dlq-blocked.png', fullPage: true });
  });
});
