import { describe, expect, it } from 'vitest';
import { encodeConfluentFrame } from '@/lib/serde/wire-format';
import { SchemaUsageTally } from './schema-usage-tally';

const framed = (id: number) => encodeConfluentFrame(id, Buffer.from([2, 4]));

describe('SchemaUsageTally', () => {
  it('counts records per schema id and partition with first and last offset and time', () => {
    const tally = new SchemaUsageTally(2);
    tally.add({ partition: 0, offset: 10n, timestamp: 1000, bytes: framed(1) });
    tally.add({ partition: 0, offset: 11n, timestamp: 1100, bytes: framed(3) });
    tally.add({ partition: 1, offset: 5n, timestamp: 900, bytes: framed(1) });
    tally.add({ partition: 0, offset: 12n, timestamp: 1200, bytes: framed(1) });
    tally.add({ partition: 1, offset: 6n, timestamp: 950, bytes: Buffer.from('{"plain":true}') });
    tally.add({ partition: 1, offset: 7n, timestamp: 960, bytes: null });
    expect(tally.scanned).toBe(6);
    expect(tally.usage()).toEqual([
      {
        schemaId: 1,
        count: 3,
        partitions: [
          {
            partition: 0,
            count: 2,
            firstOffset: '10',
            lastOffset: '12',
            firstTimestamp: 1000,
            lastTimestamp: 1200,
          },
          {
            partition: 1,
            count: 1,
            firstOffset: '5',
            lastOffset: '5',
            firstTimestamp: 900,
            lastTimestamp: 900,
          },
        ],
      },
      {
        schemaId: null,
        count: 2,
        partitions: [
          {
            partition: 1,
            count: 2,
            firstOffset: '6',
            lastOffset: '7',
            firstTimestamp: 950,
            lastTimestamp: 960,
          },
        ],
      },
      {
        schemaId: 3,
        count: 1,
        partitions: [
          {
            partition: 0,
            count: 1,
            firstOffset: '11',
            lastOffset: '11',
            firstTimestamp: 1100,
            lastTimestamp: 1100,
          },
        ],
      },
    ]);
    expect(tally.samples(1).map((s) => `${s.partition}:${s.offset}`)).toEqual(['0:10', '1:5']);
    expect(tally.samples(7)).toEqual([]);
  });
});
