import { describe, expect, it } from 'vitest';
import { encodeOrderEvent, generateOrderEvents, orderEventSchema, toOrderEventRecord } from '@/lib/demo';
import { compileAvro, createAvroResolution, ResolutionError } from './resolve-avro';

const schemaText = (v: 1 | 2 | 3) => JSON.stringify(orderEventSchema(v));
const events = generateOrderEvents({ seed: 42, events: 2_000 });

describe('createAvroResolution', () => {
  it('reads v1 and v2 demo events as v3: zip renamed to postalCode, currency defaulted, correlationId null', () => {
    const reader = compileAvro(schemaText(3));
    const v1 = events.find((e) => e.schemaVersion === 1 && e.type === 'OrderPlaced')!;
    const resolved = createAvroResolution(reader, compileAvro(schemaText(1))).read(
      encodeOrderEvent(toOrderEventRecord(v1), 1),
    ) as Record<string, unknown>;
    expect(resolved).toMatchObject({
      orderId: v1.orderId,
      type: 'OrderPlaced',
      correlationId: null,
      payload: { customerId: (v1.payload as { customerId: string }).customerId },
    });
    expect((resolved.payload as { shippingAddress: Record<string, string> }).shippingAddress).toEqual(
      (v1.payload as { shippingAddress: unknown }).shippingAddress,
    );
    const paid = events.find((e) => e.schemaVersion === 1 && e.type === 'OrderPaid')!;
    const r2 = createAvroResolution(reader, compileAvro(schemaText(1))).read(
      encodeOrderEvent(toOrderEventRecord(paid), 1),
    ) as { payload: Record<string, unknown> };
    expect(r2.payload.currency).toBe('EUR');
  });

  it('reads with the decoder’s JSON conventions (timestamps as ISO strings)', () => {
    const reader = compileAvro(schemaText(3));
    const e = events.find((x) => x.schemaVersion === 2)!;
    const resolved = createAvroResolution(reader, compileAvro(schemaText(2))).read(
      encodeOrderEvent(toOrderEventRecord(e), 2),
    ) as Record<string, unknown>;
    expect(resolved.occurredAt).toBe(new Date(e.occurredAt).toISOString());
    expect(resolved.eventId).toBe(e.eventId);
  });

  it('says so when a reader cannot read a writer', () => {
    // A v1 reader does not know the alias, so it cannot read v3's postalCode.
    expect(() => createAvroResolution(compileAvro(schemaText(1)), compileAvro(schemaText(3)))).toThrow(
      ResolutionError,
    );
    const strict = compileAvro(
      JSON.stringify({ type: 'record', name: 'A', fields: [{ name: 'x', type: 'int' }] }),
    );
    const other = compileAvro(
      JSON.stringify({ type: 'record', name: 'A', fields: [{ name: 'y', type: 'string' }] }),
    );
    expect(() => createAvroResolution(strict, other)).toThrow(/cannot read/);
  });
});
