import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor';
import { describe, expect, it } from 'vitest';
import { createProtobufDecoder, fileDescriptorOf, ProtobufSchemaError } from './protobuf';

const common = `syntax = "proto3";
package shop.common;
message Money { string currency = 1; int64 units = 2; }`;

const orders = `syntax = "proto3";
package shop.v1;
import "shop/common.proto";
import "google/protobuf/timestamp.proto";

// The first top-level message: index [0].
message Order {
  string id = 1;
  shop.common.Money total = 2;
  repeated Line lines = 3;
  Status status = 4;
  bytes blob = 5;
  google.protobuf.Timestamp placed_at = 6;
  int64 big = 7;
  enum Status { UNKNOWN = 0; PAID = 1; }
  // Nested: index [0, 0].
  message Line { string sku = 1; int32 qty = 2; }
}

// Index [1].
message Refund { string order_id = 1; sint64 amount_cents = 2; }`;

function writerRoot(): protobuf.Root {
  const root = new protobuf.Root();
  protobuf.parse(common, root, { keepCase: true });
  protobuf.parse(orders, root, { keepCase: true });
  root.addJSON(protobuf.common.get('google/protobuf/timestamp.proto')!.nested!);
  root.resolveAll();
  return root;
}

describe('createProtobufDecoder', () => {
  const decoder = createProtobufDecoder(orders, [{ name: 'shop/common.proto', schema: common }]);
  const root = writerRoot();

  it('picks messages by index path in declaration order, nested ones included', () => {
    expect(decoder.messageTypeAt([0])).toBe('shop.v1.Order');
    expect(decoder.messageTypeAt([0, 0])).toBe('shop.v1.Order.Line');
    expect(decoder.messageTypeAt([1])).toBe('shop.v1.Refund');
    expect(decoder.messageTypeAt([2])).toBeUndefined();
    expect(decoder.messageTypeAt([1, 0])).toBeUndefined();
  });

  it('decodes with longs and enums as strings, bytes as base64, no defaults', () => {
    const Order = root.lookupType('shop.v1.Order');
    const bytes = Order.encode(
      Order.fromObject({
        id: 'o-1',
        total: { currency: 'EUR', units: '12' },
        lines: [{ sku: 'SKU-1', qty: 2 }],
        status: 'PAID',
        blob: Buffer.from([1, 2, 3]),
        placed_at: { seconds: 1736163831, nanos: 5 },
        big: '9223372036854775807',
      }),
    ).finish();
    expect(decoder.decode([0], bytes)).toEqual({
      messageType: 'shop.v1.Order',
      value: {
        id: 'o-1',
        total: { currency: 'EUR', units: '12' },
        lines: [{ sku: 'SKU-1', qty: 2 }],
        status: 'PAID',
        blob: 'AQID',
        placed_at: { seconds: '1736163831', nanos: 5 },
        big: '9223372036854775807',
      },
    });
    // Empty message: no defaults are made up.
    expect(decoder.decode([0], new Uint8Array(0)).value).toEqual({});
  });

  it('decodes nested and second top-level messages', () => {
    const Line = root.lookupType('shop.v1.Order.Line');
    const Refund = root.lookupType('shop.v1.Refund');
    expect(decoder.decode([0, 0], Line.encode(Line.fromObject({ sku: 'A', qty: 3 })).finish()).value).toEqual(
      { sku: 'A', qty: 3 },
    );
    expect(
      decoder.decode(
        [1],
        Refund.encode(Refund.fromObject({ order_id: 'o-1', amount_cents: '-250' })).finish(),
      ),
    ).toEqual({
      messageType: 'shop.v1.Refund',
      value: { order_id: 'o-1', amount_cents: '-250' },
    });
  });

  it('throws on indexes that point nowhere and on bytes that are not the message', () => {
    expect(() => decoder.decode([7], new Uint8Array(0))).toThrow(/point to no message/);
    expect(() => decoder.decode([0], Buffer.from([0x0a, 0x7f, 0x41]))).toThrow();
    expect(() => decoder.decode([0], Buffer.from([0xff, 0xff, 0xff]))).toThrow();
  });

  it('reports schemas that do not parse or do not resolve', () => {
    expect(() => createProtobufDecoder('message {')).toThrow(ProtobufSchemaError);
    expect(() => createProtobufDecoder('syntax = "proto3"; message A { missing.Type b = 1; }')).toThrow(
      /does not resolve/,
    );
    expect(() => createProtobufDecoder('syntax = "proto3"; enum E { X = 0; }')).toThrow(/no message/);
  });

  it('knows the well-known and Confluent files without references', () => {
    const d = createProtobufDecoder(
      'syntax = "proto3"; import "confluent/type/decimal.proto"; import "confluent/meta.proto"; import "google/protobuf/wrappers.proto";' +
        ' message P { confluent.type.Decimal price = 1 [(confluent.field_meta).doc = "price"]; google.protobuf.StringValue note = 2; }',
    );
    expect(d.messageTypeAt([0])).toBe('P');
  });
});

