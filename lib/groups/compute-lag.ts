/**
 * Consumer lag, the one definition every page uses: for each partition, the high watermark
 * minus the committed offset. A partition with no committed offset has no lag figure (null):
 * where such a group would start depends on its auto.offset.reset, which the broker does not know.
 * Pure, so the topic page and the group page cannot disagree.
 */

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Next offset the group will read; null when it never committed on this partition. */
  committed: bigint | null;
  highWatermark: bigint;
  lowWatermark: bigint;
  /** Messages behind; null when nothing is committed. Never negative. */
  lag: bigint | null;
}

export function computePartitionLag(input: {
  topic: string;
  partition: number;
  committed: bigint | null | undefined;
  highWatermark: bigint;
  lowWatermark?: bigint;
}): PartitionLag {
  const committed =
    input.committed === undefined || input.committed === null || input.committed < 0n
      ? null
      : input.committed;
  const low = input.lowWatermark ?? 0n;
  let lag: bigint | null = null;
  if (committed !== null) {
    // A committed offset below the log start (records deleted since) counts from the log start.
    const from = committed < low ? low : committed;
    lag = input.highWatermark > from ? input.highWatermark - from : 0n;
  }
  return {
    topic: input.topic,
    partition: input.partition,
    committed,
    highWatermark: input.highWatermark,
    lowWatermark: low,
    lag,
  };
}

/** Sum of the known lags; null when no partition has a committed offset. */
export function totalLag(partitions: readonly PartitionLag[]): bigint | null {
  let total: bigint | null = null;
  for (const p of partitions) if (p.lag !== null) total = (total ?? 0n) + p.lag;
  return total;
}
