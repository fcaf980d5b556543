import { describe, expect, it } from 'vitest';
import type { RawRecord } from '@/lib/kafka/records';
import { capPartsDepth, createDecoderWith } from './decode-message';

const record = (over: Partial<RawRecord> = {}): RawRecord => ({
  partition: 3,
  offset: 9_007_199_254_740_993n,
  timestamp: 1736163831573,
  timestampType: 'create',
  key: Buffer.from('order-1'),
  value: Buffer.from('{"a":1}'),
  headers: [{ key: 'h', value: Buffer.from([0, 1]) }],
  compression: 'zstd',
  transactional: false,
  ...over,
});

describe('createDecoderWith (no registry)', () => {
  const decoder = createDecoderWith(null, 'no registry here');

  it('fills every field of the contract', async () => {
    expect(await decoder.decode('t', record())).toEqual({
      topic: 't',
      partition: 3,
      offset: '9007199254740993',
      timestamp: 1736163831573,
      timestampType: 'create',
      compression: 'zstd',
      key: { format: 'text', text: 'order-1' },
      value: { format: 'json', value: { a: 1 } },
      headers: [{ key: 'h', text: null, hex: '0001' }],
      size: { key: 7, value: 7 },
      raw: {
        key: Buffer.from('order-1').toString('base64'),
        value: Buffer.from('{"a":1}').toString('base64'),
      },
    });
  });

  it('handles tombstones and null keys', async () => {
    const m = await decoder.decode('t', record({ key: null, value: null, headers: [] }));
    expect(m).toMatchObject({
      key: { format: 'null' },
      value: { format: 'null' },
      size: { key: 0, value: 0 },
      raw: { key: null, value: null },
      headers: [],
    });
  });

  it('decodes synchronously when no schema must be fetched, and reports framed bytes without a registry', () => {
    const m = decoder.decodeSync('t', record({ value: Buffer.from([0, 0, 0, 0, 5, 1]) }));
    expect(m).not.toBeInstanceOf(Promise);
    expect((m as Awaited<typeof m>).value).toEqual({
      format: 'error',
      code: 'REGISTRY_UNAVAILABLE',
      reason: 'no registry here',
      hex: '000000000501',
      schemaId: 5,
    });
  });
});

describe('capPartsDepth', () => {
  const decoder = createDecoderWith(null, 'no registry here');

  it('makes the parts a filter reads what the whole message shows: a value too deep is an error', async () => {
    const deep = record({
      key: Buffer.from('[[[1]]]'),
      value: Buffer.from(`${'['.repeat(250)}${']'.repeat(250)}`),
    });
    const whole = await decoder.decode('t', deep);
    const parts = capPartsDepth(await decoder.decodeParts('t', deep, true), deep);
    expect(whole.value).toMatchObject({ format: 'error', code: 'TOO_DEEP' });
    expect(parts).toEqual({ key: whole.key, value: whole.value });
  });

  it('gives back the same parts when nothing is too deep', async () => {
    const parts = await decoder.decodeParts('t', record(), true);
    expect(capPartsDepth(parts, record())).toBe(parts);
  });
});
