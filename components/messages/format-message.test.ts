import { describe, expect, it } from 'vitest';
import type { DecodedMessage, DecodedPart } from '@/lib/serde/types';
import {
  base64ToHex,
  compareMessages,
  formatHex,
  holdsExactIntegers,
  partPreview,
  schemaLabel,
  defaultPreviewFields,
  previewFields,
} from './format-message';

describe('message display helpers', () => {
  it('label the schema of a value: subject, version and id, or the format', () => {
    expect(
      schemaLabel({ format: 'avro', value: {}, schemaId: 17, subject: 'orders-value', version: 3 }).text,
    ).toBe('orders-value v3 #17');
    expect(
      schemaLabel({ format: 'protobuf', value: {}, schemaId: 4, messageType: 'x.Y', messageIndexes: [0] })
        .text,
    ).toBe('#4');
    expect(
      schemaLabel({ format: 'error', code: 'REGISTRY_UNAVAILABLE', reason: 'down', hex: '00', schemaId: 9 }),
    ).toMatchObject({ text: 'undecodable #9', tone: 'bad' });
    expect(schemaLabel({ format: 'json', value: 1 }).text).toBe('JSON');
    expect(schemaLabel({ format: 'null' }).text).toBe('null');
  });

  it('preview parts on one line', () => {
    expect(partPreview({ format: 'json', value: { a: 1 } })).toBe('{"a":1}');
    expect(partPreview({ format: 'text', text: 'two\nlines' })).toBe('two lines');
    expect(partPreview({ format: 'binary', hex: 'ff00' })).toBe('0xff00');
    expect(partPreview({ format: 'text', text: 'x'.repeat(300) }, 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('dump bytes as hex rows with ASCII', () => {
    expect(base64ToHex(Buffer.from('Hi!').toString('base64'))).toBe('486921');
    expect(formatHex('00000000114869')).toBe(`000000  ${'00 00 00 00 11 48 69'.padEnd(47)}  .....Hi`);
  });

  it('order messages by timestamp, partition, offset (64-bit offsets too)', () => {
    const m = (timestamp: number, partition: number, offset: string) =>
      ({ timestamp, partition, offset }) as DecodedMessage;
    const list = [m(2, 0, '1'), m(1, 1, '0'), m(1, 0, '9007199254740993'), m(1, 0, '9007199254740992')].sort(
      compareMessages,
    );
    expect(list.map((x) => `${x.timestamp}/${x.partition}/${x.offset}`)).toEqual([
      '1/0/9007199254740992',
      '1/0/9007199254740993',
      '1/1/0',
      '2/0/1',
    ]);
  });
});

describe('decode facts in labels', () => {
  it('marks a JSON Schema payload that breaks its writer schema', () => {
    const part: DecodedPart = {
      format: 'json-schema',
      value: {},
      schemaId: 4,
      subject: 'p-value',
      version: 2,
      valid: false,
      violations: [{ path: '/id', message: 'must be integer' }],
    };
    expect(schemaLabel(part)).toEqual({
      text: 'p-value v2 #4 invalid',
      tone: 'warn',
      title: 'JSON Schema, schema id 4, subject p-value version 2; 1 violation(s) of the schema',
    });
    expect(schemaLabel({ ...part, valid: true, violations: undefined }).text).toBe('p-value v2 #4');
  });

  it('tells when a value holds integers beyond 2^53, shown as exact strings', () => {
    expect(holdsExactIntegers({ a: [{ id: '9007199254740993' }] })).toBe(true);
    expect(holdsExactIntegers({ id: '9007199254740991', name: 'x', n: 5 })).toBe(false);
  });
});

describe('preview fields', () => {
  it('defaults to the stream fields that are fields of the value', () => {
    expect(defaultPreviewFields({ eventTypeFrom: 'field type', aggregateIdFrom: 'key' })).toEqual(['type']);
    expect(
      defaultPreviewFields({ eventTypeFrom: 'header event-type', aggregateIdFrom: 'field payload.orderId' }),
    ).toEqual(['payload.orderId']);
    expect(defaultPreviewFields(undefined)).toEqual([]);
  });

  it('shows the chosen fields of a decoded value and leaves out missing ones', () => {
    const part = {
      format: 'json' as const,
      value: { eventId: 'e-1', type: 'OrderPaid', payload: { orderId: 'o-17', cents: 1200 } },
    };
    expect(previewFields(part, ['type', 'payload.orderId', 'payload.cents', 'nope'])).toBe(
      'type=OrderPaid · payload.orderId=o-17 · payload.cents=1200',
    );
    expect(previewFields({ format: 'text', text: 'x' }, ['type'])).toBe('');
  });
});
