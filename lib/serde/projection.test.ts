import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '@/lib/demo/prng';
import { AvroDecodeError, avroDepthBound, createAvroDecoder, parseAvroSchema } from './avro';
import { MAX_VALUE_DEPTH, nestsDeeperThan } from './nesting-depth';
import { projectionOfPaths } from './projection';

const writerFor = (schema: unknown) => avro.Type.forSchema(schema as avro.Schema, { wrapUnions: true });

/** Every kind of field, nested, so each skipper steps over real bytes before a read field. */
const schema = {
  type: 'record',
  name: 'Event',
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
    { name: 'ts', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'type', type: 'string' },
    {
      name: 'payload',
      type: [
        'null',
        {
          type: 'record',
          name: 'Paid',
          fields: [
            { name: 'note', type: 'string' },
            { name: 'amountCents', type: 'long' },
            {
              name: 'lines',
              type: {
                type: 'array',
                items: { type: 'record', name: 'Line', fields: [{ name: 'sku', type: 'string' }] },
              },
            },
          ],
        },
      ],
    },
    { name: 'tail', type: 'string' },
  ],
};

function sample(r: Rng, i: number) {
  const rng = () => r.next();
  return {
    n: null,
    b: rng() < 0.5,
    i: Math.floor(rng() * 2 ** 31) * (rng() < 0.5 ? -1 : 1),
    l: Math.floor(rng() * 2 ** 52),
    f: 1.5,
    d: rng(),
    bytes: Buffer.from([i & 0xff, 1, 2]),
    s: 'x'.repeat(i % 7),
    fx: Buffer.from([1, 2, 3, 4]),
    e: rng() < 0.5 ? 'RED' : 'GREEN',
    a: Array.from({ length: i % 5 }, (_, k) => k * i),
    m: Object.fromEntries(Array.from({ length: i % 3 }, (_, k) => [`k${k}`, `v${i}`])),
    ts: 1_700_000_000_000 + i,
    type: i % 3 === 0 ? 'OrderPaid' : 'OrderPlaced',
    payload:
      i % 4 === 0
        ? null
        : { 'test.Paid': { note: `n${i}`, amountCents: i * 1000, lines: [{ sku: `s${i}` }] } },
    tail: `t${i}`,
  };
}

describe('projected Avro reading', () => {
  const type = parseAvroSchema(JSON.stringify(schema));
  const full = createAvroDecoder(type);
  const writer = writerFor(schema);
  const rng = createRng(7);
  const payloads = Array.from({ length: 300 }, (_, i) => writer.toBuffer(sample(rng, i)));

  it('keeps exactly the named fields, with the values the full reader gives them', () => {
    const projection = projectionOfPaths([['type'], ['payload', 'amountCents'], ['tail']])!;
    const projected = createAvroDecoder(type, projection);
    for (const payload of payloads) {
      const whole = full.decode(payload).value as Record<string, unknown>;
      const part = projected.decode(payload).value as Record<string, unknown>;
      expect(Object.keys(part)).toEqual(['type', 'payload', 'tail']);
      expect(part.type).toBe(whole.type);
      expect(part.tail).toBe(whole.tail);
      const payloadWhole = whole.payload as Record<string, unknown> | null;
      expect(part.payload).toEqual(payloadWhole === null ? null : { amountCents: payloadWhole.amountCents });
    }
  });

  it('reads a field whole below a leaf and below an array index', () => {
    const projected = createAvroDecoder(type, projectionOfPaths([['payload'], ['a', 0]])!);
    for (const payload of payloads.slice(0, 50)) {
      const whole = full.decode(payload).value as Record<string, unknown>;
      expect(projected.decode(payload).value).toEqual({ a: whole.a, payload: whole.payload });
    }
  });

  it('refuses a payload the full reader refuses, even where the fault is in a skipped field', () => {
    const projected = createAvroDecoder(type, projectionOfPaths([['tail']])!);
    const good = payloads[5]!;
    // A boolean of 2 (second byte: `n` is null and takes none) and a cut-short payload.
    const badBoolean = Buffer.from(good);
    badBoolean[0] = 2;
    for (const bad of [
      badBoolean,
      good.subarray(0, good.length - 3),
      Buffer.concat([good, Buffer.from([0])]),
    ]) {
      expect(() => full.decode(bad)).toThrow(AvroDecodeError);
      expect(() => projected.decode(bad)).toThrow(AvroDecodeError);
    }
  });

  it('keeps longs beyond 2^53 exact when projected', () => {
    const longSchema = {
      type: 'record',
      name: 'L',
      fields: [
        { name: 'skipped', type: 'string' },
        { name: 'l', type: 'long' },
      ],
    };
    const projected = createAvroDecoder(
      parseAvroSchema(JSON.stringify(longSchema)),
      projectionOfPaths([['l']])!,
    );
    // 2^62 + 3, zigzag-encoded by hand (avsc writes longs as doubles).
    let z = (2n ** 62n + 3n) << 1n;
    const bytes: number[] = [2, 0x61];
    while (z >= 0x80n) {
      bytes.push(Number(z & 0x7fn) | 0x80);
      z >>= 7n;
    }
    bytes.push(Number(z));
    expect(projected.decode(Buffer.from(bytes)).value).toEqual({ l: (2n ** 62n + 3n).toString() });
  });
});

describe('projection and the depth of a value', () => {
  /** A linked list: each node one union and one record deeper. */
  const listSchema = {
    type: 'record',
    name: 'Node',
    fields: [
      { name: 'label', type: 'string' },
      { name: 'next', type: ['null', 'Node'] },
    ],
  };
  const list = parseAvroSchema(JSON.stringify(listSchema));
  const writer = writerFor(listSchema);
  const chain = (n: number): unknown => {
    let node: unknown = null;
    for (let i = 0; i < n; i++) node = { label: `n${i}`, next: node === null ? null : { Node: node } };
    return node;
  };

  it('bounds the depth of a schema, and finds no bound for a recursive one', () => {
    expect(avroDepthBound(parseAvroSchema(JSON.stringify(schema)))).toBeLessThan(MAX_VALUE_DEPTH);
    expect(avroDepthBound(parseAvroSchema('"string"'))).toBe(1);
    expect(avroDepthBound(list)).toBe(Infinity);
  });

  it('reads a recursive value whole, so a filter sees the depth that makes it "too deep"', () => {
    const projected = createAvroDecoder(list, projectionOfPaths([['label']])!);
    const deep = writer.toBuffer(chain(MAX_VALUE_DEPTH + 5));
    const value = projected.decode(deep).value;
    expect(value).toEqual(createAvroDecoder(list).decode(deep).value);
    expect(nestsDeeperThan(value)).toBe(true);
  });

  it('still leaves out the fields a filter does not name where the depth is bounded', () => {
    const type = parseAvroSchema(JSON.stringify(schema));
    const payload = writerFor(schema).toBuffer(sample(createRng(3), 1));
    const value = createAvroDecoder(type, projectionOfPaths([['type']])!).decode(payload).value;
    expect(value).toEqual({ type: 'OrderPlaced' });
  });
});

describe('projectionOfPaths', () => {
  it('merges paths, widens to a whole field, and gives up on the whole value', () => {
    expect(projectionOfPaths([['payload', 'amountCents'], ['payload'], ['type']])!.tree).toEqual({
      payload: true,
      type: true,
    });
    expect(projectionOfPaths([['b', 'y'], ['a']])!.key).toBe(projectionOfPaths([['a'], ['b', 'y']])!.key);
    expect(projectionOfPaths([['type'], []])).toBeNull();
  });
});
