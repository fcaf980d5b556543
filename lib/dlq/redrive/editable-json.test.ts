import { describe, expect, it } from 'vitest';
import { toEncodableJson } from './editable-json';

const schema = {
  type: 'record',
  name: 'OrderEvent',
  namespace: 'com.acme',
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'occurredAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'shippedOn', type: ['null', { type: 'int', logicalType: 'date' }], default: null },
    {
      name: 'address',
      type: {
        type: 'record',
        name: 'Address',
        fields: [{ name: 'since', type: { type: 'long', logicalType: 'timestamp-micros' } }],
      },
    },
    { name: 'previous', type: ['null', 'Address'], default: null },
    { name: 'history', type: { type: 'array', items: { type: 'long', logicalType: 'timestamp-millis' } } },
  ],
};

describe('toEncodableJson', () => {
  it('turns readable logical types back into numbers, through unions, named references and arrays', () => {
    const shown = {
      orderId: 'ord-1',
      occurredAt: '2025-01-11T20:26:14.446Z',
      shippedOn: '2025-01-13',
      address: { since: '2025-01-01T00:00:00.000Z' },
      previous: { since: '2024-01-01T00:00:00.000Z' },
      history: ['2025-01-01T00:00:00.000Z'],
    };
    expect(toEncodableJson(schema, shown)).toEqual({
      orderId: 'ord-1',
      occurredAt: Date.parse('2025-01-11T20:26:14.446Z'),
      shippedOn: Math.floor(Date.parse('2025-01-13') / 86_400_000),
      address: { since: Date.parse('2025-01-01T00:00:00.000Z') * 1000 },
      previous: { since: Date.parse('2024-01-01T00:00:00.000Z') * 1000 },
      history: [Date.parse('2025-01-01T00:00:00.000Z')],
    });
  });

  it('leaves numbers, nulls and what it cannot read for the encoder to judge', () => {
    expect(toEncodableJson(schema, { orderId: 'x', occurredAt: 5, shippedOn: null, history: [] })).toEqual({
      orderId: 'x',
      occurredAt: 5,
      shippedOn: null,
      history: [],
    });
    expect(toEncodableJson(schema, { occurredAt: 'not a time' })).toEqual({ occurredAt: 'not a time' });
  });
});
