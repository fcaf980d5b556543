import { describe, expect, it } from 'vitest';
import { orderEventSchema } from '@/lib/demo/order-schemas';
import { compareSchemas, verdictsForCandidate, type SchemaText } from './compare';
import { SchemaParseError } from './types';

const orders = (v: 1 | 2 | 3): SchemaText => ({
  schemaType: 'AVRO',
  schema: JSON.stringify(orderEventSchema(v)),
  label: `v${v}`,
});

describe('compareSchemas on the demo orders-value versions', () => {
  it('v1 → v3: the additions of v2, the rename and the new symbol of v3, at their paths', () => {
    const { changes, backward, forward } = compareSchemas(orders(1), orders(3));
    const byPath = Object.fromEntries(changes.map((c) => [`${c.kind} ${c.path}`, c.message]));
    expect(Object.keys(byPath)).toEqual(
      expect.arrayContaining([
        'field-added /correlationId',
        'field-added /payload/OrderPaid/currency',
        'field-renamed /payload/OrderPlaced/shippingAddress/postalCode',
        'enum-symbol-added /payload/OrderPaid/method',
      ]),
    );
    expect(backward).toEqual({ compatible: true, problems: [] });
    // The alias lives in v3 only, so a v1 reader still wants `zip`.
    expect(forward.compatible).toBe(false);
    // Address is reached through two branches of the payload union; each is a way the read fails.
    expect(forward.problems).toEqual([
      expect.objectContaining({
        rule: 'READER_FIELD_MISSING_DEFAULT_VALUE',
        path: '/payload/OrderPlaced/shippingAddress/zip',
        unionBranch: 'OrderPlaced',
      }),
      expect.objectContaining({
        rule: 'READER_FIELD_MISSING_DEFAULT_VALUE',
        path: '/payload/AddressChanged/address/zip',
        unionBranch: 'AddressChanged',
      }),
    ]);
    expect(forward.problems[0]!.hint).toContain('give `zip` a default in v1');
  });

  it('names the missing enum symbol in the hint', () => {
    const before = {
      type: 'record',
      name: 'E',
      fields: [{ name: 's', type: { type: 'enum', name: 'S', symbols: ['PAID', 'REFUNDED'] } }],
    };
    const after = {
      type: 'record',
      name: 'E',
      fields: [{ name: 's', type: { type: 'enum', name: 'S', symbols: ['PAID'] } }],
    };
    const { backward } = compareSchemas(
      { schemaType: 'AVRO', schema: JSON.stringify(before), label: 'v1' },
      { schemaType: 'AVRO', schema: JSON.stringify(after), label: 'v2' },
    );
    expect(backward.problems).toEqual([
      expect.objectContaining({ path: '/s', rule: 'MISSING_ENUM_SYMBOLS' }),
    ]);
    expect(backward.problems[0]!.hint).toBe('keep the symbol `REFUNDED` in v2, or give enum S a default');
  });

  it('says why a text is not an Avro schema', () => {
    expect(() =>
      compareSchemas(orders(1), {
        schemaType: 'AVRO',
        schema: '{"type":"record","name":"X","fields":[{"name":"a","type":"Nope"}]}',
        label: 'the draft',
      }),
    ).toThrow(
      new SchemaParseError(
        'the draft is not a valid Avro schema: /a: "Nope" is neither a primitive type nor a named type defined before it',
      ),
    );
    expect(() => compareSchemas(orders(1), { schemaType: 'AVRO', schema: '{', label: 'the draft' })).toThrow(
      /the draft is not a valid Avro schema: the schema is not JSON/,
    );
  });
});

describe('verdictsForCandidate', () => {
  it('separates the last version from the transitive history', () => {
    // v1 has `zip`, v2 too, the candidate drops it without a default anywhere: a v1/v2 reader cannot read it.
    const candidate: SchemaText = { ...orders(3), label: 'the draft' };
    const verdicts = Object.fromEntries(
      verdictsForCandidate([orders(1), orders(2)], candidate).map((v) => [v.level, v]),
    );
    expect(verdicts.BACKWARD!.compatible).toBe(true);
    expect(verdicts.BACKWARD_TRANSITIVE!.compatible).toBe(true);
    expect(verdicts.FORWARD!.compatible).toBe(false);
    expect(new Set(verdicts.FORWARD_TRANSITIVE!.problems.map((p) => p.against))).toEqual(
      new Set(['v1', 'v2']),
    );
    expect(verdicts.FULL!.problems.every((p) => p.against === 'v2' && p.direction === 'forward')).toBe(true);
    expect(verdicts.NONE!.compatible).toBe(true);
  });
});

describe('schema types the console does not analyse', () => {
  it('says so for Protobuf with imports and for a pair of different types, instead of guessing', async () => {
    const { unsupportedReason } = await import('./compare');
    const proto: SchemaText = {
      schemaType: 'PROTOBUF',
      schema: 'syntax = "proto3"; import "common.proto"; message A { string id = 1; }',
      references: ['syntax = "proto3";'],
      label: 'v2',
    };
    expect(unsupportedReason(proto)).toMatch(/^v2 is a Protobuf schema that imports others/);
    expect(unsupportedReason(orders(1), proto)).toMatch(/^v2 is a Protobuf schema that imports others/);
    expect(unsupportedReason(orders(1), { schemaType: 'JSON', schema: '{}', label: 'the draft' })).toBe(
      'v1 is Avro and the draft is JSON Schema: there is no field-by-field comparison across schema types',
    );
    expect(unsupportedReason(orders(1), orders(2))).toBeNull();
    expect(() => compareSchemas(orders(1), proto)).toThrow(SchemaParseError);
  });
});
