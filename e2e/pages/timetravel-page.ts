import { expect, type Page } from '@playwright/test';

/** Aggregate time travel: the form, the replay, the scrubber, the step and the comparisons. */
export class TimeTravelPage {
  constructor(private readonly page: Page) {}

  async open(clusterId = 'local', query = ''): Promise<void> {
    await this.page.goto(`/clusters/${clusterId}/timetravel${query ? `?${query}` : ''}`);
  }

  streamSelect = () => this.page.getByTestId('stream-select');
  topicInput = () => this.page.getByTestId('topic-input');
  idInput = () => this.page.getByTestId('aggregate-id-input');
  rebuild = () => this.page.getByTestId('rebuild-button');
  summary = () => this.page.getByTestId('replay-summary');
  planPartitions = () => this.page.getByTestId('plan-partitions');
  timelineRows = () => this.page.getByTestId('timeline-row');
  selectedRow = () => this.page.locator('[data-testid="timeline-row"][data-selected="true"]');
  position = () => this.page.getByTestId('scrubber-position');
  back = () => this.page.getByTestId('step-back');
  forward = () => this.page.getByTestId('step-forward');
  gotoOffset = () => this.page.getByTestId('goto-offset');
  stateAfter = () => this.page.getByTestId('state-after');
  stateBefore = () => this.page.getByTestId('state-before');
  stepDiff = () => this.page.getByTestId('step-diff');
  stepError = () => this.page.getByTestId('step-error');
  eventRaw = () => this.page.getByTestId('event-raw');
  eventResolved = () => this.page.getByTestId('event-resolved');
  comparePin = () => this.page.getByTestId('compare-pin');
  compareDiff = () => this.page.getByTestId('compare-diff');
  comparePoints = () => this.page.getByTestId('compare-points');
  startFromSnapshot = () => this.page.getByTestId('start-from-snapshot');
  snapshotBanner = () => this.page.getByTestId('snapshot-banner');
  verifySnapshot = () => this.page.getByTestId('verify-snapshot');
  verifyOk = () => this.page.getByTestId('verify-ok');

  async rebuildAggregate(id: string, topic?: string): Promise<void> {
    // The configured streams load first; the form is enabled then.
    await expect(this.streamSelect()).toBeEnabled();
    if (topic) {
      await this.streamSelect().selectOption({ label: 'Another topic…' });
      await this.topicInput().fill(topic);
    }
    await this.idInput().fill(id);
    await this.rebuild().click();
  }

  async waitForReplay(events: number): Promise<void> {
    await expect(this.summary()).toContainText(`${events.toLocaleString('en-US')} events`, {
      timeout: 45_000,
    });
  }

  async goToOffset(offset: string): Promise<void> {
    await this.gotoOffset().fill(offset);
    await this.gotoOffset().press('Enter');
  }
}
