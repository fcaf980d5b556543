import { isUtf8 } from 'node:buffer';
import { parseJsonExactly } from './exact-json';
import type { DecodedHeader, DecodedPart, JsonValue } from './types';

/**
 * Decoding of bytes that carry no schema: JSON when they parse as JSON, text when they are
 * printable UTF-8, hex otherwise. Pure: no registry, no Kafka.
 */

/**
 * True when the bytes are valid UTF-8 without control characters other than tab, line feed and
 * carriage return (C0, DEL and the C1 controls U+0080..U+009F, encoded as C2 80..C2 9F).
 */
export function isPrintableUtf8(bytes: Uint8Array): boolean {
  const length = bytes.length;
  let ascii = true;
  for (let i = 0; i < length; i++) {
    const b = bytes[i]!;
    if (b < 0x20) {
      if (b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
    } else if (b === 0x7f) {
      return false;
    } else if (b >= 0x80) {
      ascii = false;
      if (b === 0xc2 && i + 1 < length) {
        const next = bytes[i + 1]!;
        if (next >= 0x80 && next <= 0x9f) return false;
      }
    }
  }
  return ascii || isUtf8(bytes);
}

/** The first byte that is not JSON whitespace, or -1. */
function firstSignificantByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return b;
  }
  return -1;
}

/** Could the text be a JSON document? Cheap test on its first byte, so plain text is not parsed. */
function mayBeJson(first: number): boolean {
  return (
    first === 0x7b || // {
    first === 0x5b || // [
    first === 0x22 || // "
    first === 0x2d || // -
    (first >= 0x30 && first <= 0x39) ||
    first === 0x74 || // true
    first === 0x66 || // false
    first === 0x6e // null
  );
}

/** Parses JSON, or returns undefined. Integers beyond 2^53 keep their exact digits (see exact-json). */
function parseJson(text: string, first: number): JsonValue | undefined {
  let value: JsonValue;
  try {
    value = parseJsonExactly(text);
  } catch {
    return undefined;
  }
  // A bare big number (a key like "12345678901234567890") is shown as the text it is.
  if (typeof value === 'string' && (first === 0x2d || (first >= 0x30 && first <= 0x39))) return undefined;
  return value;
}

/** Turns bytes without a schema into `json`, `text` or `binary`; null into `null`. */
export function decodeUnframed(bytes: Buffer | null): DecodedPart {
  if (bytes === null) return { format: 'null' };
  if (bytes.length === 0) return { format: 'text', text: '' };
  if (!isPrintableUtf8(bytes)) return { format: 'binary', hex: bytes.toString('hex') };
  const text = bytes.toString('utf8');
  const first = firstSignificantByte(bytes);
  if (mayBeJson(first)) {
    const value = parseJson(text, first);
    if (value !== undefined) return { format: 'json', value };
  }
  return { format: 'text', text };
}

/** Header values as text when printable UTF-8, and always as hex. */
export function decodeHeaders(headers: readonly { key: string; value: Buffer | null }[]): DecodedHeader[] {
  const out: DecodedHeader[] = new Array<DecodedHeader>(headers.length);
  for (let i = 0; i < headers.length; i++) {
    const { key, value } = headers[i]!;
    if (value === null) out[i] = { key, text: null, hex: '' };
    else
      out[i] = {
        key,
        text: isPrintableUtf8(value) ? value.toString('utf8') : null,
        hex: value.toString('hex'),
      };
  }
  return out;
}
