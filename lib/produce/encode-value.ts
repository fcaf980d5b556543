import type avro from 'avsc';
import { MAX_VALUE_DEPTH, nestsDeeperThan } from '@/lib/serde/nesting-depth';
import { compactJsonExactly } from '@/lib/serde/exact-json';
import { encodeConfluentFrame } from '@/lib/serde/wire-format';
import { avroValueFromJson, type AvroFieldError } from './avro-json';
import { jsonErrorOffset } from './json-error-position';

/**
 * The bytes of a message value from what a person typed: JSON (checked, sent compact), text
 * (UTF-8, as typed), or JSON encoded to Avro and framed the Confluent way (magic byte, schema
 * id). Pure: the schema comes compiled.
 */

export type ValueEncoding =
  { encoding: 'json' } | { encoding: 'text' } | { encoding: 'avro'; schemaId: number; type: avro.Type };

export type EncodedValue = { ok: true; bytes: Buffer } | { ok: false; errors: AvroFieldError[] };

/** JSON.parse with the position of a syntax error as line and column. */
export function parseJsonText(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: AvroFieldError } {
  if (text.trim() === '')
    return { ok: false, error: { path: '', message: 'the value is empty; write a JSON value' } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const at = jsonErrorOffset(text);
    if (!at)
      return {
        ok: false,
        error: { path: '', message: `not valid JSON: ${(error as Error).message.slice(0, 200)}` },
      };
    const before = text.slice(0, at.offset).split('\n');
    const found =
      at.offset < text.length
        ? `found ${JSON.stringify(text.slice(at.offset, at.offset + 12))}`
        : 'the text ends';
    return {
      ok: false,
      error: {
        path: '',
        message: `not valid JSON at line ${before.length}, column ${before[before.length - 1]!.length + 1}: expected ${at.expected}, ${found}`,
      },
    };
  }
  // What the console would refuse to show, it refuses to send (and serialising it would overflow the stack).
  if (nestsDeeperThan(value))
    return {
      ok: false,
      error: { path: '', message: `the value nests deeper than ${MAX_VALUE_DEPTH} levels` },
    };
  return { ok: true, value };
}

export function encodeValue(text: string, how: ValueEncoding): EncodedValue {
  if (how.encoding === 'text') return { ok: true, bytes: Buffer.from(text, 'utf8') };
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  // Re-written from the text, not from the parsed value: JSON.parse rounds integers beyond 2^53.
  if (how.encoding === 'json') return { ok: true, bytes: Buffer.from(compactJsonExactly(text), 'utf8') };
  const converted = avroValueFromJson(how.type, parsed.value);
  if (!converted.ok) return converted;
  return { ok: true, bytes: encodeConfluentFrame(how.schemaId, how.type.toBuffer(converted.value)) };
}
