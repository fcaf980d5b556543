import { expect, type Page } from '@playwright/test';

/** The subjects list and a subject's tabs: versions, diff and draft check. */
export class SchemasPage {
  constructor(private readonly page: Page) {}

  async openList(clusterId = 'local'): Promise<void> {
    await this.page.goto(`/clusters/${clusterId}/schemas`);
    await expect(this.page.getByTestId('subjects-table')).toBeVisible();
  }
  row = (subject: string) => this.page.locator(`[data-testid="subject-row"][data-subject="${subject}"]`);

  async openDiff(subject: string, from: number, to: number, clusterId = 'local'): Promise<void> {
    await this.page.goto(
      `/clusters/${clusterId}/schemas/${encodeURIComponent(subject)}/diff?from=${from}&to=${to}`,
    );
    await expect(this.page.getByTestId('subject-diff')).toBeVisible();
  }
  async openDraft(subject: string, clusterId = 'local'): Promise<void> {
    await this.page.goto(`/clusters/${clusterId}/schemas/${encodeURIComponent(subject)}/draft`);
    await expect(this.draftInput()).not.toHaveValue('');
  }

  async openUsage(subject: string, clusterId = 'local'): Promise<void> {
    await this.page.goto(`/clusters/${clusterId}/schemas/${encodeURIComponent(subject)}/usage`);
    await expect(this.page.getByTestId('usage-scan')).toBeEnabled();
  }

  tab = (name: 'versions' | 'diff' | 'draft' | 'usage') => this.page.getByTestId(`tab-${name}`);
  verdict = (direction: 'backward' | 'forward') => this.page.getByTestId(`verdict-${direction}-badge`);
  problems = (direction: 'backward' | 'forward') =>
    this.page.getByTestId(`verdict-${direction}`).getByTestId('problem');
  change = (kind: string, path: string) =>
    this.page.locator(`[data-testid="change"][data-kind="${kind}"][data-path="${path}"]`);
  registryVerdict = () => this.page.getByTestId('registry-verdict-badge');

  draftInput = () => this.page.getByTestId('draft-input');
  async checkDraft(schema: string): Promise<void> {
    await this.draftInput().fill(schema);
    await this.page.getByTestId('draft-check').click();
    await expect(this.page.getByTestId('draft-result')).toBeVisible();
  }
  draftVerdict = () => this.page.getByTestId('draft-verdict');
  draftProblems = () => this.page.getByTestId('draft-problem');
  draftProblem = (path: string) => this.page.locator(`[data-testid="draft-problem"][data-path="${path}"]`);

  async register(subject: string): Promise<void> {
    await this.page.getByTestId('draft-register').click();
    await this.page.getByTestId('register-confirm').fill(subject);
    await this.page.getByTestId('confirm-register').click();
  }
}
