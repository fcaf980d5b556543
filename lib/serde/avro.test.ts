import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/demo/prng';
import { AvroDecodeError, createAvroDecoder, formatDecimal, parseAvroSchema } from './avro';

const decoderFor = (schema: unknown, registry = {}) =>
  createAvroDecoder(parseAvroSchema(JSON.stringify(schema), registry));
/** avsc itself as the writer, with wrapped unions as the Java serializers see them. */
const writerFor = (schema: unknown) => avro.Type.forSchema(schema as avro.Schema, { wrapUnions: true });

/** Zigzag varint of a 64-bit long, written by hand so values beyond 2^53 can be tested. */
function longBytes(n: bigint): Buffer {
  let z = BigInt.asUintN(64, (n << 1n) ^ (n >> 63n));
  const out: number[] = [];
  while (z >= 0x80n) {
    out.push(Number(z & 0x7fn) | 0x80);
    z >>= 7n;
  }
  out.push(Number(z));
  return Buffer.from(out);
}

describe('Avro primitives', () => {
  it('decodes a record of every primitive, bytes and fixed as base64', () => {
    const schema = {
      type: 'record',
      name: 'All',
      namespace: 'test',
      fields: [
        { name: 'n', type: 'null' },
        { name: 'b', type: 'boolean' },
        { name: 'i', type: 'int' },
        { name: 'l', type: 'long' },
        { name: 'f', type: 'float' },
        { name: 'd', type: 'double' },
        { name: 'bytes', type: 'bytes' },
        { name: 's', type: 'string' },
        { name: 'fx', type: { type: 'fixed', name: 'Four', size: 4 } },
        { name: 'e', type: { type: 'enum', name: 'Color', symbols: ['RED', 'GREEN'] } },
        { name: 'a', type: { type: 'array', items: 'int' } },
        { name: 'm', type: { type: 'map', values: 'string' } },
      ],
    };
    const value = {
      n: null,
      b: true,
      i: -123456,
      l: 1736163831573,
      f: 1.5,
      d: -0.1,
      bytes: Buffer.from([0, 1, 2, 250]),
      s: 'Grüße',
      fx: Buffer.from('abcd'),
      e: 'GREEN',
      a: [1, -2, 3],
      m: { x: 'y', '': 'empty key' },
    };
    const decoded = decoderFor(schema).decode(writerFor(schema).toBuffer(value));
    expect(decoded).toEqual({
      recordName: 'test.All',
      value: { ...value, bytes: 'AAEC+g==', fx: Buffer.from('abcd').toString('base64') },
    });
    // Plain objects, not avsc record instances: safe to serialize, clone and spread.
    expect(Object.getPrototypeOf(decoded.value)).toBe(Object.prototype);
  });

  it('keeps longs exact: numbers up to 2^53, decimal strings beyond', () => {
    const decoder = decoderFor('long');
    const cases: [bigint, number | string][] = [
      [0n, 0],
      [-1n, -1],
      [2n ** 31n, 2 ** 31],
      [2n ** 48n - 1n, 2 ** 48 - 1],
      [BigInt(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER],
      [BigInt(Number.MIN_SAFE_INTEGER), Number.MIN_SAFE_INTEGER],
      [2n ** 53n, '9007199254740992'],
      [2n ** 53n + 1n, '9007199254740993'],
      [-(2n ** 53n) - 1n, '-9007199254740993'],
      [2n ** 63n - 1n, '9223372036854775807'],
      [-(2n ** 63n), '-9223372036854775808'],
    ];
    for (const [long, expected] of cases)
      expect(decoder.decode(longBytes(long)).value, String(long)).toEqual(expected);
  });

  it('round-trips random longs of every magnitude exactly', () => {
    const decoder = decoderFor('long');
    const rng = createRng('avro-longs');
    for (let i = 0; i < 5000; i++) {
      const bits = BigInt(rng.int(1, 64));
      const magnitude = (BigInt(rng.uint32()) << 32n) | BigInt(rng.uint32());
      const long = BigInt.asIntN(64, magnitude & ((1n << bits) - 1n)) * (rng.int(0, 1) ? -1n : 1n);
      const clamped = BigInt.asIntN(64, long);
      const safe = clamped <= BigInt(Number.MAX_SAFE_INTEGER) && clamped >= BigInt(Number.MIN_SAFE_INTEGER);
      expect(decoder.decode(longBytes(clamped)).value, String(clamped)).toEqual(
        safe ? Number(clamped) : clamped.toString(),
      );
    }
  });

  it('turns NaN and infinities into strings, since JSON has none', () => {
    const schema = { type: 'array', items: 'double' };
    expect(
      decoderFor(schema).decode(writerFor(schema).toBuffer([Number.NaN, Infinity, -Infinity, 2.5])).value,
    ).toEqual(['NaN', 'Infinity', '-Infinity', 2.5]);
  });

  it('reads arrays and maps written in several blocks, with and without block sizes', () => {
    // Blocks: count 2 [1, 2], count -1 with byte size 1 [3], end.
    const bytes = Buffer.from([0x04, 0x02, 0x04, 0x01, 0x02, 0x06, 0x00]);
    expect(decoderFor({ type: 'array', items: 'int' }).decode(bytes).value).toEqual([1, 2, 3]);
  });

  it('reads arrays of values that take no bytes, a record of two nulls among them', () => {
    const schema = {
      type: 'record',
      name: 'Outer',
      fields: [
        {
          name: 'items',
          type: {
            type: 'array',
            items: {
              type: 'record',
              name: 'Empty',
              fields: [
                { name: 'a', type: 'null' },
                { name: 'b', type: 'null' },
              ],
            },
          },
        },
      ],
    };
    const value = {
      items: [
        { a: null, b: null },
        { a: null, b: null },
        { a: null, b: null },
      ],
    };
    expect(decoderFor(schema).decode(writerFor(schema).toBuffer(value)).value).toEqual(value);
  });

  it('makes a map key "__proto__" an own property, not a prototype change', () => {
    const schema = { type: 'map', values: 'int' };
    const value = decoderFor(schema).decode(writerFor(schema).toBuffer({ ['__proto__']: 1, a: 2 }))
      .value as Record<string, number>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(JSON.stringify(value)).toBe('{"__proto__":1,"a":2}');
  });
});

describe('Avro unions', () => {
  const schema = {
    type: 'record',
    name: 'Envelope',
    namespace: 'com.acme',
    fields: [
      { name: 'maybe', type: ['null', 'string'], default: null },
      { name: 'number', type: ['int', 'long', 'double'] },
      {
        name: 'payload',
        type: [
          { type: 'record', name: 'Placed', fields: [{ name: 'by', type: 'string' }] },
          { type: 'record', name: 'Cancelled', fields: [{ name: 'reason', type: 'string' }] },
        ],
      },
    ],
  };

  it('unwraps every branch to its value', () => {
    const writer = writerFor(schema);
    const decoder = decoderFor(schema);
    expect(
      decoder.decode(
        writer.toBuffer({ maybe: null, number: { int: 1 }, payload: { 'com.acme.Placed': { by: 'ann' } } }),
      ).value,
    ).toEqual({
      maybe: null,
      number: 1,
      payload: { by: 'ann' },
    });
    expect(
      decoder.decode(
        writer.toBuffer({
          maybe: { string: 'x' },
          number: { double: 2.5 },
          payload: { 'com.acme.Cancelled': { reason: 'late' } },
        }),
      ).value,
    ).toEqual({
      maybe: 'x',
      number: 2.5,
      payload: { reason: 'late' },
    });
  });

  it('names the record branch of a top-level union', () => {
    const union = [
      { type: 'record', name: 'Placed', namespace: 'com.acme', fields: [{ name: 'by', type: 'string' }] },
      {
        type: 'record',
        name: 'Cancelled',
        namespace: 'com.acme',
        fields: [{ name: 'reason', type: 'string' }],
      },
    ];
    const bytes = writerFor(union).toBuffer({ 'com.acme.Cancelled': { reason: 'late' } });
    const decoded = decoderFor(union).decode(bytes);
    expect(decoded).toEqual({ value: { reason: 'late' }, recordName: 'com.acme.Cancelled' });
    expect(decoderFor(['null', 'string']).decode(Buffer.from([0]))).toEqual({ value: null });
  });

  it('decodes recursive records', () => {
    const list = {
      type: 'record',
      name: 'Node',
      fields: [
        { name: 'v', type: 'int' },
        { name: 'next', type: ['null', 'Node'] },
      ],
    };
    const bytes = writerFor(list).toBuffer({ v: 1, next: { Node: { v: 2, next: null } } });
    expect(decoderFor(list).decode(bytes).value).toEqual({ v: 1, next: { v: 2, next: null } });
  });
});

describe('Avro logical types', () => {
  const record = (fields: unknown[]) => ({ type: 'record', name: 'L', fields });

  it('shows timestamps as ISO-8601, local ones without the zone', () => {
    const schema = record([
      { name: 'millis', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'micros', type: { type: 'long', logicalType: 'timestamp-micros' } },
      { name: 'nanos', type: { type: 'long', logicalType: 'timestamp-nanos' } },
      { name: 'localMillis', type: { type: 'long', logicalType: 'local-timestamp-millis' } },
      { name: 'localMicros', type: { type: 'long', logicalType: 'local-timestamp-micros' } },
      { name: 'before1970', type: { type: 'long', logicalType: 'timestamp-micros' } },
    ]);
    const bytes = Buffer.concat([
      longBytes(1736163831573n),
      longBytes(1736163831573123n),
      longBytes(1736163831573123456n),
      longBytes(1736163831573n),
      longBytes(1736163831573001n),
      longBytes(-1n),
    ]);
    expect(decoderFor(schema).decode(bytes).value).toEqual({
      millis: '2025-01-06T11:43:51.573Z',
      micros: '2025-01-06T11:43:51.573123Z',
      nanos: '2025-01-06T11:43:51.573123456Z',
      localMillis: '2025-01-06T11:43:51.573',
      localMicros: '2025-01-06T11:43:51.573001',
      before1970: '1969-12-31T23:59:59.999999Z',
    });
  });

  it('keeps a timestamp outside the calendar as its number', () => {
    const decoder = decoderFor({ type: 'long', logicalType: 'timestamp-millis' });
    expect(decoder.decode(longBytes(9_000_000_000_000_000n)).value).toBe(9_000_000_000_000_000);
    expect(decoder.decode(longBytes(-9_000_000_000_000_000n)).value).toBe(-9_000_000_000_000_000);
    expect(decoder.decode(longBytes(2n ** 60n)).value).toBe('1152921504606846976');
  });

  it('shows date, time-millis and time-micros', () => {
    const schema = record([
      { name: 'date', type: { type: 'int', logicalType: 'date' } },
      { name: 'epoch', type: { type: 'int', logicalType: 'date' } },
      { name: 'timeMillis', type: { type: 'int', logicalType: 'time-millis' } },
      { name: 'timeMicros', type: { type: 'long', logicalType: 'time-micros' } },
    ]);
    const value = { date: 20094, epoch: -1, timeMillis: 45_296_789, timeMicros: 45_296_789_012 };
    expect(decoderFor(schema).decode(writerFor(schema).toBuffer(value)).value).toEqual({
      date: '2025-01-06',
      epoch: '1969-12-31',
      timeMillis: '12:34:56.789',
      timeMicros: '12:34:56.789012',
    });
  });

  it('shows decimals exactly, from bytes and from fixed', () => {
    const schema = record([
      { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
      { name: 'negative', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 3 } },
      {
        name: 'fixed',
        type: { type: 'fixed', name: 'Dec', size: 8, logicalType: 'decimal', precision: 18, scale: 4 },
      },
      { name: 'whole', type: { type: 'bytes', logicalType: 'decimal', precision: 30 } },
    ]);
    const fixed = Buffer.alloc(8);
    fixed.writeBigInt64BE(-12345678n);
    const value = {
      price: Buffer.from([0x04, 0xd2]), // 1234
      negative: Buffer.from([0xff]), // -1
      fixed,
      whole: Buffer.from('0de0b6b3a7640000', 'hex'), // 10^18
    };
    expect(decoderFor(schema).decode(writerFor(schema).toBuffer(value)).value).toEqual({
      price: '12.34',
      negative: '-0.001',
      fixed: '-1234.5678',
      whole: '1000000000000000000',
    });
    expect(formatDecimal(Buffer.alloc(0), 0, 0, 2)).toBe('0.00');
  });

  it('shows uuids from strings and from fixed(16), and durations', () => {
    const schema = record([
      { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
      { name: 'raw', type: { type: 'fixed', name: 'U', size: 16, logicalType: 'uuid' } },
      { name: 'duration', type: { type: 'fixed', name: 'D', size: 12, logicalType: 'duration' } },
    ]);
    const duration = Buffer.alloc(12);
    duration.writeUInt32LE(1, 0);
    duration.writeUInt32LE(2, 4);
    duration.writeUInt32LE(3000, 8);
    const value = {
      id: '5f9b48df-ce09-4655-ad14-2eb3ec987dc2',
      raw: Buffer.from('5f9b48dfce094655ad142eb3ec987dc2', 'hex'),
      duration,
    };
    expect(decoderFor(schema).decode(writerFor(schema).toBuffer(value)).value).toEqual({
      id: '5f9b48df-ce09-4655-ad14-2eb3ec987dc2',
      raw: '5f9b48df-ce09-4655-ad14-2eb3ec987dc2',
      duration: { months: 1, days: 2, milliseconds: 3000 },
    });
  });

  it('ignores a logical type on the wrong underlying type, as the spec says', () => {
    expect(
      decoderFor({ type: 'string', logicalType: 'timestamp-millis' }).decode(
        writerFor('string').toBuffer('x'),
      ).value,
    ).toBe('x');
    expect(
      decoderFor({ type: 'int', logicalType: 'something-else' }).decode(writerFor('int').toBuffer(7)).value,
    ).toBe(7);
  });
});

describe('Avro named types from references', () => {
  it('resolves a name registered beforehand in the shared registry', () => {
    const registry = {};
    parseAvroSchema(
      JSON.stringify({
        type: 'record',
        name: 'Address',
        namespace: 'com.acme',
        fields: [{ name: 'city', type: 'string' }],
      }),
      registry,
    );
    const schema = {
      type: 'record',
      name: 'Customer',
      namespace: 'com.acme',
      fields: [{ name: 'home', type: 'com.acme.Address' }],
    };
    const bytes = writerFor({
      ...schema,
      fields: [
        {
          name: 'home',
          type: { type: 'record', name: 'Address', fields: [{ name: 'city', type: 'string' }] },
        },
      ],
    }).toBuffer({
      home: { city: 'Ghent' },
    });
    expect(decoderFor(schema, registry).decode(bytes).value).toEqual({ home: { city: 'Ghent' } });
    expect(() => decoderFor(schema)).toThrow(/Address/);
  });
});

describe('Avro garbage', () => {
  const schema = {
    type: 'record',
    name: 'G',
    fields: [
      { name: 's', type: 'string' },
      { name: 'a', type: { type: 'array', items: 'null' } },
      { name: 'm', type: { type: 'map', values: 'long' } },
      { name: 'u', type: ['null', 'int'] },
    ],
  };
  const decoder = decoderFor(schema);

  it('refuses trailing bytes, truncation and impossible values with a reason', () => {
    const good = writerFor(schema).toBuffer({ s: 'ok', a: [null], m: {}, u: null });
    expect(decoder.decode(good).value).toEqual({ s: 'ok', a: [null], m: {}, u: null });
    expect(() => decoder.decode(Buffer.concat([good, Buffer.from([1])]))).toThrow(/left after/);
    expect(() => decoder.decode(good.subarray(0, 2))).toThrow(/ends in the middle/);
    expect(() => decoder.decode(Buffer.from([0x20, 0x61]))).toThrow(AvroDecodeError); // string longer than the payload
    expect(() => decoderFor(['null', 'int']).decode(Buffer.from([0x08]))).toThrow(/branch 4/);
    expect(() => decoderFor({ type: 'enum', name: 'E', symbols: ['A'] }).decode(Buffer.from([0x02]))).toThrow(
      /enum index 1/,
    );
    expect(() => decoderFor('boolean').decode(Buffer.from([0x02]))).toThrow(/0 or 1/);
    expect(() => decoderFor('int').decode(longBytes(2n ** 40n))).toThrow(/32 bits/);
  });

  it('does not allocate what a corrupt block count claims', () => {
    // An array of nulls (zero bytes each) claiming 2^40 items, and a map claiming 2^30 entries.
    expect(() =>
      decoderFor({ type: 'array', items: 'null' }).decode(
        Buffer.concat([longBytes(2n ** 40n), Buffer.from([0])]),
      ),
    ).toThrow(/claims/);
    expect(() =>
      decoderFor({ type: 'map', values: 'int' }).decode(
        Buffer.concat([longBytes(2n ** 30n), Buffer.from([2, 0x61, 0])]),
      ),
    ).toThrow(/claims/);
  });

  it('never throws anything but AvroDecodeError on random bytes, and never hangs', () => {
    const rng = createRng('avro-garbage');
    const started = Date.now();
    for (let i = 0; i < 5000; i++) {
      const bytes = Buffer.alloc(rng.int(0, 40));
      for (let j = 0; j < bytes.length; j++) bytes[j] = rng.int(0, 255);
      try {
        decoder.decode(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(AvroDecodeError);
      }
    }
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
