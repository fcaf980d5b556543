import { describe, expect, it } from 'vitest';
import type { RawRecord } from '@/lib/kafka/records';
import { indexTargets, rowOf, type IndexTarget } from './indexer';
import { localTestCluster } from './test-cluster';

const record = (
  key: string | null,
  value: Buffer | null,
  headers: { key: string; value: Buffer | null }[] = [],
): RawRecord => ({
  partition: 0,
  offset: 7n,
  timestamp: 1000,
  timestampType: 'create',
  key: key === null ? null : Buffer.from(key),
  value,
  headers,
  compression: 'none',
  transactional: false,
});

describe('rowOf', () => {
  const byKey: IndexTarget = { topic: 't', stream: 's', keyFrom: 'key', typeHeader: 'type' };

  it('takes the key, the type header and the schema id of a registry frame', () => {
    const framed = Buffer.from([0, 0, 0, 1, 44, 9, 9]);
    expect(rowOf(byKey, record('a-1', framed, [{ key: 'type', value: Buffer.from('Opened') }]))).toEqual({
      key: Buffer.from('a-1'),
      offset: 7n,
      timestamp: 1000,
      eventType: 'Opened',
      schemaId: 300,
    });
  });

  it('has no schema id for an unframed value and no row for a record without the id', () => {
    expect(rowOf(byKey, record('a-1', Buffer.from('{"x":1}')))?.schemaId).toBeNull();
    expect(rowOf(byKey, record(null, Buffer.from('{}')))).toBeNull();
  });

  it('takes the id from a header when the stream says so', () => {
    const byHeader: IndexTarget = {
      topic: 't',
      stream: 's',
      keyFrom: { header: 'aggregate' },
      typeHeader: null,
    };
    expect(
      rowOf(byHeader, record('ignored', null, [{ key: 'aggregate', value: Buffer.from('b-2') }]))?.key,
    ).toEqual(Buffer.from('b-2'));
  });
});

describe('indexTargets', () => {
  it('indexes streams by key or header, leaves out streams turned off or with the id in the value, and adds opted-in topics once', () => {
    const targets = indexTargets(localTestCluster());
    expect(targets.map((t) => [t.topic, t.stream])).toEqual([
      ['orders', 'orders'],
      ['by-header', 'by-header'],
      ['extra', null],
    ]);
  });
});
