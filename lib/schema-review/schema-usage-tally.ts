import type { SchemaIdUsage as WireSchemaIdUsage } from '@/lib/schemas/subjects';
import { decodeConfluentFrame } from '@/lib/serde/wire-format';

/**
 * Which schema ids a topic's records were written with: a tally of the Confluent framing (magic
 * byte, 4-byte id) of each record's value or key, per id and per partition, with the first and
 * last offset and time of each. Reads five bytes per record and decodes nothing. Pure.
 */

export interface UsageRecord {
  partition: number;
  offset: bigint;
  timestamp: number;
  bytes: Buffer | null;
}

/** What the tally knows of one schema id; the registry adds the subject versions. */
export type SchemaIdUsage = Omit<WireSchemaIdUsage, 'versions'>;
export type PartitionUsage = SchemaIdUsage['partitions'][number];

interface Sample {
  partition: number;
  offset: string;
  bytes: Buffer;
}

export class SchemaUsageTally {
  scanned = 0;
  private readonly byId = new Map<
    number | null,
    { count: number; partitions: Map<number, PartitionUsage>; samples: Sample[] }
  >();

  /** Up to `samplesPerId` raw records of each id (from different partitions) are kept, for proving what a reader makes of them. */
  constructor(private readonly samplesPerId = 3) {}

  add(record: UsageRecord): void {
    this.scanned++;
    const frame = decodeConfluentFrame(record.bytes);
    const id = frame.ok ? frame.schemaId : null;
    let entry = this.byId.get(id);
    if (!entry) this.byId.set(id, (entry = { count: 0, partitions: new Map(), samples: [] }));
    entry.count++;
    const offset = record.offset.toString();
    const p = entry.partitions.get(record.partition);
    if (!p) {
      entry.partitions.set(record.partition, {
        partition: record.partition,
        count: 1,
        firstOffset: offset,
        lastOffset: offset,
        firstTimestamp: record.timestamp,
        lastTimestamp: record.timestamp,
      });
    } else {
      // Records of one partition arrive in offset order: the first seen stays first.
      p.count++;
      p.lastOffset = offset;
      p.lastTimestamp = record.timestamp;
    }
    // One sample per partition: records from different places of the topic prove more than neighbours.
    if (
      id !== null &&
      record.bytes &&
      entry.samples.length < this.samplesPerId &&
      !entry.samples.some((s) => s.partition === record.partition)
    ) {
      entry.samples.push({ partition: record.partition, offset, bytes: record.bytes });
    }
  }

  /** Ids by how many records use them, most first; partitions in order. */
  usage(): SchemaIdUsage[] {
    return [...this.byId.entries()]
      .map(([schemaId, e]) => ({
        schemaId,
        count: e.count,
        partitions: [...e.partitions.values()].sort((a, b) => a.partition - b.partition),
      }))
      .sort((a, b) => b.count - a.count || (a.schemaId ?? -1) - (b.schemaId ?? -1));
  }

  samples(schemaId: number): Sample[] {
    return this.byId.get(schemaId)?.samples ?? [];
  }
}
