import { describe, expect, it } from 'vitest';
import { CursorError, compareRecordOrder, decodeCursor, encodeCursor, positionsToJson } from './cursor';

describe('message cursors', () => {
  it('round-trip through URL-safe text, 64-bit offsets included', () => {
    const cursor = {
      direction: 'forward' as const,
      positions: new Map([
        [2, 9_223_372_036_854_775_806n],
        [0, 0n],
      ]),
      back: new Map([[0, 5n]]),
    };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
    expect(positionsToJson(cursor.positions)).toEqual({ '0': '0', '2': '9223372036854775806' });
  });

  it.each([
    ['not base64 at all!', /not one this console made/],
    [Buffer.from('{"v":2,"d":"f","p":[[0,"1"]]}').toString('base64url'), /not one this console made/],
    [Buffer.from('{"v":1,"d":"f","p":[]}').toString('base64url'), /no positions/],
    [Buffer.from('{"v":1,"d":"f","p":[[0,"-1"]]}').toString('base64url'), /invalid offset/],
    [Buffer.from('{"v":1,"d":"f","p":[[0,"1"],[0,"2"]]}').toString('base64url'), /twice/],
    [Buffer.from('{"v":1,"d":"b","p":[[0,"1"]],"b":[[0,"0"]]}').toString('base64url'), /malformed/],
    [Buffer.from('{"v":1,"d":"f","p":[["__proto__","1"]]}').toString('base64url'), /invalid partition/],
  ])('refuses %s', (text, message) => {
    expect(() => decodeCursor(text)).toThrow(CursorError);
    expect(() => decodeCursor(text)).toThrow(message);
  });

  it('orders records by timestamp, partition, offset', () => {
    const r = (timestamp: number, partition: number, offset: bigint) => ({ timestamp, partition, offset });
    const sorted = [r(2, 0, 1n), r(1, 1, 5n), r(1, 0, 9n), r(1, 0, 3n)].sort(compareRecordOrder);
    expect(sorted).toEqual([r(1, 0, 3n), r(1, 0, 9n), r(1, 1, 5n), r(2, 0, 1n)]);
  });
});
