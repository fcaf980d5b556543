import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { orderEventSchema } from '@/lib/demo/order-schemas';
import { decodeConfluentFrame } from '@/lib/serde/wire-format';
import { avroValueFromJson, compileAvroType } from './avro-json';
import { avroTemplate } from './avro-template';
import { encodeValue, parseJsonText } from './encode-value';

const paymentSchema = {
  type: 'record',
  name: 'PaymentEvent',
  namespace: 'it.pay',
  fields: [
    { name: 'id', type: 'string' },
    {
      name: 'payload',
      type: {
        type: 'record',
        name: 'Payment',
        fields: [
          { name: 'amount', type: 'double' },
          { name: 'currency', type: 'string', default: 'EUR' },
          { name: 'method', type: { type: 'enum', name: 'Method', symbols: ['CARD', 'CASH'] } },
          { name: 'note', type: ['null', 'string'], default: null },
          { name: 'tags', type: { type: 'array', items: 'string' }, default: [] },
          { name: 'attributes', type: { type: 'map', values: 'long' }, default: {} },
          { name: 'checksum', type: { type: 'fixed', name: 'Checksum', size: 2 }, default: '\u0000\u0000' },
        ],
      },
    },
  ],
};
const paymentType = compileAvroType(paymentSchema);
const valid = { id: 'p-1', payload: { amount: 12.5, method: 'CARD' } };

describe('JSON to Avro, field by field', () => {
  it('fills defaults and encodes what avsc decodes back', () => {
    const result = avroValueFromJson(paymentType, valid);
    expect(result.ok).toBe(true);
    const bytes = paymentType.toBuffer((result as { value: unknown }).value);
    const back = paymentType.fromBuffer(bytes) as { payload: Record<string, unknown> };
    expect(back.payload).toMatchObject({
      amount: 12.5,
      currency: 'EUR',
      method: 'CARD',
      note: null,
      tags: [],
      attributes: {},
    });
  });

  it('names each wrong field with the type it expected', () => {
    const result = avroValueFromJson(paymentType, {
      id: 7,
      payload: { amount: 'abc', method: 'BITCOIN', tags: ['a', 2], attributes: { x: 1.5 } },
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'id', message: 'expected string, got 7' },
        { path: 'payload.amount', message: 'expected double, got "abc"' },
        { path: 'payload.method', message: 'expected one of CARD, CASH (enum Method), got "BITCOIN"' },
        { path: 'payload.tags[1]', message: 'expected string, got 2' },
        { path: 'payload.attributes.x', message: 'expected long, got 1.5' },
      ],
    });
  });

  it('says which required field is missing and which is unknown', () => {
    const result = avroValueFromJson(paymentType, { payload: { amount: 1, method: 'CASH', colour: 'red' } });
    expect(result.ok).toBe(false);
    expect((result as { errors: unknown[] }).errors).toEqual([
      { path: 'payload.colour', message: 'unknown field of record Payment' },
      { path: 'id', message: 'missing (expected string)' },
    ]);
  });

  it('takes unions plainly or in Avro JSON encoding, and says so when no branch fits', () => {
    for (const note of ['hello', { string: 'hello' }]) {
      const result = avroValueFromJson(paymentType, { ...valid, payload: { ...valid.payload, note } });
      expect(result.ok).toBe(true);
      const back = paymentType.fromBuffer(paymentType.toBuffer((result as { value: unknown }).value)) as {
        payload: { note: unknown };
      };
      expect(back.payload.note).toEqual({ string: 'hello' });
    }
    const wrong = avroValueFromJson(paymentType, { ...valid, payload: { ...valid.payload, note: 5 } });
    expect(wrong).toEqual({
      ok: false,
      errors: [{ path: 'payload.note', message: 'expected null or string, got 5' }],
    });
  });

  it('reads bytes and fixed as strings of code points 0-255', () => {
    const ok = avroValueFromJson(paymentType, {
      ...valid,
      payload: { ...valid.payload, checksum: '\u00ff\u0001' },
    });
    expect(ok.ok).toBe(true);
    const bad = avroValueFromJson(paymentType, { ...valid, payload: { ...valid.payload, checksum: 'abc' } });
    expect(bad).toEqual({
      ok: false,
      errors: [{ path: 'payload.checksum', message: 'expected fixed Checksum (2 bytes), got 3 bytes' }],
    });
  });

  describe('the demo order events (a union of record payloads)', () => {
    const v3 = compileAvroType(orderEventSchema(3));
    const event = {
      eventId: '4b8e3a59-6f2c-4d8e-9c1a-2f6d1e0b7a11',
      orderId: 'order-42',
      type: 'OrderPaid',
      occurredAt: 1_735_689_600_000,
      payload: { paymentId: 'pay-1', amountCents: 1999, method: 'APPLE_PAY', currency: 'USD' },
    };

    it('picks the payload branch from a plain object', () => {
      const result = avroValueFromJson(v3, event);
      expect(result.ok).toBe(true);
      const decoded = avro.Type.forSchema(orderEventSchema(3) as avro.Schema, {
        wrapUnions: true,
      }).fromBuffer(v3.toBuffer((result as { value: unknown }).value)) as {
        payload: Record<string, unknown>;
      };
      expect(Object.keys(decoded.payload)).toEqual(['com.acme.orders.events.OrderPaid']);
    });

    it('accepts the branch by its short name and reports errors inside it', () => {
      const result = avroValueFromJson(v3, {
        ...event,
        payload: { OrderPaid: { paymentId: 'pay-1', amountCents: 'abc', method: 'CARD' } },
      });
      expect(result).toEqual({
        ok: false,
        errors: [{ path: 'payload.amountCents', message: 'expected long, got "abc"' }],
      });
    });

    it('reports the field errors of the closest branch of a plain object', () => {
      const result = avroValueFromJson(v3, {
        ...event,
        payload: { paymentId: 'pay-1', amountCents: 'abc', method: 'CARD' },
      });
      expect(result).toEqual({
        ok: false,
        errors: [{ path: 'payload.amountCents', message: 'expected long, got "abc"' }],
      });
    });

    it('points at a field renamed by a later version', () => {
      const placed = {
        ...event,
        type: 'OrderPlaced',
        payload: {
          customerId: 'c-1',
          shippingAddress: { street: 's', city: 'c', zip: '123', country: 'DE' },
        },
      };
      const result = avroValueFromJson(v3, { ...placed, payload: { OrderPlaced: placed.payload } });
      expect(result.ok).toBe(false);
      expect((result as { errors: unknown[] }).errors).toContainEqual({
        path: 'payload.shippingAddress.zip',
        message: 'unknown field; this schema version calls it "postalCode"',
      });
      expect((result as { errors: unknown[] }).errors).toContainEqual({
        path: 'payload.shippingAddress.postalCode',
        message: 'missing (expected string)',
      });
    });

    it('starts from a template that is a valid event once filled', () => {
      const template = avroTemplate(orderEventSchema(3)) as Record<string, unknown>;
      expect(template).toMatchObject({
        eventId: '',
        orderId: '',
        type: 'OrderPlaced',
        occurredAt: 0,
        correlationId: null,
        payload: { customerId: '', shippingAddress: { street: '', city: '', postalCode: '', country: '' } },
      });
      expect(avroValueFromJson(v3, template).ok).toBe(true);
    });
  });
});

