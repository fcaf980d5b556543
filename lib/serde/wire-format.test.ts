import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/demo/prng';
import { decodeConfluentFrame, encodeConfluentFrame, isConfluentFramed } from './wire-format';

describe('encodeConfluentFrame', () => {
  it('writes magic byte 0 and a big-endian schema id before the payload', () => {
    const frame = encodeConfluentFrame(0x01020304, Buffer.from([0xaa, 0xbb]));
    expect([...frame]).toEqual([0, 1, 2, 3, 4, 0xaa, 0xbb]);
  });

  it('rejects ids that do not fit a signed 32-bit integer', () => {
    for (const id of [-1, 1.5, 2 ** 31, Number.NaN])
      expect(() => encodeConfluentFrame(id, Buffer.alloc(0))).toThrow(RangeError);
  });
});

describe('decodeConfluentFrame', () => {
  it('round-trips random ids and payloads', () => {
    const rng = createRng('wire-format');
    for (let i = 0; i < 200; i++) {
      const id = rng.uint32() & 0x7fffffff;
      const payload = Buffer.alloc(rng.int(0, 64));
      for (let j = 0; j < payload.length; j++) payload[j] = rng.int(0, 255);
      const decoded = decodeConfluentFrame(encodeConfluentFrame(id, payload));
      expect(decoded).toEqual({ ok: true, schemaId: id, payload });
    }
  });

  it('accepts a plain Uint8Array and returns a view, not a copy', () => {
    const bytes = new Uint8Array([0, 0, 0, 0, 7, 42]);
    const decoded = decodeConfluentFrame(bytes);
    expect(decoded.ok && decoded.schemaId).toBe(7);
    bytes[5] = 43;
    expect(decoded.ok && decoded.payload[0]).toBe(43);
  });

  it('explains garbage', () => {
    expect(decodeConfluentFrame(null)).toMatchObject({ ok: false, failure: { code: 'EMPTY' } });
    expect(decodeConfluentFrame(Buffer.alloc(0))).toMatchObject({ ok: false, failure: { code: 'EMPTY' } });
    expect(decodeConfluentFrame(Buffer.from('{"a":1}'))).toMatchObject({
      ok: false,
      failure: { code: 'BAD_MAGIC_BYTE' },
    });
    expect(decodeConfluentFrame(Buffer.from([0, 0, 1]))).toMatchObject({
      ok: false,
      failure: { code: 'TOO_SHORT' },
    });
    expect(decodeConfluentFrame(Buffer.from([0, 0xff, 0xff, 0xff, 0xff, 1]))).toMatchObject({
      ok: false,
      failure: { code: 'BAD_SCHEMA_ID' },
    });
    expect(isConfluentFramed(Buffer.from('hello'))).toBe(false);
  });

  it('never throws on random bytes', () => {
    const rng = createRng('garbage');
    for (let i = 0; i < 500; i++) {
      const bytes = Buffer.alloc(rng.int(0, 12));
      for (let j = 0; j < bytes.length; j++) bytes[j] = rng.chance(0.3) ? 0 : rng.int(0, 255);
      const decoded = decodeConfluentFrame(bytes);
      if (decoded.ok) expect(decoded.payload.length).toBe(bytes.length - 5);
      else expect(decoded.failure.message.length).toBeGreaterThan(0);
    }
  });

  it('accepts a header with an empty payload', () => {
    expect(decodeConfluentFrame(Buffer.from([0, 0, 0, 0, 1]))).toMatchObject({ ok: true, schemaId: 1 });
  });
});
