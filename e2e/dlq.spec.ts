import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { DlqPage } from './pages/dlq-page';

/** Where the screenshots go: E2E_SCREENSHOTS, or test-results (which each Playwright run clears). */
const SHOTS = process.env.E2E_SCREENSHOTS ?? 'test-results/screens';

/**
 * Dead letters on the seeded `orders.DLQ`: find it, see its causes, select one cause, look at a
 * message, dry run the selection against the orders schema, redrive it at a rate limit to a topic
 * of this test (never back into the demo's `orders`), pause and resume, and see it finish with the
 * ledger holding every message; then the stuck keys.
 */
test.describe('dead letters', () => {
  const destination = `e2e-redrive-${randomUUID().slice(0, 8)}`;

  test.afterAll(async ({ request, baseURL }) => {
    await request.delete(`/api/clusters/local/topics/${destination}`, { headers: { origin: baseURL! } });
  });

  test('open the DLQ, see the causes, select one, dry run it, redrive it', async ({
    page,
    request,
    baseURL,
  }) => {
    const dlq = new DlqPage(page);
    const triage = await (await request.get('/api/clusters/local/dlq/orders.DLQ')).json();
    expect(triage.total).toBeGreaterThan(0);
    const write = { origin: baseURL!, 'content-type': 'application/json' };
    expect(
      (
        await request.post('/api/clusters/local/topics', {
          headers: write,
          data: { name: destination, partitions: 3, replicationFactor: 1 },
        })
      ).status(),
    ).toBe(200);

    await dlq.openList();
    await expect(dlq.row('orders.DLQ')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/dlq-list.png`, fullPage: true });
    await dlq.link('orders.DLQ').click();

    await expect(dlq.title()).toHaveText('orders.DLQ');
    await expect(dlq.total()).toHaveText(triage.total.toLocaleString('en-US'));
    await expect(dlq.chart()).toBeVisible();
    await expect(dlq.causeRows()).toHaveCount(triage.causes.length);
    await page.screenshot({ path: `${SHOTS}/dlq-triage.png`, fullPage: true });

    // The biggest cause: its count is shown before anything is done with it.
    const cause = triage.causes[0];
    await dlq.causeRows().first().getByTestId('cause-open').click();
    await expect(page).toHaveURL(/cause=/);
    await expect(dlq.selectionCount()).toContainText(`${cause.count} dead letter`);
    await expect(dlq.letterRows()).toHaveCount(Math.min(cause.count, 200));
    await expect(dlq.letterDetail()).toContainText('Origin');
    await expect(page.getByTestId('letter-original-link')).toHaveAttribute(
      'href',
      /\/topics\/orders\/messages\?partition=\d+&start=offset&offset=\d+/,
    );

    await dlq.dryRunButton().click();
    await expect(dlq.dryRunSummary()).toContainText(
      `Of ${cause.count} selected, ${cause.count} would be sent`,
    );
    await expect(dlq.dryRunRows()).toHaveCount(cause.count);
    await page.screenshot({ path: `${SHOTS}/dlq-dry-run.png`, fullPage: true });
    await page.getByTestId('selection-panel').screenshot({ path: `${SHOTS}/dlq-selection.png` });

    // Redrive to this test's topic at 2 messages a second, so there is time to pause and resume.
    await dlq.destination().fill(destination);
    await dlq.redriveButton().click();
    await expect(dlq.redriveDialog()).toContainText(`Redrive ${cause.count} dead letter`);
    await page.getByTestId('redrive-rate').fill('2');
    // The demo's dead letters may have been redriven by an earlier run: send them again anyway.
    await page.getByTestId('redrive-force').check();
    await page.screenshot({ path: `${SHOTS}/dlq-redrive-confirm.png` });
    await page.getByTestId('redrive-confirm').click();
    await expect(dlq.redriveDialog()).toBeHidden();
    const job = dlq.job();
    await expect(job.getByTestId('job-status')).toHaveText('running');
    await job.getByTestId('job-pause').click();
    await expect(job.getByTestId('job-status')).toHaveText('paused');
    await page.getByTestId('redrive-jobs').screenshot({ path: `${SHOTS}/dlq-redrive-paused.png` });
    await job.getByTestId('job-resume').click();
    await expect(job.getByTestId('job-status')).toHaveText('done', { timeout: 60_000 });
    await expect(job.getByTestId('job-counts')).toContainText(`${cause.count} sent`);
    await page.getByTestId('redrive-jobs').screenshot({ path: `${SHOTS}/dlq-redrive-done.png` });

    // The ledger marks every message as redriven: a new dry run still passes, and a redrive without
    // force would skip them all.
    const jobs = await (await request.get('/api/clusters/local/dlq/orders.DLQ/jobs')).json();
    const done = jobs.jobs.find(
      (j: { status: string; destination: string }) => j.destination === destination,
    );
    expect(done.counts).toMatchObject({ selected: cause.count, sent: cause.count, failed: 0 });
    const again = await request.post('/api/clusters/local/dlq/orders.DLQ/redrive', {
      headers: write,
      data: { selection: { cause: cause.fingerprint }, destination, confirm: true },
    });
    expect(again.status()).toBe(200);
    const skippedJob = await again.json();
    await expect
      .poll(
        async () =>
          (await (await request.get('/api/clusters/local/dlq/orders.DLQ/jobs')).json()).jobs.find(
            (j: { id: string }) => j.id === skippedJob.id,
          )?.counts.skipped,
        { timeout: 20_000 },
      )
      .toBe(cause.count);

    // Edit one message and resend it to this test's topic (no schema there: sent as JSON), with a reason.
    await page.getByTestId('letter-edit-resend').click();
    const dialog = page.getByTestId('edit-resend-dialog');
    await expect(page.getByTestId('edit-resend-value')).toHaveValue(/"orderId"/);
    await page.getByTestId('edit-resend-destination').fill(destination);
    await page.getByTestId('edit-resend-reason').fill('end-to-end check of edit and resend');
    await dialog.getByRole('checkbox').check();
    await page.screenshot({ path: `${SHOTS}/dlq-edit-resend.png` });
    await page.getByTestId('edit-resend-confirm').click();
    await expect(page.getByTestId('edit-resend-done')).toContainText(destination);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Stuck keys of the scenario show up as blocked.
    await dlq.tab('blocked').click();
    await expect(dlq.blockedRows().first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/dlq-blocked.png`, fullPage: true });
    await dlq.openList();
    await expect(page.getByTestId('all-jobs-row').first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/dlq-list-jobs.png`, fullPage: true });
  });
});
