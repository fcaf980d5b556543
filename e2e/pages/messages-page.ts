import { expect, type Page } from '@playwright/test';

/** The message browser of one topic. */
export class MessagesPage {
  constructor(private readonly page: Page) {}

  async open(cluster: string, topic: string, query = ''): Promise<void> {
    await this.page.goto(
      `/clusters/${cluster}/topics/${encodeURIComponent(topic)}/messages${query ? `?${query}` : ''}`,
    );
  }

  rows = () => this.page.getByTestId('message-row');
  values = () => this.page.getByTestId('message-value');
  schemaBadges = () => this.page.getByTestId('schema-badge');
  status = () => this.page.getByTestId('scan-status');
  scanState = () => this.page.getByTestId('scan-state');
  drawer = () => this.page.getByTestId('message-drawer');
  drawerTitle = () => this.page.getByTestId('drawer-title');
  error = () => this.page.getByTestId('messages-error');
  expressionError = () => this.page.getByTestId('expression-error');

  async seekToTime(isoWithoutZone: string): Promise<void> {
    await this.page.getByTestId('start-mode').selectOption('timestamp');
    await this.page.getByTestId('start-timestamp').fill(isoWithoutZone);
    await this.page.getByTestId('seek').click();
  }

  async startAt(mode: 'earliest' | 'latest'): Promise<void> {
    await this.page.getByTestId('start-mode').selectOption(mode);
  }

  async pageSize(n: number): Promise<void> {
    await this.page.getByTestId('page-size').selectOption(String(n));
  }

  /** Opens the folded filters (header, value conditions, expression) unless they are open. */
  async showAllFilters(): Promise<void> {
    if ((await this.page.getByTestId('filters-more').count()) === 0)
      await this.page.getByTestId('filters-toggle').click();
    await expect(this.page.getByTestId('filter-expression')).toBeVisible();
  }

  async filterByExpression(expression: string): Promise<void> {
    await this.showAllFilters();
    await this.page.getByTestId('filter-expression').fill(expression);
    await this.page.getByTestId('apply-filters').click();
  }

  async waitForScanEnd(): Promise<void> {
    await expect(this.scanState()).toHaveText(/reached the end|page full|stopped at the scan limit/, {
      timeout: 30_000,
    });
  }

  async next(): Promise<void> {
    await this.page.getByTestId('page-next').click();
  }

  async previous(): Promise<void> {
    await this.page.getByTestId('page-prev').click();
  }

  async toggleTail(): Promise<void> {
    await this.page.getByTestId('live-tail').click();
  }

  async openRow(index: number): Promise<void> {
    await this.rows().nth(index).click();
    await expect(this.drawer()).toBeVisible();
  }
}
