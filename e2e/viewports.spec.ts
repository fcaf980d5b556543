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
  ['config', '/clusters/local/topics/orders/config', 'h1, [data-testid="back-to-topics"]'],
  ['consumers', '/clusters/local/topics/orders/consumers', 'h1, [data-testid="back-to-topics"]'],
  ['timetravel', '/clusters/local/timetravel', 'h1'],
  ['replay', '/clusters/local/timetravel?stream=orders&id=order-000023', 'h1'],
  ['key-index', '/clusters/local/key-index', '[data-testid="key-index-page"]'],
  ['produce', '/clusters/local/topics/orders/produce', 'h1, [data-testid="back-to-topics"]'],
  ['schemas', '/clusters/local/schemas', 'h1'],
  ['subject', '/clusters/local/schemas/orders-value', 'h1'],
  ['diff', '/clusters/local/schemas/orders-value/diff?from=1&to=3', 'h1'],
  ['dlq', '/clusters/local/dlq', 'h1'],
  ['dlq-topic', '/clusters/local/dlq/orders.DLQ', 'h1'],
  ['audit', '/clusters/local/audit', 'h1'],
];

/** Message rows wholly in view without scrolling the page (and inside the table's own scroller). */
function rowsAboveTheFold(): number {
  const rows = [...document.querySelectorAll('[data-testid="message-row"]')];
  return rows.filter((row) => {
    const box = row.getBoundingClientRect();
    let limitTop = 0;
    let limitBottom = window.innerHeight;
    for (let el = row.parentElement; el; el = el.parentElement) {
      const overflow = getComputedStyle(el).overflowY;
      if (overflow === 'auto' || overflow === 'scroll') {
        const frame = el.getBoundingClientRect();
        limitTop = Math.max(limitTop, frame.top);
        limitBottom = Math.min(limitBottom, frame.bottom);
      }
    }
    // Under the sticky header of the table, a row is hidden: count it only below the header.
    const header = row.closest('table')?.querySelector('thead')?.getBoundingClientRect();
    if (header) limitTop = Math.max(limitTop, header.bottom);
    return box.top >= limitTop - 1 && box.bottom <= limitBottom + 1;
  }).length;
}

/** At least this many message rows show on the first screen of the message browser. */
const ROWS_IN_VIEW = { 1024: 3, 1440: 8 } as const;

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
        expect.soft(overflow, `${name} is wider than ${width} px`).toBeLessThanOrEqual(0);
        if (name === 'messages')
          expect
            .soft(await page.evaluate(rowsAboveTheFold), `message rows above the fold at ${width}×${height}`)
            .toBeGreaterThanOrEqual(ROWS_IN_VIEW[width]);
      }
    });
  });
}