describe('encoding a value', () => {
  it('frames Avro with the schema id', () => {
    const result = encodeValue(JSON.stringify(valid), {
      encoding: 'avro',
      schemaId: 4242,
      type: paymentType,
    });
    expect(result.ok).toBe(true);
    const frame = decodeConfluentFrame((result as { bytes: Buffer }).bytes);
    expect(frame).toMatchObject({ ok: true, schemaId: 4242 });
    expect(paymentType.fromBuffer((frame as { payload: Buffer }).payload)).toMatchObject({ id: 'p-1' });
  });

  it('sends JSON compact and text as typed', () => {
    expect(encodeValue('{ "a" : [1, 2] }', { encoding: 'json' })).toEqual({
      ok: true,
      bytes: Buffer.from('{"a":[1,2]}'),
    });
    // 64-bit ids go out exactly as typed, not rounded to the nearest double.
    expect(encodeValue('{"id": 9007199254740993}', { encoding: 'json' })).toEqual({
      ok: true,
      bytes: Buffer.from('{"id":9007199254740993}'),
    });
    expect(encodeValue('  héllo\n', { encoding: 'text' })).toEqual({
      ok: true,
      bytes: Buffer.from('  héllo\n', 'utf8'),
    });
  });

  it('says where JSON is broken, and that an empty value is not JSON', () => {
    const broken = parseJsonText('{\n  "a": 1,\n  "b": }');
    expect(broken.ok).toBe(false);
    expect((broken as { error: { message: string } }).error.message).toBe(
      'not valid JSON at line 3, column 8: expected a value, found "}"',
    );
    expect((parseJsonText('{"a": 1') as { error: { message: string } }).error.message).toBe(
      "not valid JSON at line 1, column 8: expected ',' or '}', the text ends",
    );
    expect((parseJsonText("{'a': 1}") as { error: { message: string } }).error.message).toContain(
      'expected a property name in double quotes',
    );
    expect((parseJsonText('[1, 2] x') as { error: { message: string } }).error.message).toContain(
      'expected the end of the value, found "x"',
    );
    expect(encodeValue('  ', { encoding: 'json' })).toEqual({
      ok: false,
      errors: [{ path: '', message: 'the value is empty; write a JSON value' }],
    });
    expect(encodeValue('{', { encoding: 'avro', schemaId: 1, type: paymentType }).ok).toBe(false);
  });
});
