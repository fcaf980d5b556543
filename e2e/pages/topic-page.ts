import { expect, type Page } from '@playwright/test';

/** The topics list, a topic's tabs (partitions, configuration, consumers) and the produce form. */
export class TopicPage {
  constructor(private readonly page: Page) {}

  // ----- the list -----
  async openList(clusterId = 'local', query = ''): Promise<void> {
    await this.page.goto(`/clusters/${clusterId}/topics${query}`);
    await expect(this.page.getByTestId('topics-table')).toBeVisible();
  }
  row = (name: string) => this.page.locator(`[data-testid="topic-row"][data-topic="${name}"]`);
  rows = () => this.page.getByTestId('topic-row');
  rowNames = async () => this.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-topic')));
  search = () => this.page.getByTestId('topic-search');
  internalToggle = () => this.page.getByTestId('show-internal-topics');
  sortBy = (key: 'name' | 'partitions' | 'messages' | 'size') => this.page.getByTestId(`sort-${key}`).click();

  // ----- one topic -----
  async open(
    topic: string,
    tab: '' | '/config' | '/consumers' | '/produce' = '',
    clusterId = 'local',
  ): Promise<void> {
    await this.page.goto(`/clusters/${clusterId}/topics/${encodeURIComponent(topic)}${tab}`);
  }
  topicName = () => this.page.getByTestId('topic-name');
  topicError = () => this.page.getByTestId('topic-error');
  tab = (name: 'partitions' | 'messages' | 'config' | 'consumers' | 'produce') =>
    this.page.getByTestId(`tab-${name}`);
  partitionRows = () => this.page.getByTestId('partition-row');
  partitionRow = (p: number) => this.page.locator(`[data-testid="partition-row"][data-partition="${p}"]`);
  configRow = (name: string) => this.page.locator(`[data-testid="config-row"][data-name="${name}"]`);
  consumerRow = (group: string) => this.page.locator(`[data-testid="consumer-row"][data-group="${group}"]`);

  // ----- create -----
  async createTopic(spec: {
    name: string;
    partitions: number;
    cleanup?: 'delete' | 'compact' | 'compact,delete';
  }): Promise<void> {
    await this.page.getByTestId('new-topic').click();
    await this.page.getByTestId('create-topic-name').fill(spec.name);
    await this.page.getByTestId('create-topic-partitions').fill(String(spec.partitions));
    await this.page.getByTestId('create-topic-rf').fill('1');
    if (spec.cleanup) await this.page.getByTestId('create-topic-cleanup').selectOption(spec.cleanup);
    await this.page.getByTestId('create-topic-review').click();
    await expect(this.page.getByTestId('confirm-topic-name')).toHaveText(spec.name);
    await this.page.getByTestId('create-topic-ok').click();
  }

  // ----- produce -----
  encoding = (e: 'avro' | 'json' | 'text') => this.page.getByTestId(`encoding-${e}`);
  subject = () => this.page.getByTestId('produce-subject');
  version = () => this.page.getByTestId('produce-version');
  value = () => this.page.getByTestId('produce-value');
  key = () => this.page.getByTestId('produce-key');
  async addHeader(name: string, value: string): Promise<void> {
    await this.page.getByTestId('produce-add-header').click();
    await this.page.getByTestId('produce-header-name').last().fill(name);
    await this.page.getByTestId('produce-header-value').last().fill(value);
  }
  review = () => this.page.getByTestId('produce-review').click();
  fieldErrors = () => this.page.getByTestId('field-error');
  confirmDialog = () => this.page.getByTestId('produce-confirm');
  send = () => this.page.getByTestId('produce-send').click();
  result = () => this.page.getByTestId('produce-result');
}
