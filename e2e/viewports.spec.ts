import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';

/**
 * Every page at a small laptop (1024×700) and a desktop (1440×900): nothing wider than the
 * window, and a screenshot of each to look at (in E2E_SCREENSHOTS, /tmp/ux-shots by default).
 */
const DIR = process.env.E2E_SCREENSHOTS ?? '/tmp/ux-shots';
const PAGES: [string, string, string][] = [
  ['overview', '/clusters/local', 'h1'],
  ['topics', '/clusters/local/topics', '[data-testid="topic-row"]'],
  ['topic', '/clusters/local/topics/orders', 'h1, [data-testid="back-to-topics"]'],
  ['messages', '/clusters/local/topics/orders/messages', '[data-testid="message-row"]'],
  ['groups', '/clusters/local/groups', '[data-testid="group-row"]'],
  ['group', '/clusters/local/groups/orders-analytics', '[data-testid="partition-lag-row"]'],
  ['timetravel', '/clusters/local/timetravel', 'h1'],
  ['produce', '/clusters/local/topics/orders/produce', 'h1, [data-testid="back-to-topics"]'],
  ['schemas', '/clusters/local/schemas', 'h1'],
  ['dlq', '/clusters/local/dlq', 'h1'],
  ['audit', '/clusters/local/audit', 'h1'],
];

for (const [width, height] of [
  [1024, 700],
  [1440, 900],
] as const) {
  test.describe(`at ${width}×${height}`, () => {
    test.use({ viewport: { width, height } });
    test('every page fits the window', async ({ page }) => {
      mkdirSync(DIR, { recursive: true });
      for (const [name, path, ready] of PAGES) {
        await page.goto(path);
        await expect(page.locator(ready).first()).toBeVisible();
        await page.waitForTimeout(500);
        await page.screenshot({ path: `${DIR}/${width}-${name}.png` });
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${name} is wider than ${width} px`).toBeLessThanOrEqual(0);
      }
    });
  });
}
