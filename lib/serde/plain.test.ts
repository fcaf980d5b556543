import { describe, expect, it } from 'vitest';
import { decodeHeaders, decodeUnframed, isPrintableUtf8 } from './plain';

const b = (s: string) => Buffer.from(s, 'utf8');

describe('decodeUnframed', () => {
  it('is null for a null part', () => {
    expect(decodeUnframed(null)).toEqual({ format: 'null' });
  });

  it('parses every kind of JSON document', () => {
    expect(decodeUnframed(b('{"a":1,"b":[true,null]}'))).toEqual({
      format: 'json',
      value: { a: 1, b: [true, null] },
    });
    expect(decodeUnframed(b(' [1, 2] \n'))).toEqual({ format: 'json', value: [1, 2] });
    expect(decodeUnframed(b('"quoted"'))).toEqual({ format: 'json', value: 'quoted' });
    expect(decodeUnframed(b('-12.5'))).toEqual({ format: 'json', value: -12.5 });
    expect(decodeUnframed(b('42'))).toEqual({ format: 'json', value: 42 });
    expect(decodeUnframed(b('true'))).toEqual({ format: 'json', value: true });
    expect(decodeUnframed(b('false'))).toEqual({ format: 'json', value: false });
    expect(decodeUnframed(b('null'))).toEqual({ format: 'json', value: null });
  });

  it('keeps a bare integer beyond 2^53 as text instead of rounding it', () => {
    expect(decodeUnframed(b('12345678901234567890'))).toEqual({
      format: 'text',
      text: '12345678901234567890',
    });
  });

  it('shows printable UTF-8 that is not JSON as text', () => {
    expect(decodeUnframed(b('order-000042'))).toEqual({ format: 'text', text: 'order-000042' });
    expect(decodeUnframed(b('{not json'))).toEqual({ format: 'text', text: '{not json' });
    expect(decodeUnframed(b('nullable'))).toEqual({ format: 'text', text: 'nullable' });
    expect(decodeUnframed(b('Grüße, 東京 🚀\n\tline two\r\n'))).toEqual({
      format: 'text',
      text: 'Grüße, 東京 🚀\n\tline two\r\n',
    });
    expect(decodeUnframed(Buffer.alloc(0))).toEqual({ format: 'text', text: '' });
  });

  it('shows control characters, invalid UTF-8 and binary as hex', () => {
    expect(decodeUnframed(Buffer.from([0x00, 0x00, 0x10, 0x00]))).toEqual({
      format: 'binary',
      hex: '00001000',
    });
    expect(decodeUnframed(Buffer.from('abc\u0007', 'utf8'))).toEqual({ format: 'binary', hex: '61626307' });
    expect(decodeUnframed(Buffer.from('a\u007f', 'utf8'))).toEqual({ format: 'binary', hex: '617f' });
    expect(decodeUnframed(Buffer.from('a\u0085b', 'utf8'))).toEqual({ format: 'binary', hex: '61c28562' }); // C1 control
    expect(decodeUnframed(Buffer.from([0x61, 0xc3]))).toEqual({ format: 'binary', hex: '61c3' }); // truncated sequence
    expect(decodeUnframed(Buffer.from([0xff, 0xfe, 0x41]))).toEqual({ format: 'binary', hex: 'fffe41' });
    expect(decodeUnframed(Buffer.from([0xed, 0xa0, 0x80]))).toEqual({ format: 'binary', hex: 'eda080' }); // lone surrogate
  });
});

describe('isPrintableUtf8', () => {
  it('accepts tab, newline and carriage return but no other control', () => {
    expect(isPrintableUtf8(b('\t\n\r'))).toBe(true);
    for (let c = 0; c < 0x20; c++)
      if (c !== 9 && c !== 10 && c !== 13) expect(isPrintableUtf8(Buffer.from([0x41, c]))).toBe(false);
  });
});

describe('decodeHeaders', () => {
  it('gives text for printable values and hex always', () => {
    const spring = Buffer.alloc(8);
    spring.writeBigInt64BE(1234n);
    expect(
      decodeHeaders([
        { key: 'source', value: b('order-service') },
        { key: 'kafka_dlt-original-offset', value: spring },
        { key: 'empty', value: Buffer.alloc(0) },
        { key: 'none', value: null },
      ]),
    ).toEqual([
      { key: 'source', text: 'order-service', hex: b('order-service').toString('hex') },
      { key: 'kafka_dlt-original-offset', text: null, hex: '00000000000004d2' },
      { key: 'empty', text: '', hex: '' },
      { key: 'none', text: null, hex: '' },
    ]);
  });
});
