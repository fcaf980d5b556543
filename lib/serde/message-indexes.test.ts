import { describe, expect, it } from 'vitest';
import { decodeMessageIndexes, encodeMessageIndexes } from './message-indexes';

describe('encodeMessageIndexes (as Confluent MessageIndexes.toByteArray)', () => {
  it('shortens the first message [0] to the single byte 0', () => {
    expect([...encodeMessageIndexes([0])]).toEqual([0x00]);
  });

  it('writes a zigzag varint count, then each index as a zigzag varint', () => {
    expect([...encodeMessageIndexes([1])]).toEqual([0x02, 0x02]);
    expect([...encodeMessageIndexes([0, 0])]).toEqual([0x04, 0x00, 0x00]);
    expect([...encodeMessageIndexes([2, 1])]).toEqual([0x04, 0x04, 0x02]);
    expect([...encodeMessageIndexes([1, 0, 3])]).toEqual([0x06, 0x02, 0x00, 0x06]);
    // 64 zigzags to 128, which needs two varint bytes.
    expect([...encodeMessageIndexes([64])]).toEqual([0x02, 0x80, 0x01]);
    expect([...encodeMessageIndexes([300])]).toEqual([0x02, 0xd8, 0x04]);
  });

  it('refuses negative, fractional and empty paths', () => {
    expect(() => encodeMessageIndexes([])).toThrow(RangeError);
    expect(() => encodeMessageIndexes([-1])).toThrow(RangeError);
    expect(() => encodeMessageIndexes([1.5])).toThrow(RangeError);
  });
});

describe('decodeMessageIndexes', () => {
  it('reads the single 0 as [0]', () => {
    expect(decodeMessageIndexes(Buffer.from([0x00, 0x0a, 0x01]))).toEqual({
      ok: true,
      indexes: [0],
      bytesRead: 1,
    });
  });

  it('round-trips paths and says where the message starts', () => {
    for (const path of [[1], [0, 0], [2, 1], [5, 0, 7], [64], [300, 2], [0x7fffffff]]) {
      const encoded = encodeMessageIndexes(path);
      const withPayload = Buffer.concat([encoded, Buffer.from([0x08, 0x96, 0x01])]);
      expect(decodeMessageIndexes(withPayload)).toEqual({
        ok: true,
        indexes: path,
        bytesRead: encoded.length,
      });
    }
  });

  it('reports truncated, negative and implausible index arrays', () => {
    expect(decodeMessageIndexes(Buffer.alloc(0)).ok).toBe(false);
    expect(decodeMessageIndexes(Buffer.from([0x80])).ok).toBe(false); // unterminated varint
    expect(decodeMessageIndexes(Buffer.from([0x04, 0x02])).ok).toBe(false); // count 2, one index
    expect(decodeMessageIndexes(Buffer.from([0x01])).ok).toBe(false); // count -1
    expect(decodeMessageIndexes(Buffer.from([0x02, 0x01])).ok).toBe(false); // index -1
    expect(decodeMessageIndexes(Buffer.from([0xfe, 0x01])).ok).toBe(false); // count 127
    const failure = decodeMessageIndexes(Buffer.from([0x04, 0x02]));
    expect(failure.ok ? '' : failure.reason).toMatch(/truncated/);
  });
});
