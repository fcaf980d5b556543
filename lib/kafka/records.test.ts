import { describe, expect, it } from 'vitest';
import { ATTR_CONTROL, ATTR_TRANSACTIONAL, recordsFromBatches, type RecordBatch } from './records';

function batch(firstOffset: bigint, values: string[], opts: { attributes?: number; producerId?: bigint; key?: Buffer } = {}): RecordBatch {
  return {
    firstOffset,
    attributes: opts.attributes ?? 0,
    lastOffsetDelta: values.length - 1,
    firstTimestamp: 1_700_000_000_000n,
    maxTimestamp: 1_700_000_000_000n + BigInt(values.length),
    producerId: opts.producerId ?? -1n,
    records: values.map((v, i) => ({ timestampDelta: BigInt(i), offsetDelta: i, key: opts.key ?? null, value: Buffer.from(v), headers: [] })),
  };
}

/** A control batch holding one marker record: key = version 0, type 0 (abort) or 1 (commit). */
function marker(offset: bigint, producerId: bigint, type: 0 | 1): RecordBatch {
  const key = Buffer.alloc(4);
  key.writeInt16BE(type, 2);
  return { ...batch(offset, [''], { attributes: ATTR_CONTROL | ATTR_TRANSACTIONAL, producerId }), records: [{ timestampDelta: 0n, offsetDelta: 0, key, value: Buffer.alloc(6), headers: [] }] };
}

describe('recordsFromBatches', () => {
  it('computes offsets and timestamps and skips records before the requested offset', () => {
    const out = recordsFromBatches(3, [batch(10n, ['a', 'b', 'c'])], 11n);
    expect(out.map((r) => [r.offset, r.value?.toString(), r.timestamp, r.partition])).toEqual([
      [11n, 'b', 1_700_000_000_001, 3],
      [12n, 'c', 1_700_000_000_002, 3],
    ]);
  });

  it('uses the batch max timestamp for log-append time', () => {
    const out = recordsFromBatches(0, [batch(0n, ['a', 'b'], { attributes: 0x08 })], 0n);
    expect(out.map((r) => r.timestamp)).toEqual([1_700_000_000_002, 1_700_000_000_002]);
    expect(out[0]!.timestampType).toBe('log-append');
  });

  it('names the compression codec of the batch', () => {
    expect(recordsFromBatches(0, [batch(0n, ['x'], { attributes: 4 })], 0n)[0]!.compression).toBe('zstd');
    expect(recordsFromBatches(0, [batch(0n, ['x'], { attributes: 2 })], 0n)[0]!.compression).toBe('snappy');
  });

  it('drops aborted transactions under read_committed and always drops control markers', () => {
    const batches = [
      batch(0n, ['plain']),
      batch(1n, ['t1-a', 't1-b'], { attributes: ATTR_TRANSACTIONAL, producerId: 7n }),
      marker(3n, 7n, 1),
      batch(4n, ['t2-a', 't2-b'], { attributes: ATTR_TRANSACTIONAL, producerId: 7n }),
      marker(6n, 7n, 0),
      batch(7n, ['t3-a'], { attributes: ATTR_TRANSACTIONAL, producerId: 7n }),
      marker(8n, 7n, 1),
    ];
    const committed = recordsFromBatches(0, batches, 0n, [{ producerId: 7n, firstOffset: 4n }]);
    expect(committed.map((r) => r.value?.toString())).toEqual(['plain', 't1-a', 't1-b', 't3-a']);
    const uncommitted = recordsFromBatches(0, batches, 0n);
    expect(uncommitted.map((r) => r.value?.toString())).toEqual(['plain', 't1-a', 't1-b', 't2-a', 't2-b', 't3-a']);
  });

  it('keeps another producer interleaved with an aborted one', () => {
    const batches = [
      batch(0n, ['p7'], { attributes: ATTR_TRANSACTIONAL, producerId: 7n }),
      batch(1n, ['p8'], { attributes: ATTR_TRANSACTIONAL, producerId: 8n }),
      marker(2n, 7n, 0),
      marker(3n, 8n, 1),
    ];
    const out = recordsFromBatches(0, batches, 0n, [{ producerId: 7n, firstOffset: 0n }]);
    expect(out.map((r) => r.value?.toString())).toEqual(['p8']);
  });
});
