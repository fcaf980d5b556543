import type { SchemaVersion } from './order-model';

/**
 * The Avro schemas of the `orders` topic (subject `orders-value`, TopicNameStrategy), one
 * envelope record per version with the event payload as a union of per-type records. The three
 * versions evolve BACKWARD-compatibly, each reader able to read every older writer:
 *
 * - v1  the envelope { eventId, orderId, type, occurredAt, payload }.
 * - v2  adds fields with defaults: `OrderEvent.correlationId` (nullable, default null) and
 *       `OrderPaid.currency` (default "EUR").
 * - v3  renames `Address.zip` to `postalCode` (the new name carries `aliases: ["zip"]`) and adds
 *       the `APPLE_PAY` symbol to `PaymentMethod`, whose default "OTHER" (there since v1) lets an
 *       old reader of PaymentMethod read the new symbol.
 *
 * In the other direction: a v1 reader reads v2 (new fields with defaults are skipped), but not
 * v3, because the alias lives in the new schema only; the rename is backward-compatible only.
 */

export const ORDERS_NAMESPACE = 'com.acme.orders.events';
export const ordersValueSubject = 'orders-value';
export const orderSchemaVersions: readonly SchemaVersion[] = [1, 2, 3];
export const latestOrderSchemaVersion: SchemaVersion = 3;

type AvroSchema = Record<string, unknown>;

function addressSchema(version: SchemaVersion): AvroSchema {
  return {
    type: 'record',
    name: 'Address',
    fields: [
      { name: 'street', type: 'string' },
      { name: 'city', type: 'string' },
      version >= 3
        ? { name: 'postalCode', type: 'string', aliases: ['zip'], doc: 'Called zip before version 3.' }
        : { name: 'zip', type: 'string' },
      { name: 'country', type: 'string', doc: 'ISO 3166-1 alpha-2 code.' },
    ],
  };
}

function paymentMethodSchema(version: SchemaVersion): AvroSchema {
  const symbols = ['CARD', 'PAYPAL', 'BANK_TRANSFER', 'OTHER'];
  if (version >= 3) symbols.push('APPLE_PAY');
  return { type: 'enum', name: 'PaymentMethod', symbols, default: 'OTHER' };
}

function payloadSchemas(version: SchemaVersion): AvroSchema[] {
  const orderPaidFields: unknown[] = [
    { name: 'paymentId', type: 'string' },
    { name: 'amountCents', type: 'long', doc: 'Amount captured by this payment, in minor units.' },
    { name: 'method', type: paymentMethodSchema(version) },
  ];
  if (version >= 2)
    orderPaidFields.push({
      name: 'currency',
      type: 'string',
      default: 'EUR',
      doc: 'ISO 4217 code; EUR before version 2.',
    });
  return [
    {
      type: 'record',
      name: 'OrderPlaced',
      fields: [
        { name: 'customerId', type: 'string' },
        { name: 'shippingAddress', type: addressSchema(version) },
      ],
    },
    {
      type: 'record',
      name: 'ItemAdded',
      fields: [
        {
          name: 'item',
          type: {
            type: 'record',
            name: 'Item',
            fields: [
              { name: 'sku', type: 'string' },
              { name: 'name', type: 'string' },
              { name: 'quantity', type: 'int' },
              { name: 'unitPriceCents', type: 'long' },
            ],
          },
        },
      ],
    },
    { type: 'record', name: 'ItemRemoved', fields: [{ name: 'sku', type: 'string' }] },
    { type: 'record', name: 'AddressChanged', fields: [{ name: 'address', type: 'Address' }] },
    { type: 'record', name: 'OrderPaid', fields: orderPaidFields },
    {
      type: 'record',
      name: 'OrderShipped',
      fields: [
        { name: 'carrier', type: 'string' },
        { name: 'trackingNumber', type: 'string' },
      ],
    },
    { type: 'record', name: 'OrderCancelled', fields: [{ name: 'reason', type: 'string' }] },
  ];
}

/** The `orders-value` schema of one version, as a JSON object (register it with JSON.stringify). */
export function orderEventSchema(version: SchemaVersion): AvroSchema {
  const fields: unknown[] = [
    { name: 'eventId', type: { type: 'string', logicalType: 'uuid' } },
    { name: 'orderId', type: 'string', doc: 'The aggregate id; also the record key.' },
    {
      name: 'type',
      type: {
        type: 'enum',
        name: 'OrderEventType',
        symbols: [
          'OrderPlaced',
          'ItemAdded',
          'ItemRemoved',
          'AddressChanged',
          'OrderPaid',
          'OrderShipped',
          'OrderCancelled',
        ],
      },
    },
    { name: 'occurredAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
  ];
  if (version >= 2) fields.push({ name: 'correlationId', type: ['null', 'string'], default: null });
  fields.push({ name: 'payload', type: payloadSchemas(version) });
  return {
    type: 'record',
    name: 'OrderEvent',
    namespace: ORDERS_NAMESPACE,
    doc: 'One event of an order aggregate.',
    fields,
  };
}

export const orderEventSchemaV1 = orderEventSchema(1);
export const orderEventSchemaV2 = orderEventSchema(2);
export const orderEventSchemaV3 = orderEventSchema(3);
