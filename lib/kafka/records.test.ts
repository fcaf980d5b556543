import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { copyRecord, parseRecordBatches, parseRecordColumns } from './records';
import { encodeBatch, encodeMarker } from './testing/encode-record-batch';

const values = (bytes: Buffer, from = 0n, aborted?: { producerId: bigint; firstOffset: bigint }[]) =>
  parseRecordBatches(0, bytes, from, aborted).records.map((r) => r.value?.toString());

const batch = (baseOffset: bigint, vals: string[], extra: Partial<Parameters<typeof encodeBatch>[0]> = {}) =>
  encodeBatch({ baseOffset, records: vals.map((v) => ({ value: Buffer.from(v) })), ...extra });

describe('parseRecordBatches', () => {
  it('computes offsets and timestamps and skips records before the requested offset', () => {
    const { records, nextOffset } = parseRecordBatches(3, batch(10n, ['a', 'b', 'c']), 11n, undefined);
    expect(records.map((r) => [r.offset, r.value?.toString(), r.timestamp, r.partition])).toEqual([
      [11n, 'b', 1_700_000_000_001, 3],
      [12n, 'c', 1_700_000_000_002, 3],
    ]);
    expect(nextOffset).toBe(13n);
  });

  it('uses the batch max timestamp for log-append time', () => {
    const { records } = parseRecordBatches(
      0,
      batch(0n, ['a', 'b'], { logAppendTime: true, maxTimestamp: 1_700_000_000_009 }),
      0n,
      undefined,
    );
    expect(records.map((r) => r.timestamp)).toEqual([1_700_000_000_009, 1_700_000_000_009]);
    expect(records[0]!.timestampType).toBe('log-append');
  });

  it('reads keys, null values and headers, and names the codec of the batch', () => {
    const bytes = encodeBatch({
      baseOffset: 5n,
      codec: 1,
      records: [
        {
          key: Buffer.from('k1'),
          value: null,
          headers: [
            ['trace', Buffer.from('t')],
            ['empty', null],
          ],
        },
        { key: null, value: Buffer.from('v2') },
      ],
    });
    const { records } = parseRecordBatches(0, bytes, 0n, undefined);
    expect(
      records.map((r) => ({
        key: r.key?.toString() ?? null,
        value: r.value?.toString() ?? null,
        headers: r.headers.map((h) => [h.key, h.value?.toString() ?? null]),
        compression: r.compression,
      })),
    ).toEqual([
      {
        key: 'k1',
        value: null,
        headers: [
          ['trace', 't'],
          ['empty', null],
        ],
        compression: 'gzip',
      },
      { key: null, value: 'v2', headers: [], compression: 'gzip' },
    ]);
  });

  it('leaves a partial batch at the end for the next read', () => {
    const whole = Buffer.concat([batch(0n, ['a']), batch(1n, ['b', 'c'])]);
    const cut = whole.subarray(0, whole.length - 3);
    const { records, nextOffset } = parseRecordBatches(0, cut, 0n, undefined);
    expect(records.map((r) => r.value?.toString())).toEqual(['a']);
    expect(nextOffset).toBe(1n);
  });

  it('drops aborted transactions under read_committed and always drops control markers', () => {
    const bytes = Buffer.concat([
      batch(0n, ['plain']),
      batch(1n, ['t1-a', 't1-b'], { transactional: true, producerId: 7n }),
      encodeMarker(3n, 7n, 1),
      batch(4n, ['t2-a', 't2-b'], { transactional: true, producerId: 7n }),
      encodeMarker(6n, 7n, 0),
      batch(7n, ['t3-a'], { transactional: true, producerId: 7n }),
      encodeMarker(8n, 7n, 1),
    ]);
    expect(values(bytes, 0n, [{ producerId: 7n, firstOffset: 4n }])).toEqual([
      'plain',
      't1-a',
      't1-b',
      't3-a',
    ]);
    expect(values(bytes)).toEqual(['plain', 't1-a', 't1-b', 't2-a', 't2-b', 't3-a']);
    expect(parseRecordBatches(0, bytes, 0n, []).nextOffset).toBe(9n);
  });

  it('keeps another producer interleaved with an aborted one', () => {
    const bytes = Buffer.concat([
      batch(0n, ['p7'], { transactional: true, producerId: 7n }),
      batch(1n, ['p8'], { transactional: true, producerId: 8n }),
      encodeMarker(2n, 7n, 0),
      encodeMarker(3n, 8n, 1),
    ]);
    expect(values(bytes, 0n, [{ producerId: 7n, firstOffset: 0n }])).toEqual(['p8']);
  });

  it('keeps non-transactional records of an aborted producer id and later committed transactions', () => {
    const bytes = Buffer.concat([
      batch(0n, ['aborted'], { transactional: true, producerId: 7n }),
      encodeMarker(1n, 7n, 0),
      batch(2n, ['again'], { transactional: true, producerId: 7n }),
      encodeMarker(3n, 7n, 1),
    ]);
    expect(values(bytes, 0n, [{ producerId: 7n, firstOffset: 0n }])).toEqual(['again']);
  });

  it('refuses what is not a record batch in words, as an AppError', () => {
    const bogus = Buffer.alloc(20);
    bogus.writeInt32BE(3, 8);
    expect(() => parseRecordBatches(2, bogus, 0n, undefined)).toThrow(AppError);
    expect(() => parseRecordBatches(2, bogus, 0n, undefined)).toThrow(/not a record batch/);
  });

  it('refuses a batch whose compressed bytes do not decompress, naming it', () => {
    const bytes = batch(40n, ['x'], { codec: 1 });
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 12) ^ 0xff, bytes.length - 12); // inside the gzip stream
    expect(() => parseRecordBatches(1, bytes, 0n, undefined)).toThrow(
      /batch at offsets 40–40 of partition 1/,
    );
  });
});

describe('releasing the columns of a scan', () => {
  const big = (tag: string) => Buffer.from(`${tag}:${'x'.repeat(40_000)}`);

  it('frees the decompressed bytes at once, and a record copied before stays whole', () => {
    const bytes = encodeBatch({
      baseOffset: 0n,
      codec: 1,
      records: [
        { key: Buffer.from('k0'), value: big('a'), headers: [['h', Buffer.from('v')]] },
        { key: Buffer.from('k1'), value: big('b') },
      ],
    });
    const { columns } = parseRecordColumns(0, bytes, 0n, undefined);
    const kept = copyRecord(columns.record(0));
    const held = columns.record(1);
    const memory = held.value!.buffer;
    const before = process.memoryUsage().arrayBuffers;
    columns.release();
    expect(process.memoryUsage().arrayBuffers).toBeLessThan(before - 70_000);
    expect(columns.length).toBe(0);
    expect(memory.byteLength).toBe(0);
    expect(kept).toMatchObject({ offset: 0n, key: Buffer.from('k0'), value: big('a'), compression: 'gzip' });
    expect(kept.headers).toEqual([{ key: 'h', value: Buffer.from('v') }]);
  });

  it('leaves the bytes of an uncompressed batch alone: they are the Fetch answer', () => {
    const bytes = encodeBatch({ baseOffset: 0n, records: [{ value: big('c') }] });
    const { columns } = parseRecordColumns(0, bytes, 0n, undefined);
    columns.release();
    expect(bytes.buffer.byteLength).toBeGreaterThan(40_000);
    expect(parseRecordBatches(0, bytes, 0n, undefined).records[0]!.value).toEqual(big('c'));
  });
});
