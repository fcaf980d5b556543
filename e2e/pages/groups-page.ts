import { expect, type Locator, type Page } from '@playwright/test';

/** The consumer-group list and a group's page (lag, members, reset). */
export class GroupsPage {
  constructor(private readonly page: Page) {}

  async openList(cluster = 'local', query = ''): Promise<void> {
    await this.page.goto(`/clusters/${cluster}/groups${query}`);
    await expect(this.page.getByTestId('groups-table')).toBeVisible();
  }

  async openGroup(group: string, cluster = 'local', tab?: 'members' | 'reset'): Promise<void> {
    await this.page.goto(
      `/clusters/${cluster}/groups/${encodeURIComponent(group)}${tab ? `?tab=${tab}` : ''}`,
    );
  }

  rows = () => this.page.getByTestId('group-row');
  row = (group: string): Locator => this.page.locator(`[data-testid="group-row"][data-group="${group}"]`);
  rowLag = (group: string) => this.row(group).getByTestId('group-lag');
  rowType = (group: string) => this.row(group).getByTestId('group-type');
  rowState = (group: string) => this.row(group).getByTestId('group-state');
  search = () => this.page.getByTestId('group-search');
  showSystem = () => this.page.getByTestId('show-system-groups');
  hiddenSystem = () => this.page.getByTestId('hidden-system-groups');

  groupId = () => this.page.getByTestId('group-id');
  totalLag = () => this.page.getByTestId('stat-total-lag');
  partitionRows = () => this.page.getByTestId('partition-lag-row');
  lagChart = () => this.page.getByTestId('lag-chart');
  missing = () => this.page.getByTestId('group-missing');
  tab = (name: 'lag' | 'members' | 'reset') => this.page.getByTestId(`tab-${name}`);

  strategy = (name: 'earliest' | 'latest' | 'timestamp' | 'shift' | 'explicit') =>
    this.page.getByTestId(`strategy-${name}`);
  topicInput = () => this.page.getByTestId('reset-topic');
  scope = () => this.page.getByTestId('reset-scope');
  previewButton = () => this.page.getByTestId('reset-preview-button');
  previewRows = () => this.page.getByTestId('reset-preview-row');
  previewSummary = () => this.page.getByTestId('reset-preview-summary');
  applyButton = () => this.page.getByTestId('reset-apply-button');
  confirmDialog = () => this.page.getByTestId('reset-confirm');
  confirmList = () => this.page.getByTestId('reset-confirm-list');
  confirmOk = () => this.page.getByTestId('confirm-ok');
  applied = () => this.page.getByTestId('reset-applied');
  deleteButton = () => this.page.getByTestId('delete-group-button');
  deleteDialog = () => this.page.getByTestId('delete-confirm');

  /** A lag figure as shown ("4,002") as a number. */
  static count(text: string | null): number {
    return Number((text ?? '').replace(/,/g, ''));
  }
}
