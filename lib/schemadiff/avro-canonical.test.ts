import { describe, expect, it } from 'vitest';
import { avroCanonicalForm } from './avro-canonical';
import { parseAvroSchema } from './avro-model';

describe('avroCanonicalForm', () => {
  it('keeps what reading needs, fully qualified, each named type once', () => {
    const schema = {
      type: 'record',
      name: 'Order',
      namespace: 'com.acme',
      doc: 'dropped',
      fields: [
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' }, default: 0 },
        {
          name: 'billing',
          type: {
            type: 'record',
            name: 'Address',
            fields: [{ name: 'zip', type: 'string', aliases: ['z'] }],
          },
        },
        { name: 'shipping', type: ['null', 'Address'] },
        { name: 'method', type: { type: 'enum', name: 'Method', symbols: ['CARD'], default: 'CARD' } },
        { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 4 } },
        { name: 'tags', type: { type: 'map', values: { type: 'array', items: 'string' } } },
      ],
    };
    expect(avroCanonicalForm(parseAvroSchema(JSON.stringify(schema)))).toBe(
      '{"name":"com.acme.Order","type":"record","fields":[{"name":"at","type":"long"},' +
        '{"name":"billing","type":{"name":"com.acme.Address","type":"record","fields":[{"name":"zip","type":"string"}]}},' +
        '{"name":"shipping","type":["null","com.acme.Address"]},' +
        '{"name":"method","type":{"name":"com.acme.Method","type":"enum","symbols":["CARD"]}},' +
        '{"name":"hash","type":{"name":"com.acme.Hash","type":"fixed","size":4}},' +
        '{"name":"tags","type":{"type":"map","values":{"type":"array","items":"string"}}}]}',
    );
  });
});
