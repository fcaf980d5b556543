import { parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';
import type { JsonValue } from './types';

/**
 * JSON with its numbers kept exact. Event stores are full of 64-bit ids, and JSON.parse rounds
 * an integer beyond 2^53 (9007199254740993 becomes 9007199254740992) without a word. Such
 * integers become their exact decimal strings, the same form as Avro and Protobuf longs, which
 * filters compare as numbers. Pure.
 */

/** A run of 16 digits is the shortest text that can hold an integer beyond 2^53. */
const LONG_DIGITS = /\d{16}/;
const INTEGER = /^-?\d+$/;

function exactNumber(text: string): number | string {
  const n = Number(text);
  return INTEGER.test(text) && !Number.isSafeInteger(n) ? text : n;
}

/** Parses like JSON.parse (and throws its SyntaxError), with integers beyond 2^53 as exact strings. */
export function parseJsonExactly(text: string): JsonValue {
  const value = JSON.parse(text) as JsonValue;
  // The common case pays one regular-expression test; only text with long digit runs is parsed again.
  if (!LONG_DIGITS.test(text)) return value;
  return parseLossless(text, null, exactNumber) as JsonValue;
}

/** Compact JSON of a JSON text with every number written exactly as it was typed. */
export function compactJsonExactly(text: string): string {
  return stringifyLossless(parseLossless(text)) ?? 'null';
}
