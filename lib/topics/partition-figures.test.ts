import { describe, expect, it } from 'vitest';
import {
  approximateMessageCount,
  partitionFigures,
  topicFigures,
  type PartitionFacts,
} from './partition-figures';

const facts = (over: Partial<PartitionFacts>): PartitionFacts => ({
  partition: 0,
  leader: 1,
  replicas: [1, 2, 3],
  isr: [1, 2, 3],
  offlineReplicas: [],
  low: 0n,
  high: 0n,
  replicaSizes: new Map([
    [1, 100],
    [2, 100],
    [3, 90],
  ]),
  ...over,
});

describe('message count and size', () => {
  it('counts high minus low watermark, never negative, unknown when a watermark is', () => {
    expect(approximateMessageCount(10n, 250n)).toBe(240);
    expect(approximateMessageCount(5n, 5n)).toBe(0);
    expect(approximateMessageCount(7n, 3n)).toBe(0);
    expect(approximateMessageCount(null, 3n)).toBeNull();
  });

  it('takes the leader replica as the size and sums all replicas apart', () => {
    const p = partitionFigures(facts({ partition: 2, low: 100n, high: 160n, leader: 3 }));
    expect(p).toMatchObject({
      partition: 2,
      low: '100',
      high: '160',
      messageCount: 60,
      sizeBytes: 90,
      replicatedSizeBytes: 290,
      underReplicated: false,
      offline: false,
    });
  });

  it('marks under-replicated and leaderless partitions', () => {
    expect(partitionFigures(facts({ isr: [1, 2] })).underReplicated).toBe(true);
    expect(partitionFigures(facts({ leader: -1 })).offline).toBe(true);
    expect(partitionFigures(facts({ leader: -1 })).sizeBytes).toBeNull();
  });

  it('has no size when log dirs could not be read', () => {
    expect(partitionFigures(facts({ replicaSizes: undefined }))).toMatchObject({
      sizeBytes: null,
      replicatedSizeBytes: null,
    });
  });

  it('sums partitions into the topic figures; one unknown makes the sum unknown', () => {
    const parts = [
      partitionFigures(facts({ partition: 0, high: 10n })),
      partitionFigures(facts({ partition: 1, high: 32n, low: 2n, isr: [1] })),
      partitionFigures(facts({ partition: 2, high: 5n, replicas: [1, 2] })),
    ];
    expect(topicFigures(parts)).toEqual({
      partitionCount: 3,
      replicationFactor: 3,
      messageCount: 45,
      sizeBytes: 300,
      replicatedSizeBytes: 870,
      underReplicatedPartitions: 1, // partition 1: one of three replicas in sync
      offlinePartitions: 0,
    });
    expect(
      topicFigures([...parts, partitionFigures(facts({ partition: 3, high: null }))]).messageCount,
    ).toBeNull();
    expect(topicFigures([])).toMatchObject({
      partitionCount: 0,
      replicationFactor: 0,
      messageCount: 0,
      sizeBytes: 0,
    });
  });
});
