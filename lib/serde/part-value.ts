import type { DecodedPart, JsonValue } from './types';

/**
 * What filters see of a decoded key or value, the same for every format. Pure, so message
 * search, DLQ selection and export filter the same way and unit-test without Kafka.
 */

/**
 * The structured value of a part: the decoded value for Avro, JSON Schema, Protobuf and JSON;
 * the string for text; null for null, binary and undecodable parts (they have no fields).
 */
export function partValue(part: DecodedPart): JsonValue {
  switch (part.format) {
    case 'avro':
    case 'json-schema':
    case 'protobuf':
    case 'json':
      return part.value;
    case 'text':
      return part.text;
    default:
      return null;
  }
}

/**
 * The part as one string, for "contains" and "equals" on a whole key or value: the text itself,
 * a string value unquoted, other values as compact JSON, binary and errors as hex; null as ''.
 */
export function partText(part: DecodedPart): string {
  switch (part.format) {
    case 'null':
      return '';
    case 'text':
      return part.text;
    case 'binary':
    case 'error':
      return part.hex;
    default:
      return typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
  }
}

export type ValuePath = readonly (string | number)[];

/**
 * Parses a field path: dots between names, brackets for array indexes or quoted names:
 * `payload.amountCents`, `items[0].sku`, `headers["content-type"]`. Parse once, use per record.
 * Throws a RangeError with the position of the problem for an invalid path.
 */
export function parseValuePath(path: string): ValuePath {
  const out: (string | number)[] = [];
  let i = 0;
  const n = path.length;
  if (n === 0) return out;
  let expectName = true;
  while (i < n) {
    const ch = path[i]!;
    if (ch === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) throw new RangeError(`unclosed "[" at position ${i} of "${path}"`);
      const inner = path.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) out.push(Number(inner));
      else if (/^"(?:[^"\\]|\\.)*"$/.test(inner) || /^'(?:[^'\\]|\\.)*'$/.test(inner))
        out.push(inner.slice(1, -1).replace(/\\(.)/g, '$1'));
      else
        throw new RangeError(
          `"[${inner}]" at position ${i} of "${path}" is neither an index nor a quoted name`,
        );
      i = close + 1;
      expectName = false;
    } else if (ch === '.') {
      if (expectName) throw new RangeError(`unexpected "." at position ${i} of "${path}"`);
      i++;
      expectName = true;
      if (i >= n) throw new RangeError(`"${path}" ends with "."`);
    } else {
      if (!expectName) throw new RangeError(`expected "." or "[" at position ${i} of "${path}"`);
      let j = i;
      while (j < n && path[j] !== '.' && path[j] !== '[') j++;
      out.push(path.slice(i, j));
      i = j;
      expectName = false;
    }
  }
  return out;
}

/** The value at a parsed path, or undefined when a step does not exist. Own properties only. */
export function valueAtPath(value: JsonValue | undefined, path: ValuePath): JsonValue | undefined {
  let current: JsonValue | undefined = value;
  for (let i = 0; i < path.length; i++) {
    if (current === null || typeof current !== 'object') return undefined;
    const step = path[i]!;
    if (Array.isArray(current)) {
      const index = typeof step === 'number' ? step : /^\d+$/.test(step) ? Number(step) : -1;
      current = index >= 0 && index < current.length ? current[index] : undefined;
    } else {
      const name = String(step);
      current = Object.prototype.hasOwnProperty.call(current, name) ? current[name] : undefined;
    }
  }
  return current;
}