/** A file as Confluent's serializers register it: a base64 FileDescriptorProto. */
function serialized(root: protobuf.Root, pkg: string, name: string, dependency: string[] = []): string {
  const set = descriptor.FileDescriptorSet.toObject(root.toDescriptor('proto3')) as {
    file: { package?: string }[];
  };
  const file = { ...set.file.find((f) => f.package === pkg)!, name, dependency };
  return Buffer.from(
    descriptor.FileDescriptorProto.encode(descriptor.FileDescriptorProto.fromObject(file)).finish(),
  ).toString('base64');
}

describe('createProtobufDecoder with schemas registered as serialized descriptors', () => {
  const root = writerRoot();
  const ordersDescriptor = serialized(root, 'shop.v1', 'shop/orders.proto', [
    'shop/common.proto',
    'google/protobuf/timestamp.proto',
  ]);
  const commonDescriptor = serialized(root, 'shop.common', 'shop/common.proto');

  it('tells a descriptor from .proto text', () => {
    expect(fileDescriptorOf(orders)).toBeNull();
    expect(fileDescriptorOf(ordersDescriptor)).toMatchObject({
      package: 'shop.v1',
      messageType: [{ name: 'Order' }, { name: 'Refund' }],
    });
    expect(() => fileDescriptorOf('AAAA/////w==')).toThrow(ProtobufSchemaError);
  });

  it.each([
    ['a descriptor referencing a descriptor', [{ name: 'shop/common.proto', schema: commonDescriptor }]],
    ['a descriptor referencing .proto text', [{ name: 'shop/common.proto', schema: common }]],
  ])('decodes %s, nested message indexes included', (_, references) => {
    const decoder = createProtobufDecoder(ordersDescriptor, references);
    expect(decoder.messageTypeAt([0])).toBe('shop.v1.Order');
    expect(decoder.messageTypeAt([0, 0])).toBe('shop.v1.Order.Line');
    expect(decoder.messageTypeAt([1])).toBe('shop.v1.Refund');
    const Order = root.lookupType('shop.v1.Order');
    const Line = root.lookupType('shop.v1.Order.Line');
    const order = Order.encode(
      Order.fromObject({
        id: 'o-1',
        total: { currency: 'EUR', units: '9007199254740993' },
        placed_at: { seconds: 5 },
      }),
    ).finish();
    expect(decoder.decode([0], order)).toEqual({
      messageType: 'shop.v1.Order',
      value: {
        id: 'o-1',
        total: { currency: 'EUR', units: '9007199254740993' },
        placed_at: { seconds: '5' },
      },
    });
    expect(decoder.decode([0, 0], Line.encode(Line.fromObject({ sku: 'A', qty: 3 })).finish())).toEqual({
      messageType: 'shop.v1.Order.Line',
      value: { sku: 'A', qty: 3 },
    });
  });
});
