import { expect, type Page } from '@playwright/test';

/** The cluster overview, the console's first page. */
export class OverviewPage {
  constructor(private readonly page: Page) {}

  async open(clusterId?: string): Promise<void> {
    await this.page.goto(clusterId ? `/clusters/${clusterId}` : '/');
  }

  clusterName = () => this.page.getByTestId('cluster-name');
  kafkaStatus = () => this.page.getByTestId('kafka-status');
  brokerRows = () => this.page.getByTestId('broker-row');
  controllerBadge = () => this.page.getByTestId('controller-badge');
  registryStatus = () => this.page.getByTestId('registry-status');
  registrySubjects = () => this.page.getByTestId('registry-subjects');
  kafkaError = () => this.page.getByTestId('kafka-error');
  registryError = () => this.page.getByTestId('registry-error');

  async switchCluster(name: string): Promise<void> {
    await this.page.getByTestId('cluster-select').selectOption({ label: name });
  }

  async expectHealthy(): Promise<void> {
    await expect(this.kafkaStatus()).toHaveText('Kafka up');
    await expect(this.registryStatus()).toHaveText('reachable');
  }
}
