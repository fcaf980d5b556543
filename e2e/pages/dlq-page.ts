import type { Page } from '@playwright/test';

/** The dead-letter list and triage pages, by test id. */
export class DlqPage {
  constructor(private readonly page: Page) {}

  openList(cluster = 'local') {
    return this.page.goto(`/clusters/${cluster}/dlq`);
  }
  row(topic: string) {
    return this.page.locator(`[data-testid="dlq-row"][data-topic="${topic}"]`);
  }
  link(topic: string) {
    return this.row(topic).getByTestId('dlq-link');
  }
  title() {
    return this.page.getByTestId('dlq-title');
  }
  total() {
    return this.page.getByTestId('triage-total');
  }
  causeRows() {
    return this.page.getByTestId('cause-row');
  }
  chart() {
    return this.page.getByTestId('dlq-arrivals-chart');
  }
  tab(id: 'causes' | 'origins' | 'keys' | 'blocked') {
    return this.page.getByTestId(`triage-tab-${id}`);
  }
  selectionCount() {
    return this.page.getByTestId('selection-count');
  }
  letterRows() {
    return this.page.getByTestId('letter-row');
  }
  letterDetail() {
    return this.page.getByTestId('letter-detail');
  }
  dryRunButton() {
    return this.page.getByTestId('dry-run-button');
  }
  dryRunSummary() {
    return this.page.getByTestId('dry-run-summary');
  }
  dryRunRows() {
    return this.page.getByTestId('dry-run-row');
  }
  blockedRows() {
    return this.page.getByTestId('blocked-key-row');
  }
  destination() {
    return this.page.getByTestId('dry-run-destination');
  }
  redriveButton() {
    return this.page.getByTestId('redrive-button');
  }
  redriveDialog() {
    return this.page.getByTestId('redrive-dialog');
  }
  job() {
    return this.page.getByTestId('redrive-job').first();
  }
}
