/**
 * Turning per-partition facts (watermarks, replica sizes, ISR) into the figures the topic pages
 * show. Pure, so the list and the topic page cannot disagree.
 *
 * - Message count is approximate: high minus low watermark counts offsets, and offsets also go
 *   to transaction markers, aborted records and records since compacted away.
 * - Size is the leader replica's bytes on disk, i.e. the data once; the size of all replicas
 *   (what the cluster's disks hold) is given next to it.
 */

export interface PartitionFacts {
  partition: number;
  leader: number;
  replicas: readonly number[];
  isr: readonly number[];
  offlineReplicas: readonly number[];
  low: bigint | null;
  high: bigint | null;
  /** broker → bytes; undefined when sizes could not be read. */
  replicaSizes: ReadonlyMap<number, number> | undefined;
}

export interface PartitionFigures {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  /** Fewer in-sync replicas than replicas. */
  underReplicated: boolean;
  /** No leader: nothing can be read or written. */
  offline: boolean;
  low: string | null;
  high: string | null;
  messageCount: number | null;
  sizeBytes: number | null;
  replicatedSizeBytes: number | null;
}

export interface TopicFigures {
  partitionCount: number;
  /** The largest replica count of its partitions (they normally agree). */
  replicationFactor: number;
  messageCount: number | null;
  sizeBytes: number | null;
  replicatedSizeBytes: number | null;
  underReplicatedPartitions: number;
  offlinePartitions: number;
}

export function approximateMessageCount(low: bigint | null, high: bigint | null): number | null {
  if (low === null || high === null) return null;
  return high > low ? Number(high - low) : 0;
}

export function partitionFigures(facts: PartitionFacts): PartitionFigures {
  let sizeBytes: number | null = null;
  let replicatedSizeBytes: number | null = null;
  if (facts.replicaSizes) {
    sizeBytes = facts.replicaSizes.get(facts.leader) ?? null;
    replicatedSizeBytes = [...facts.replicaSizes.values()].reduce((a, b) => a + b, 0);
  }
  return {
    partition: facts.partition,
    leader: facts.leader,
    replicas: [...facts.replicas],
    isr: [...facts.isr],
    offlineReplicas: [...facts.offlineReplicas],
    underReplicated: facts.isr.length < facts.replicas.length,
    offline: facts.leader < 0,
    low: facts.low === null ? null : facts.low.toString(),
    high: facts.high === null ? null : facts.high.toString(),
    messageCount: approximateMessageCount(facts.low, facts.high),
    sizeBytes,
    replicatedSizeBytes,
  };
}

/** Sum of the values, or null as soon as one is unknown: a partial sum would read as the whole. */
function sumKnown(values: readonly (number | null)[]): number | null {
  let total = 0;
  for (const v of values) {
    if (v === null) return null;
    total += v;
  }
  return total;
}

export function topicFigures(partitions: readonly PartitionFigures[]): TopicFigures {
  return {
    partitionCount: partitions.length,
    replicationFactor: partitions.reduce((max, p) => Math.max(max, p.replicas.length), 0),
    messageCount: sumKnown(partitions.map((p) => p.messageCount)),
    sizeBytes: sumKnown(partitions.map((p) => p.sizeBytes)),
    replicatedSizeBytes: sumKnown(partitions.map((p) => p.replicatedSizeBytes)),
    underReplicatedPartitions: partitions.filter((p) => p.underReplicated).length,
    offlinePartitions: partitions.filter((p) => p.offline).length,
  };
}
