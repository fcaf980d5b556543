import avro from 'avsc';
import type { OrderEventRecord, OrderEventType, SchemaVersion } from './order-model';
import { latestOrderSchemaVersion, ORDERS_NAMESPACE, orderEventSchema } from './order-schemas';

/**
 * Avro encoding of the demo's order events (payload only; the Confluent framing is added by
 * lib/serde/wire-format). Generated events are kept in the latest shape; writing with an older
 * version maps them back to that version's field names.
 */

const types = new Map<SchemaVersion, avro.Type>();

export function orderEventAvroType(version: SchemaVersion): avro.Type {
  let type = types.get(version);
  if (!type) {
    type = avro.Type.forSchema(orderEventSchema(version) as avro.Schema);
    types.set(version, type);
  }
  return type;
}

const resolvers = new Map<SchemaVersion, avro.Resolver>();

function resolverFrom(writer: SchemaVersion): avro.Resolver {
  let resolver = resolvers.get(writer);
  if (!resolver) {
    resolver = orderEventAvroType(latestOrderSchemaVersion).createResolver(orderEventAvroType(writer));
    resolvers.set(writer, resolver);
  }
  return resolver;
}

function toWriterAddress(
  address: { street: string; city: string; postalCode: string; country: string },
  version: SchemaVersion,
) {
  if (version >= 3) return address;
  return { street: address.street, city: address.city, zip: address.postalCode, country: address.country };
}

/** The Avro value (union branch wrapped, as avsc wants it) of an event for one schema version. */
export function toWriterValue(event: OrderEventRecord, version: SchemaVersion): Record<string, unknown> {
  let payload: Record<string, unknown>;
  switch (event.type) {
    case 'OrderPlaced':
      payload = {
        customerId: event.payload.customerId,
        shippingAddress: toWriterAddress(event.payload.shippingAddress, version),
      };
      break;
    case 'AddressChanged':
      payload = { address: toWriterAddress(event.payload.address, version) };
      break;
    case 'OrderPaid': {
      const { currency, ...v1 } = event.payload;
      if (version < 3 && v1.method === 'APPLE_PAY')
        throw new Error(`APPLE_PAY cannot be written with schema version ${version}`);
      if (version < 2 && currency !== 'EUR')
        throw new Error(`currency ${currency} cannot be written with schema version 1`);
      payload = version >= 2 ? { ...v1, currency } : v1;
      break;
    }
    default:
      payload = event.payload as unknown as Record<string, unknown>;
  }
  if (version < 2 && event.correlationId !== null)
    throw new Error('a correlation id cannot be written with schema version 1');
  const value: Record<string, unknown> = {
    eventId: event.eventId,
    orderId: event.orderId,
    type: event.type,
    occurredAt: event.occurredAt,
  };
  if (version >= 2) value.correlationId = event.correlationId;
  value.payload = { [`${ORDERS_NAMESPACE}.${event.type}`]: payload };
  return value;
}

/** Avro binary of the event written with the given schema version. */
export function encodeOrderEvent(event: OrderEventRecord, version: SchemaVersion): Buffer {
  return orderEventAvroType(version).toBuffer(toWriterValue(event, version));
}

/** Deep copy into plain JSON-like objects (avsc returns record class instances). */
function toPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = toPlain((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/**
 * Decodes Avro binary written with `writerVersion`, resolved to the latest version (the rename
 * and the defaults applied) and with the payload union branch unwrapped: the shape the demo's
 * truth and fold rules are stated in.
 */
export function decodeOrderEvent(payload: Buffer, writerVersion: SchemaVersion): OrderEventRecord {
  const reader = orderEventAvroType(latestOrderSchemaVersion);
  const raw = toPlain(
    writerVersion === latestOrderSchemaVersion
      ? reader.fromBuffer(payload)
      : reader.fromBuffer(payload, resolverFrom(writerVersion)),
  ) as Record<string, unknown>;
  const wrapped = raw.payload as Record<string, unknown>;
  const [branch] = Object.keys(wrapped);
  if (branch === undefined) throw new Error('order event without a payload branch');
  return { ...raw, payload: wrapped[branch] } as OrderEventRecord;
}

/** The fully qualified Avro name of a payload branch, e.g. com.acme.orders.events.OrderPaid. */
export function payloadBranchName(type: OrderEventType): string {
  return `${ORDERS_NAMESPACE}.${type}`;
}
