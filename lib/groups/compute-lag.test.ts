import { describe, expect, it } from 'vitest';
import { computePartitionLag, totalLag } from './compute-lag';

describe('computePartitionLag', () => {
  it('is the high watermark minus the committed offset', () => {
    expect(computePartitionLag({ topic: 't', partition: 0, committed: 40n, highWatermark: 100n }).lag).toBe(
      60n,
    );
  });
  it('is null without a committed offset, and zero when caught up or ahead', () => {
    expect(
      computePartitionLag({ topic: 't', partition: 0, committed: undefined, highWatermark: 100n }).lag,
    ).toBeNull();
    expect(
      computePartitionLag({ topic: 't', partition: 0, committed: -1n, highWatermark: 100n }).committed,
    ).toBeNull();
    expect(computePartitionLag({ topic: 't', partition: 0, committed: 100n, highWatermark: 100n }).lag).toBe(
      0n,
    );
    expect(computePartitionLag({ topic: 't', partition: 0, committed: 120n, highWatermark: 100n }).lag).toBe(
      0n,
    );
  });
  it('counts from the log start when the committed offset was deleted', () => {
    expect(
      computePartitionLag({ topic: 't', partition: 0, committed: 5n, highWatermark: 100n, lowWatermark: 30n })
        .lag,
    ).toBe(70n);
  });
  it('sums known lags only', () => {
    const parts = [
      computePartitionLag({ topic: 't', partition: 0, committed: 1n, highWatermark: 11n }),
      computePartitionLag({ topic: 't', partition: 1, committed: null, highWatermark: 50n }),
      computePartitionLag({ topic: 't', partition: 2, committed: 5n, highWatermark: 7n }),
    ];
    expect(totalLag(parts)).toBe(12n);
    expect(totalLag([parts[1]!])).toBeNull();
  });
});
