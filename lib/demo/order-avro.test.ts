import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { generateOrderEvents } from './generate-order-events';
import { decodeOrderEvent, encodeOrderEvent, orderEventAvroType, toWriterValue } from './order-avro';
import { toOrderEventRecord, type OrderEventRecord, type SchemaVersion } from './order-model';
import { orderEventSchema, orderSchemaVersions } from './order-schemas';

const paid: OrderEventRecord = {
  eventId: '6c1e1a35-8d7c-4f00-9a43-0e8f3b3f8a10',
  orderId: 'order-000042',
  type: 'OrderPaid',
  occurredAt: Date.UTC(2025, 1, 10),
  correlationId: 'req-1',
  payload: { paymentId: 'pay-1', amountCents: 4999, method: 'APPLE_PAY', currency: 'USD' },
};

describe('order event schemas', () => {
  it('parse as Avro, one envelope record with a payload union per version', () => {
    for (const v of orderSchemaVersions) {
      const type = orderEventAvroType(v) as avro.types.RecordType;
      expect(type.name).toBe('com.acme.orders.events.OrderEvent');
      expect(type.field('payload')!.type.typeName).toBe('union:wrapped');
    }
  });

  it('evolve backward: every version reads every older one', () => {
    for (const reader of orderSchemaVersions) {
      for (const writer of orderSchemaVersions.filter((w) => w <= reader)) {
        expect(
          () => orderEventAvroType(reader).createResolver(orderEventAvroType(writer)),
          `v${reader} reads v${writer}`,
        ).not.toThrow();
      }
    }
  });

  it('show the three documented changes', () => {
    const fields = (v: SchemaVersion) =>
      (orderEventSchema(v).fields as { name: string }[]).map((f) => f.name);
    expect(fields(1)).not.toContain('correlationId');
    expect(fields(2)).toContain('correlationId');
    const v3 = JSON.stringify(orderEventSchema(3));
    expect(v3).toContain('"name":"postalCode","type":"string","aliases":["zip"]');
    expect(v3).toContain('"APPLE_PAY"');
    expect(JSON.stringify(orderEventSchema(1))).toContain('"default":"OTHER"');
  });

  it('is forward compatible from v1 to v2, but the v3 rename is backward only', () => {
    expect(() => orderEventAvroType(1).createResolver(orderEventAvroType(2))).not.toThrow();
    expect(() => orderEventAvroType(2).createResolver(orderEventAvroType(3))).toThrow(/Address|OrderPlaced/);
  });

  it('lets an old reader of PaymentMethod read the new symbol through the enum default', () => {
    const method = (v: SchemaVersion) => {
      const payload = (orderEventAvroType(v) as avro.types.RecordType).field('payload')!
        .type as avro.types.WrappedUnionType;
      return (payload.types.find((t) => t.name?.endsWith('.OrderPaid')) as avro.types.RecordType).field(
        'method',
      )!.type;
    };
    const bytes = method(3).toBuffer('APPLE_PAY');
    expect(method(1).fromBuffer(bytes, method(1).createResolver(method(3)))).toBe('OTHER');
    expect(method(3).fromBuffer(method(1).toBuffer('PAYPAL'), method(3).createResolver(method(1)))).toBe(
      'PAYPAL',
    );
  });

  it('resolves old events to the latest shape: renamed field and defaults', () => {
    const placed: OrderEventRecord = {
      ...paid,
      type: 'OrderPlaced',
      correlationId: null,
      payload: {
        customerId: 'cust-1',
        shippingAddress: { street: 'Via Roma 1', city: 'Milan', postalCode: '20121', country: 'IT' },
      },
    };
    expect(toWriterValue(placed, 1)).toMatchObject({
      payload: { 'com.acme.orders.events.OrderPlaced': { shippingAddress: { zip: '20121' } } },
    });
    expect(decodeOrderEvent(encodeOrderEvent(placed, 1), 1)).toEqual(placed);
    const v1Paid = {
      ...paid,
      correlationId: null,
      payload: { ...paid.payload, method: 'CARD' as const, currency: 'EUR' },
    };
    const v1Bytes = orderEventAvroType(1).toBuffer({ ...toWriterValue(v1Paid, 1) });
    expect(decodeOrderEvent(v1Bytes, 1)).toEqual(v1Paid);
  });

  it('refuses to write what an old version cannot carry', () => {
    expect(() => encodeOrderEvent(paid, 2)).toThrow(/APPLE_PAY/);
    expect(() => encodeOrderEvent({ ...paid, payload: { ...paid.payload, method: 'CARD' } }, 1)).toThrow(
      /currency/,
    );
  });

  it('round-trips generated events of every version', () => {
    for (const e of generateOrderEvents({ seed: 9, events: 400 })) {
      expect(decodeOrderEvent(encodeOrderEvent(e, e.schemaVersion), e.schemaVersion)).toEqual(
        toOrderEventRecord(e),
      );
    }
  });
});
