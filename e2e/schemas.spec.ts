import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { SchemasPage } from './pages/schemas-page';

/**
 * Schema review. The demo's `orders-value` (v1–v3) is only read; registering happens under a
 * subject this spec creates in the registry and removes at the end.
 */
const REGISTRY = 'http://127.0.0.1:8081/apis/ccompat/v7';
const subject = `e2e-schemas-${randomUUID().slice(0, 8)}-value`;
const v1 = {
  type: 'record',
  name: 'Ticket',
  namespace: 'e2e.schemas',
  fields: [{ name: 'id', type: 'string' }],
};
const shots = process.env.E2E_SCREENSHOTS;

test.describe.serial('schema review', () => {
  test.beforeAll(async ({ playwright }) => {
    const registry = await playwright.request.newContext();
    const res = await registry.post(`${REGISTRY}/subjects/${subject}/versions`, {
      data: { schema: JSON.stringify(v1) },
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    });
    expect(res.ok()).toBe(true);
    await registry.dispose();
  });

  test.afterAll(async ({ playwright }) => {
    const registry = await playwright.request.newContext();
    await registry.delete(`${REGISTRY}/subjects/${subject}`);
    await registry.delete(`${REGISTRY}/subjects/${subject}?permanent=true`);
    await registry.dispose();
  });

  test('lists orders-value and diffs v1 against v3 with verdicts both ways', async ({ page }) => {
    const schemas = new SchemasPage(page);
    await schemas.openList();
    await expect(schemas.row('orders-value')).toContainText('orders');
    await schemas.row('orders-value').getByTestId('subject-link').click();
    await expect(page.getByTestId('subject-name')).toHaveText('orders-value');
    await expect(page.getByTestId('subject-version-count')).toHaveText('3');

    await schemas.openDiff('orders-value', 1, 3);
    await expect(schemas.change('field-added', '/correlationId')).toBeVisible();
    await expect(
      schemas.change('field-renamed', '/payload/OrderPlaced/shippingAddress/postalCode'),
    ).toBeVisible();
    await expect(schemas.change('enum-symbol-added', '/payload/OrderPaid/method')).toBeVisible();
    await expect(schemas.verdict('backward')).toHaveText('compatible');
    // The rename's alias lives in v3 only: a v1 reader still looks for `zip`.
    await expect(schemas.verdict('forward')).toHaveText('incompatible');
    await expect(schemas.problems('forward').first()).toHaveAttribute(
      'data-path',
      '/payload/OrderPlaced/shippingAddress/zip',
    );
    await expect(schemas.registryVerdict()).toHaveText('compatible');
    await expect(page.getByTestId('agreement')).toBeVisible();
    await expect(page.getByTestId('text-diff').locator('[data-change="added"]').first()).toBeVisible();
    if (shots) await page.screenshot({ path: `${shots}/schema-diff.png`, fullPage: true });
  });

  test('shows every problem of an incompatible draft with its path, and writes nothing', async ({ page }) => {
    const schemas = new SchemasPage(page);
    await schemas.openDraft('orders-value');
    const latest = JSON.parse(await schemas.draftInput().inputValue());
    // A new field without a default and the envelope's `type` enum losing a symbol.
    latest.fields.push({ name: 'channel', type: 'string' });
    latest.fields.find((f: { name: string }) => f.name === 'type').type.symbols.pop();
    await schemas.checkDraft(JSON.stringify(latest, null, 2));
    await expect(schemas.draftVerdict()).toHaveText('incompatible');
    await expect(schemas.draftProblem('/channel')).toContainText('READER_FIELD_MISSING_DEFAULT_VALUE');
    await expect(schemas.draftProblem('/channel').getByTestId('problem-hint')).toContainText(
      'give channel a default',
    );
    await expect(schemas.draftProblem('/type')).toContainText('OrderCancelled');
    await expect(page.getByTestId('registry-verdict-badge')).toHaveText('incompatible');
    if (shots) await page.screenshot({ path: `${shots}/schema-draft.png`, fullPage: true });
  });

  test('shows the writer versions the orders topic holds and that v3 reads them all', async ({ page }) => {
    const schemas = new SchemasPage(page);
    await schemas.openUsage('orders-value');
    await page.getByTestId('usage-scan').click();
    await expect(page.getByTestId('replay-safe')).toHaveText('safe', { timeout: 60_000 });
    await expect(page.getByTestId('usage-label')).toHaveText(['v1', 'v2', 'v3']);
    await expect(page.getByTestId('usage-progress')).toHaveText(/^([\d,]+) of \1 records/);
    if (shots) await page.screenshot({ path: `${shots}/schema-usage.png`, fullPage: true });
  });

  test('says in words when the registry is down', async ({ page }) => {
    await page.goto('/clusters/registry-down/schemas');
    await expect(page.getByTestId('subjects-error')).toContainText('REGISTRY_UNAVAILABLE');
    await expect(page.getByTestId('subjects-error')).toContainText('could not be reached');
  });

  test('registers a compatible draft after typing the subject name', async ({ page }) => {
    const schemas = new SchemasPage(page);
    await schemas.openDraft(subject);
    await schemas.checkDraft(
      JSON.stringify(
        { ...v1, fields: [...v1.fields, { name: 'note', type: ['null', 'string'], default: null }] },
        null,
        2,
      ),
    );
    await expect(schemas.draftVerdict()).toHaveText('compatible');
    await expect(schemas.change('field-added', '/note')).toBeVisible();
    await schemas.register(subject);
    await expect(page.getByTestId('registered')).toContainText('version 2');
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByTestId('subject-version-count')).toHaveText('2');
  });
});
