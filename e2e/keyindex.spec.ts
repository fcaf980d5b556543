import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { MessagesPage } from './pages/messages-page';
import { TimeTravelPage } from './pages/timetravel-page';

/**
 * The key index: the server indexes e2e-keyindex (listed under keyIndex.topics), the index page
 * shows how far, a 10,000-event aggregate of that topic is rebuilt and scrubbed, and the message
 * browser finds every message of its key through the index.
 */
const root = path.resolve(__dirname, '..');
const TOPIC = 'e2e-keyindex';
const shots = process.env.E2E_SCREENSHOTS ?? 'test-results/screens';

test.describe('key index', () => {
  test.beforeAll(() => {
    execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules/tsx/dist/cli.mjs'),
        '--conditions=react-server',
        'e2e/fixtures/write-keyindex-records.ts',
      ],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, CONSOLE_CONFIG: path.join(root, 'e2e/console.e2e.json') },
      },
    );
  });

  test('the index page shows the topic indexed to the end of each partition', async ({ page, request }) => {
    await page.goto('/clusters/local/key-index');
    await expect(page.getByRole('heading', { name: 'Key index' })).toBeVisible();
    await expect(page.getByTestId('index-state')).toHaveText('running');
    const rows = page.getByTestId('index-row').filter({ hasText: TOPIC });
    await expect(rows.first()).toBeVisible({ timeout: 30_000 });
    // Caught up: every partition of the topic, not just the first to finish (the indexer looks again
    // every 2 s); the lookup by key below counts what the index holds. Asked of the API, since the
    // page names a topic on its first row only, among the rows of the indexed streams.
    await expect
      .poll(
        async () => {
          const status = (await (await request.get('/api/clusters/local/key-index')).json()) as {
            topics: { topic: string; partitions: { lag: string }[] }[];
          };
          return status.topics.find((t) => t.topic === TOPIC)?.partitions.map((p) => p.lag);
        },
        { timeout: 30_000 },
      )
      .toEqual(['0', '0', '0']);
    await expect(page.getByTestId('index-row').filter({ hasText: 'caught up' }).first()).toBeVisible();
    await expect(page.getByTestId('index-size')).not.toHaveText('0 B');
    await page.screenshot({ path: `${shots}/keyindex-page.png`, fullPage: true });
  });

  test('a 10,000-event aggregate is rebuilt through the index and scrubbed', async ({ page }) => {
    const tt = new TimeTravelPage(page);
    await tt.open();
    await tt.rebuildAggregate('account-10k', TOPIC);
    await tt.waitForReplay(10_000);
    await expect(tt.position()).toContainText('As of event 10,000 of 10,000');
    await expect(tt.stateAfter()).toContainText('"deposits": 9999');
    await tt.back().click();
    await tt.back().click();
    await expect(tt.position()).toContainText('As of event 9,998 of 10,000');
    await expect(tt.stateAfter()).toContainText('"deposits": 9997');
    // Far from the page the replay came with: the page of that position is fetched on arrival.
    await page.getByTestId('goto-event').fill('5000');
    await page.getByTestId('goto-event').press('Enter');
    await expect(tt.position()).toContainText('As of event 5,000 of 10,000');
    await expect(tt.stateAfter()).toContainText('"deposits": 4999');
    await expect(tt.stateBefore()).toContainText('"deposits": 4998');
    // Dragging the scrubber lands on any step, each showing its own state.
    for (const [step, deposits] of [
      [1234, 1234],
      [1200, 1200],
      [7777, 7777],
    ] as const) {
      await page.getByTestId('scrubber-range').fill(String(step));
      await expect(tt.position()).toContainText(
        `As of event ${(step + 1).toLocaleString('en-US')} of 10,000`,
      );
      await expect(tt.stateAfter()).toContainText(`"deposits": ${deposits}`);
    }
    await page.screenshot({ path: `${shots}/keyindex-timetravel.png`, fullPage: true });
  });

  test('the message browser finds every message of a key through the index, a page at a time', async ({
    page,
  }) => {
    const messages = new MessagesPage(page);
    await messages.open('local', TOPIC, 'key=account-10k');
    await expect(page.getByTestId('index-lookup-total')).toHaveText('10,000');
    await expect(messages.rows()).toHaveCount(50);
    await page.getByTestId('page-next').click();
    await expect(page.getByTestId('scan-status')).toContainText('51–100');
    await page.screenshot({ path: `${shots}/keyindex-find-by-key.png`, fullPage: true });
  });
});
