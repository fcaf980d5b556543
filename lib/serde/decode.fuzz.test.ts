import avro from 'avsc';
import fc from 'fast-check';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import type { RawRecord } from '@/lib/kafka/records';
import { FUZZ_RUNS, MAX_MS_PER_INPUT, mutated, timed } from '@/lib/testing/fuzz';
import { createDecoderWith } from './decode-message';
import { encodeMessageIndexes } from './message-indexes';
import { SchemaDecoderCache } from './schema-decoders';
import type { RegistrySchema, SchemaSource } from './schema-source';
import { encodeConfluentFrame } from './wire-format';

/**
 * The wire-format decoder (Confluent framing, Protobuf message indexes, then Avro, JSON Schema,
 * Protobuf, JSON, text or hex) on random bytes and on valid frames with a few bytes changed:
 * it must always answer with a decoded message (a bad payload is an `error` part, never an
 * exception), fast, whatever the bytes. `decodeSync` is called, not `decode`, because `decode`
 * has a last-resort catch that would hide a throw.
 */

const avroSchema = {
  type: 'record',
  name: 'OrderEvent',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'long' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'attributes', type: { type: 'map', values: ['null', 'double', 'string'] } },
    {
      name: 'line',
      type: [
        'null',
        {
          type: 'record',
          name: 'Line',
          fields: [
            { name: 'sku', type: 'string' },
            { name: 'qty', type: 'int' },
          ],
        },
      ],
    },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] } },
    { name: 'blob', type: 'bytes' },
  ],
};
const protoText =
  'syntax = "proto3"; package fz; message Order { string id = 1; int64 big = 2; repeated Line lines = 3; bytes blob = 4; message Line { string sku = 1; sint32 qty = 2; } }';

const schemas = new Map<number, RegistrySchema>([
  [1, { schemaType: 'AVRO', schema: JSON.stringify(avroSchema), references: [] }],
  [2, { schemaType: 'JSON', schema: '{"type":"object"}', references: [] }],
  [3, { schemaType: 'PROTOBUF', schema: protoText, references: [] }],
]);

class UnknownSchema extends Error {
  readonly code = 'UNKNOWN_SCHEMA';
}

const source: SchemaSource = {
  getSchemaById: async (id) => {
    const s = schemas.get(id);
    if (!s) throw new UnknownSchema(`schema ${id} not found`);
    return s;
  },
  getSubjectVersion: async () => {
    throw new UnknownSchema('no subjects here');
  },
};

const avroType = avro.Type.forSchema(avroSchema as avro.Schema, { wrapUnions: true });
const protoOrder = protobuf.parse(protoText, { keepCase: true }).root.lookupType('fz.Order');

const avroFrame = fc
  .record({
    id: fc.string({ maxLength: 12 }),
    amount: fc.integer(),
    tags: fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
    n: fc.double({ noNaN: true }),
    qty: fc.integer({ min: -1000, max: 1000 }),
    paid: fc.boolean(),
    blob: fc.uint8Array({ maxLength: 8 }),
  })
  .map((v) => {
    const value = {
      id: v.id,
      amount: v.amount,
      tags: v.tags,
      attributes: { n: { double: v.n }, s: { string: v.id } },
      line: { Line: { sku: v.id, qty: v.qty } },
      status: v.paid ? 'PAID' : 'NEW',
      blob: Buffer.from(v.blob),
    };
    return new Uint8Array(encodeConfluentFrame(1, avroType.toBuffer(value)));
  });

const jsonFrame = fc
  .jsonValue({ maxDepth: 4 })
  .map((v) => new Uint8Array(encodeConfluentFrame(2, Buffer.from(JSON.stringify(v) ?? 'null'))));

const protoFrame = fc
  .record({
    id: fc.string({ maxLength: 10 }),
    big: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
    qty: fc.integer({ min: -1000, max: 1000 }),
  })
  .map((v) => {
    const payload = protoOrder
      .encode(
        protoOrder.fromObject({
          id: v.id,
          big: v.big.toString(),
          lines: [{ sku: v.id, qty: v.qty }],
          blob: Buffer.from(v.id),
        }),
      )
      .finish();
    return new Uint8Array(encodeConfluentFrame(3, Buffer.concat([encodeMessageIndexes([0]), payload])));
  });

const unframed = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }).map((v) => new Uint8Array(Buffer.from(JSON.stringify(v) ?? 'null'))),
  fc.string({ maxLength: 64 }).map((s) => new Uint8Array(Buffer.from(s))),
);

const anyBytes = fc.oneof(
  { weight: 4, arbitrary: mutated(fc.oneof(avroFrame, jsonFrame, protoFrame, unframed)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }) },
  // Framed for one of the known ids, then random: the schema decoders see garbage payloads.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(1, 2, 3), fc.uint8Array({ maxLength: 128 }))
      .map(([id, rest]) => new Uint8Array(encodeConfluentFrame(id, rest))),
  },
);

const record = (key: Uint8Array | null, value: Uint8Array | null): RawRecord => ({
  partition: 0,
  offset: 1n,
  timestamp: 0,
  timestampType: 'create',
  key: key && Buffer.from(key),
  value: value && Buffer.from(value),
  headers: [],
  compression: 'none',
  transactional: false,
});

describe('wire-format decoder under fuzzing', () => {
  it(`always answers, never throws, and takes under ${MAX_MS_PER_INPUT} ms, on ${FUZZ_RUNS} random and mutated messages`, async () => {
    const decoder = createDecoderWith(new SchemaDecoderCache(source));
    // Compile the three schemas first, so that the timing below is of decoding, not of compiling.
    for (const id of [1, 2, 3])
      await decoder.decode('fz', record(null, encodeConfluentFrame(id, Buffer.alloc(0))));
    let slowest = 0;
    const formats = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.option(anyBytes, { nil: null }), anyBytes, async (key, value) => {
        const ms = await timed(async () => {
          const message = await decoder.decodeSync('fz', record(key, value));
          formats.add(message.value.format);
          // The API serialises every message: that must work for whatever came out.
          JSON.stringify(message);
        });
        slowest = Math.max(slowest, ms);
        return ms < MAX_MS_PER_INPUT;
      }),
      { numRuns: FUZZ_RUNS, seed: 10 },
    );
    expect(slowest).toBeLessThan(MAX_MS_PER_INPUT);
    // The inputs reached every kind of decoder, good and bad outcomes alike.
    expect([...formats].sort()).toEqual(
      expect.arrayContaining(['avro', 'error', 'json', 'json-schema', 'protobuf', 'text', 'binary']),
    );
  }, 300_000);
});
