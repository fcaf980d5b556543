import avro from 'avsc';
import type { ProjectionTree, ValueProjection } from './projection';
import { MAX_VALUE_DEPTH } from './nesting-depth';
import type { JsonValue } from './types';

/**
 * Avro binary to JSON, with the writer schema. avsc parses and checks the schema (names,
 * namespaces, references registered beforehand); from its type tree we compile one reader that
 * goes straight from bytes to the JSON the console shows, in a single pass:
 *
 * - longs beyond ±2^53 become decimal strings (no precision lost), others numbers;
 * - bytes and fixed become base64; NaN and ±Infinity floats become strings;
 * - unions are unwrapped to the branch value (the value is decoded with the writer schema, so
 *   the branch is always known; the record's `type` names it when it matters);
 * - logical types: timestamp-millis/micros/nanos as ISO-8601 UTC strings (local-timestamp-* without
 *   the Z), date as YYYY-MM-DD, time-millis/micros as HH:MM:SS.fff, decimal as an exact decimal
 *   string, uuid as its string, duration as { months, days, milliseconds };
 * - garbage is refused with a reason instead of allocating what a corrupt length claims.
 * Pure: no registry.
 */

export type AvroSchemaJson = unknown;

/** Marks a logical type in avsc's tree without converting anything; our reader does that. */
class LogicalMarker extends avro.types.LogicalType {
  readonly precision: number | undefined;
  readonly scale: number;
  constructor(schema: avro.Schema, opts?: unknown) {
    super(schema, opts);
    const s = schema as { precision?: unknown; scale?: unknown };
    this.precision = typeof s.precision === 'number' ? s.precision : undefined;
    this.scale = typeof s.scale === 'number' ? s.scale : 0;
  }
  protected override _fromValue(value: unknown): unknown {
    return value;
  }
  protected override _toValue(value: unknown): unknown {
    return value;
  }
  protected override _resolve(type: avro.Type): unknown {
    return type.typeName === this.typeName ? (value: unknown) => value : undefined;
  }
}

const supportedLogicalTypes = [
  'timestamp-millis',
  'timestamp-micros',
  'timestamp-nanos',
  'local-timestamp-millis',
  'local-timestamp-micros',
  'local-timestamp-nanos',
  'date',
  'time-millis',
  'time-micros',
  'decimal',
  'uuid',
  'duration',
] as const;

const logicalTypes: Record<string, typeof LogicalMarker> = Object.fromEntries(
  supportedLogicalTypes.map((name) => [name, LogicalMarker]),
);

/** A shared registry of avsc types, keyed by full name; references are parsed into it first. */
export type AvroNamedTypes = Record<string, avro.Type>;

/** Parses an Avro schema (JSON text) with avsc; named types from `registry` can be referenced. */
export function parseAvroSchema(schemaText: string, registry: AvroNamedTypes = {}): avro.Type {
  const schema = JSON.parse(schemaText) as avro.Schema;
  return avro.Type.forSchema(schema, { registry, logicalTypes, wrapUnions: true });
}

// ---------------------------------------------------------------------------------------------
// Reading

export class AvroDecodeError extends Error {
  override name = 'AvroDecodeError';
}

/** The read position, shared by every reader: decoding is synchronous, so one is enough. */
interface Cursor {
  buf: Buffer;
  pos: number;
  end: number;
}

type Reader = (c: Cursor) => JsonValue;

function truncated(): never {
  throw new AvroDecodeError('the Avro payload ends in the middle of a value');
}

function readVarintRaw(c: Cursor): number {
  // Zigzag-encoded; up to 10 bytes. Numbers keep 53 bits exactly; the long reader re-reads
  // longer varints with BigInt.
  const buf = c.buf;
  let pos = c.pos;
  let b = 0;
  let n = 0;
  let shift = 0;
  do {
    if (pos >= c.end) truncated();
    b = buf[pos++]!;
    if (shift < 28) n |= (b & 0x7f) << shift;
    else n += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80 && shift < 70);
  if (b & 0x80) throw new AvroDecodeError('an Avro varint is longer than 10 bytes');
  c.pos = pos;
  if (shift <= 28) return (n >>> 1) ^ -(n & 1);
  // Float arithmetic beyond 28 bits (n is non-negative: the high groups were added, not or-ed).
  return n % 2 ? -(n + 1) / 2 : n / 2;
}

function readInt(c: Cursor): number {
  const start = c.pos;
  const value = readVarintRaw(c);
  if (c.pos - start > 5 || value > 0x7fffffff || value < -0x80000000)
    throw new AvroDecodeError('an Avro int does not fit 32 bits');
  return value;
}

const TWO_POW_52 = 2 ** 52;

/** A long: a number when it is exact, else its decimal string. */
function readLong(c: Cursor): number | string {
  const start = c.pos;
  const value = readVarintRaw(c);
  // Exact whenever the zigzag value stayed below 2^53, which |value| < 2^52 proves (rounding is
  // monotonic); larger ones are redone with BigInt.
  if (value < TWO_POW_52 && value > -TWO_POW_52) return value;
  let raw = 0n;
  let shift = 0n;
  for (let i = start; i < c.pos; i++) {
    raw |= BigInt(c.buf[i]! & 0x7f) << shift;
    shift += 7n;
  }
  raw = BigInt.asUintN(64, raw);
  const signed = BigInt.asIntN(64, (raw >> 1n) ^ -(raw & 1n));
  return signed <= BigInt(Number.MAX_SAFE_INTEGER) && signed >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(signed)
    : signed.toString();
}

function readLength(c: Cursor): number {
  const len = readVarintRaw(c);
  if (len < 0) throw new AvroDecodeError(`an Avro length is negative (${len})`);
  if (c.pos + len > c.end) truncated();
  return len;
}

const readNull: Reader = () => null;

const readBoolean: Reader = (c) => {
  if (c.pos >= c.end) truncated();
  const b = c.buf[c.pos++]!;
  if (b > 1) throw new AvroDecodeError(`an Avro boolean is 0 or 1, not ${b}`);
  return b === 1;
};

function finiteOrString(n: number): number | string {
  return Number.isFinite(n) ? n : String(n);
}

const readFloat: Reader = (c) => {
  if (c.pos + 4 > c.end) truncated();
  const v = c.buf.readFloatLE(c.pos);
  c.pos += 4;
  return finiteOrString(v);
};

const readDouble: Reader = (c) => {
  if (c.pos + 8 > c.end) truncated();
  const v = c.buf.readDoubleLE(c.pos);
  c.pos += 8;
  return finiteOrString(v);
};

/** Node's unchecked slice decoder, as avsc uses it: Buffer#toString re-validates its arguments. */
type FastBuffer = Buffer & { utf8Slice(start: number, end: number): string };

const hasUtf8Slice = typeof (Buffer.prototype as Partial<FastBuffer>).utf8Slice === 'function';

const readString: Reader = hasUtf8Slice
  ? (c) => {
      const len = readLength(c);
      const start = c.pos;
      c.pos += len;
      return (c.buf as FastBuffer).utf8Slice(start, start + len);
    }
  : (c) => {
      const len = readLength(c);
      const start = c.pos;
      c.pos += len;
      return c.buf.toString('utf8', start, start + len);
    };

const readBytesBase64: Reader = (c) => {
  const len = readLength(c);
  const start = c.pos;
  c.pos += len;
  return c.buf.toString('base64', start, start + len);
};

function fixedBase64(size: number): Reader {
  return (c) => {
    if (c.pos + size > c.end) truncated();
    const start = c.pos;
    c.pos += size;
    return c.buf.toString('base64', start, start + size);
  };
}

// --- logical types ---------------------------------------------------------------------------

const MAX_DATE_MS = 8.64e15;
const MS_PER_DAY = 86_400_000;

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * `new Date(ms).toISOString()` without the Z, about four times faster (timestamps are in most
 * events): days to civil date after Howard Hinnant's algorithm, for years 0000..9999.
 */
function isoDateTime(ms: number): string {
  const days = Math.floor(ms / MS_PER_DAY);
  let rem = ms - days * MS_PER_DAY;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) return new Date(ms).toISOString().slice(0, -1);
  const hour = Math.floor(rem / 3_600_000);
  rem -= hour * 3_600_000;
  const minute = Math.floor(rem / 60_000);
  rem -= minute * 60_000;
  const second = Math.floor(rem / 1000);
  return `${PAD2[Math.floor(year / 100)]}${PAD2[year % 100]}-${PAD2[month]}-${PAD2[day]}T${PAD2[hour]}:${PAD2[minute]}:${PAD2[second]}.${PAD3[rem - second * 1000]}`;
}

function isoFromMillis(ms: number, fraction: string, local: boolean): string {
  const base = fraction ? isoDateTime(ms) + fraction : isoDateTime(ms);
  return local ? base : `${base}Z`;
}

/** Epoch value in `unitsPerMs` (1, 1000, 1e6) as an ISO string; out-of-range values stay numbers. */
function timestampReader(unitsPerMs: 1 | 1000 | 1_000_000, local: boolean): Reader {
  if (unitsPerMs === 1) {
    return (c) => {
      const v = readLong(c);
      if (typeof v !== 'number' || v > MAX_DATE_MS || v < -MAX_DATE_MS) return v;
      return isoFromMillis(v, '', local);
    };
  }
  const units = BigInt(unitsPerMs);
  const digits = unitsPerMs === 1000 ? 3 : 6;
  return (c) => {
    const v = readLong(c);
    let ms: number;
    let sub: number;
    if (typeof v === 'number') {
      ms = Math.floor(v / unitsPerMs);
      sub = v - ms * unitsPerMs;
    } else {
      const big = BigInt(v);
      let q = big / units;
      if (big % units !== 0n && big < 0n) q -= 1n;
      ms = Number(q);
      sub = Number(big - q * units);
    }
    if (ms > MAX_DATE_MS || ms < -MAX_DATE_MS) return v;
    return isoFromMillis(ms, String(sub).padStart(digits, '0'), local);
  };
}

const readDate: Reader = (c) => {
  const days = readInt(c);
  if (days > 100_000_000 || days < -100_000_000) return days;
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
};

function timeOfDay(ms: number, fraction: string): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const milli = ms % 1000;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(milli).padStart(3, '0')}${fraction}`;
}

const readTimeMillis: Reader = (c) => {
  const ms = readInt(c);
  return ms >= 0 && ms < MS_PER_DAY ? timeOfDay(ms, '') : ms;
};

const readTimeMicros: Reader = (c) => {
  const us = readLong(c);
  if (typeof us !== 'number' || us < 0 || us >= MS_PER_DAY * 1000) return us;
  return timeOfDay(Math.floor(us / 1000), String(us % 1000).padStart(3, '0'));
};

/** Two's-complement big-endian bytes with a scale, as an exact decimal string. */
export function formatDecimal(buf: Buffer, start: number, end: number, scale: number): string {
  let unscaled = 0n;
  for (let i = start; i < end; i++) unscaled = (unscaled << 8n) | BigInt(buf[i]!);
  const bits = BigInt((end - start) * 8);
  if (end > start && buf[start]! & 0x80) unscaled -= 1n << bits;
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  } else if (scale < 0) {
    digits = digits + '0'.repeat(-scale);
  }
  return negative ? `-${digits}` : digits;
}

function decimalBytesReader(scale: number): Reader {
  return (c) => {
    const len = readLength(c);
    const start = c.pos;
    c.pos += len;
    return formatDecimal(c.buf, start, start + len, scale);
  };
}

function decimalFixedReader(size: number, scale: number): Reader {
  return (c) => {
    if (c.pos + size > c.end) truncated();
    const start = c.pos;
    c.pos += size;
    return formatDecimal(c.buf, start, start + size, scale);
  };
}

const readUuidFixed: Reader = (c) => {
  if (c.pos + 16 > c.end) truncated();
  const hex = c.buf.toString('hex', c.pos, c.pos + 16);
  c.pos += 16;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

const readDuration: Reader = (c) => {
  if (c.pos + 12 > c.end) truncated();
  const b = c.buf;
  const p = c.pos;
  c.pos += 12;
  return { months: b.readUInt32LE(p), days: b.readUInt32LE(p + 4), milliseconds: b.readUInt32LE(p + 8) };
};

function logicalReader(type: LogicalMarker, compile: (t: avro.Type) => Reader): Reader {
  const underlying = type.underlyingType;
  const base = underlying.typeName;
  switch (type.typeName) {
    case 'logical:timestamp-millis':
    case 'logical:local-timestamp-millis':
      if (base === 'long') return timestampReader(1, type.typeName.startsWith('logical:local'));
      break;
    case 'logical:timestamp-micros':
    case 'logical:local-timestamp-micros':
      if (base === 'long') return timestampReader(1000, type.typeName.startsWith('logical:local'));
      break;
    case 'logical:timestamp-nanos':
    case 'logical:local-timestamp-nanos':
      if (base === 'long') return timestampReader(1_000_000, type.typeName.startsWith('logical:local'));
      break;
    case 'logical:date':
      if (base === 'int') return readDate;
      break;
    case 'logical:time-millis':
      if (base === 'int') return readTimeMillis;
      break;
    case 'logical:time-micros':
      if (base === 'long') return readTimeMicros;
      break;
    case 'logical:decimal':
      if (base === 'bytes') return decimalBytesReader(type.scale);
      if (base === 'fixed') return decimalFixedReader((underlying as avro.types.FixedType).size, type.scale);
      break;
    case 'logical:uuid':
      if (base === 'fixed' && (underlying as avro.types.FixedType).size === 16) return readUuidFixed;
      break;
    case 'logical:duration':
      if (base === 'fixed' && (underlying as avro.types.FixedType).size === 12) return readDuration;
      break;
  }
  return compile(underlying);
}

// --- composite types -------------------------------------------------------------------------

/**
 * Fewest bytes one value of a type can take; used to refuse impossible block counts. `open` holds
 * the records being measured: only a type met again below itself is recursive (a value of it needs
 * a union index or a count to end, so at least a byte). avsc shares one instance of a primitive
 * type among fields, so a type seen before elsewhere is no recursion.
 */
function minSize(type: avro.Type, open = new Set<avro.Type>()): number {
  if (open.has(type)) return 1;
  switch (type.typeName) {
    case 'null':
      return 0;
    case 'float':
      return 4;
    case 'double':
      return 8;
    case 'fixed':
      return (type as avro.types.FixedType).size;
    case 'record':
    case 'error': {
      open.add(type);
      const size = (type as avro.types.RecordType).fields.reduce((sum, f) => sum + minSize(f.type, open), 0);
      open.delete(type);
      return size;
    }
    default:
      if (type.typeName.startsWith('logical:')) return minSize((type as LogicalMarker).underlyingType, open);
      return 1;
  }
}

/** Items of size 0 (nulls, empty records) cost nothing to read: cap what a corrupt count can ask. */
const MAX_ZERO_SIZE_ITEMS = 65_536;

function blockCount(c: Cursor, itemMin: number, total: number): number {
  let n = readVarintRaw(c);
  if (n < 0) {
    n = -n;
    readVarintRaw(c); // the block's size in bytes, only useful for skipping
  }
  if (itemMin > 0 ? n * itemMin > c.end - c.pos : total + n > MAX_ZERO_SIZE_ITEMS) {
    throw new AvroDecodeError(`an Avro block claims ${n} items, more than the payload can hold`);
  }
  return n;
}

function arrayReader(items: Reader, itemMin: number): Reader {
  return (c) => {
    const out: JsonValue[] = [];
    let n: number;
    while ((n = blockCount(c, itemMin, out.length)) !== 0) {
      for (let i = 0; i < n; i++) out.push(items(c));
    }
    return out;
  };
}

function mapReader(values: Reader, valueMin: number): Reader {
  return (c) => {
    const out: Record<string, JsonValue> = {};
    let count = 0;
    let n: number;
    while ((n = blockCount(c, valueMin + 1, count)) !== 0) {
      count += n;
      for (let i = 0; i < n; i++) {
        const key = readString(c) as string;
        const value = values(c);
        if (key === '__proto__')
          Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        else out[key] = value;
      }
    }
    return out;
  };
}

function enumReader(symbols: readonly string[]): Reader {
  return (c) => {
    const i = readVarintRaw(c);
    const symbol = symbols[i];
    if (symbol === undefined)
      throw new AvroDecodeError(`the Avro enum index ${i} is not one of the ${symbols.length} symbols`);
    return symbol;
  };
}

function unionReader(branches: Reader[]): Reader {
  return (c) => {
    const i = readVarintRaw(c);
    const branch = branches[i];
    if (branch === undefined)
      throw new AvroDecodeError(
        `the Avro union branch ${i} does not exist (the union has ${branches.length})`,
      );
    return branch(c);
  };
}

/**
 * A record reader built as one object literal with the field names as constant keys (the way
 * avsc compiles its records): V8 then creates every record with one fixed shape, several times
 * faster than assigning keys in a loop. Names are Avro names, checked by avsc, and quoted with
 * JSON.stringify anyway; `readers` is filled later for recursive records, hence the indirection.
 */
function compiledRecordReader(names: string[], readers: Reader[]): Reader | undefined {
  if (names.includes('__proto__') || names.length > 200) return undefined;
  try {
    const body = `return function readRecord(c) { return { ${names.map((n, i) => `${JSON.stringify(n)}: r[${i}](c)`).join(', ')} }; };`;
    return new Function('r', body)(readers) as Reader;
  } catch {
    return undefined; // code generation disallowed (--disallow-code-generation-from-strings)
  }
}

function recordReader(names: string[], readers: Reader[]): Reader {
  const compiled = compiledRecordReader(names, readers);
  if (compiled) return compiled;
  const count = names.length;
  const unsafe = names.includes('__proto__');
  return (c) => {
    const out: Record<string, JsonValue> = {};
    for (let i = 0; i < count; i++) {
      const value = readers[i]!(c);
      if (unsafe && names[i] === '__proto__')
        Object.defineProperty(out, '__proto__', {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[names[i]!] = value;
    }
    return out;
  };
}

function compileReader(root: avro.Type): Reader {
  const compiled = new Map<avro.Type, Reader>();
  const compile = (type: avro.Type): Reader => {
    const known = compiled.get(type);
    if (known) return known;
    let reader: Reader;
    switch (type.typeName) {
      case 'null':
        reader = readNull;
        break;
      case 'boolean':
        reader = readBoolean;
        break;
      case 'int':
        reader = readInt;
        break;
      case 'long':
      case 'abstract:long':
        reader = readLong;
        break;
      case 'float':
        reader = readFloat;
        break;
      case 'double':
        reader = readDouble;
        break;
      case 'bytes':
        reader = readBytesBase64;
        break;
      case 'string':
        reader = readString;
        break;
      case 'fixed':
        reader = fixedBase64((type as avro.types.FixedType).size);
        break;
      case 'enum':
        reader = enumReader((type as avro.types.EnumType).symbols);
        break;
      case 'array': {
        const items = (type as avro.types.ArrayType).itemsType as avro.Type;
        const itemReader = compile(items);
        reader = arrayReader(itemReader, minSize(items));
        break;
      }
      case 'map': {
        const values = (type as avro.types.MapType).valuesType as avro.Type;
        reader = mapReader(compile(values), minSize(values));
        break;
      }
      case 'union:wrapped':
      case 'union:unwrapped':
        reader = unionReader((type as avro.types.WrappedUnionType).types.map(compile));
        break;
      case 'record':
      case 'error': {
        // Registered before its fields are compiled, so recursive records resolve to it.
        const fields = (type as avro.types.RecordType).fields;
        const readers: Reader[] = [];
        reader = recordReader(
          fields.map((f) => f.name),
          readers,
        );
        compiled.set(type, reader);
        for (const f of fields) readers.push(compile(f.type));
        return reader;
      }
      default:
        if (type instanceof LogicalMarker) {
          reader = logicalReader(type, compile);
          break;
        }
        throw new AvroDecodeError(`the Avro type ${type.typeName} is not supported`);
    }
    compiled.set(type, reader);
    return reader;
  };
  return compile(root);
}

// --- projected reading ----------------------------------------------------------------------

type Skipper = (c: Cursor) => void;

function skipBytes(c: Cursor, n: number): void {
  if (c.pos + n > c.end) truncated();
  c.pos += n;
}

const skipNothing: Skipper = () => undefined;

/** Bytes and strings: the length is read first (`c.pos += readLength(c)` would add it to the old position). */
const skipLengthPrefixed: Skipper = (c) => {
  const len = readLength(c);
  c.pos += len;
};

/**
 * Steps over one value of a type without building it. Each skipper refuses exactly what the
 * matching reader refuses (bounds, 32-bit ints, booleans, enum and union indexes, block counts),
 * so a payload is rejected the same whether a field was read or skipped.
 */
function compileSkipper(root: avro.Type): Skipper {
  const compiled = new Map<avro.Type, Skipper>();
  const compile = (type: avro.Type): Skipper => {
    const known = compiled.get(type);
    if (known) return known;
    let skip: Skipper;
    switch (type.typeName) {
      case 'null':
        skip = skipNothing;
        break;
      case 'boolean':
        skip = (c) => void readBoolean(c);
        break;
      case 'int':
        skip = (c) => void readInt(c);
        break;
      case 'long':
      case 'abstract:long':
        skip = (c) => void readVarintRaw(c);
        break;
      case 'enum': {
        const read = enumReader((type as avro.types.EnumType).symbols);
        skip = (c) => void read(c);
        break;
      }
      case 'float':
        skip = (c) => skipBytes(c, 4);
        break;
      case 'double':
        skip = (c) => skipBytes(c, 8);
        break;
      case 'bytes':
      case 'string':
        skip = skipLengthPrefixed;
        break;
      case 'fixed': {
        const size = (type as avro.types.FixedType).size;
        skip = (c) => skipBytes(c, size);
        break;
      }
      case 'array': {
        const items = (type as avro.types.ArrayType).itemsType as avro.Type;
        const itemSkip = compile(items);
        const itemMin = minSize(items);
        skip = (c) => {
          let total = 0;
          let n: number;
          while ((n = blockCount(c, itemMin, total)) !== 0) {
            total += n;
            for (let i = 0; i < n; i++) itemSkip(c);
          }
        };
        break;
      }
      case 'map': {
        const values = (type as avro.types.MapType).valuesType as avro.Type;
        const valueSkip = compile(values);
        const valueMin = minSize(values) + 1;
        skip = (c) => {
          let total = 0;
          let n: number;
          while ((n = blockCount(c, valueMin, total)) !== 0) {
            total += n;
            for (let i = 0; i < n; i++) {
              skipLengthPrefixed(c);
              valueSkip(c);
            }
          }
        };
        break;
      }
      case 'union:wrapped':
      case 'union:unwrapped': {
        const branches: Skipper[] = [];
        skip = (c) => {
          const i = readVarintRaw(c);
          const branch = branches[i];
          if (branch === undefined)
            throw new AvroDecodeError(
              `the Avro union branch ${i} does not exist (the union has ${branches.length})`,
            );
          branch(c);
        };
        compiled.set(type, skip);
        for (const t of (type as avro.types.WrappedUnionType).types) branches.push(compile(t));
        return skip;
      }
      case 'record':
      case 'error': {
        // Registered before its fields are compiled, so recursive records resolve to it.
        const fields: Skipper[] = [];
        skip = (c) => {
          for (let i = 0; i < fields.length; i++) fields[i]!(c);
        };
        compiled.set(type, skip);
        for (const f of (type as avro.types.RecordType).fields) fields.push(compile(f.type));
        return skip;
      }
      default:
        if (type instanceof LogicalMarker) {
          skip = compile(type.underlyingType);
          break;
        }
        throw new AvroDecodeError(`the Avro type ${type.typeName} is not supported`);
    }
    compiled.set(type, skip);
    return skip;
  };
  return compile(root);
}

/**
 * A record reader that builds only the named fields and skips the bytes of the others, as one
 * generated function (constant keys, one object shape; see compiledRecordReader).
 */
function projectedRecordReader(steps: { name: string | null; run: Reader | Skipper }[]): Reader {
  const named = steps.filter((s) => s.name !== null).map((s) => s.name!);
  if (!named.includes('__proto__') && steps.length <= 200) {
    try {
      const lines = steps.map((s, i) => (s.name === null ? `r[${i}](c);` : `const v${i} = r[${i}](c);`));
      const fields = steps.flatMap((s, i) => (s.name === null ? [] : [`${JSON.stringify(s.name)}: v${i}`]));
      const body = `return function readProjected(c) { ${lines.join(' ')} return { ${fields.join(', ')} }; };`;
      return new Function('r', body)(steps.map((s) => s.run)) as Reader;
    } catch {
      // code generation disallowed: the loop below
    }
  }
  return (c) => {
    const out: Record<string, JsonValue> = {};
    for (const step of steps) {
      const value = step.run(c);
      if (step.name === null) continue;
      if (step.name === '__proto__')
        Object.defineProperty(out, '__proto__', {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[step.name] = value as JsonValue;
    }
    return out;
  };
}

/**
 * A reader that builds only what the projection names: record fields outside the tree are
 * skipped; below a `true` leaf, and for anything that is not a record (or a union of them), the
 * value is read whole with the full reader. The projection is finite, so recursion ends.
 */
function compileProjectedReader(root: avro.Type, tree: ProjectionTree): Reader {
  const full = compileReader(root);
  const fullOf = new Map<avro.Type, Reader>();
  const readWhole = (type: avro.Type): Reader => {
    let reader = fullOf.get(type);
    if (!reader) {
      reader = type === root ? full : compileReader(type);
      fullOf.set(type, reader);
    }
    return reader;
  };
  const skipOf = new Map<avro.Type, Skipper>();
  const skipper = (type: avro.Type): Skipper => {
    let skip = skipOf.get(type);
    if (!skip) {
      skip = compileSkipper(type);
      skipOf.set(type, skip);
    }
    return skip;
  };
  const compile = (type: avro.Type, sub: ProjectionTree | true): Reader => {
    if (sub === true) return readWhole(type);
    switch (type.typeName) {
      case 'record':
      case 'error': {
        const steps = (type as avro.types.RecordType).fields.map((f) => {
          const wanted = Object.hasOwn(sub, f.name) ? sub[f.name]! : undefined;
          return wanted === undefined
            ? { name: null, run: skipper(f.type) }
            : { name: f.name, run: compile(f.type, wanted) };
        });
        return projectedRecordReader(steps);
      }
      case 'union:wrapped':
      case 'union:unwrapped':
        return unionReader((type as avro.types.WrappedUnionType).types.map((t) => compile(t, sub)));
      default:
        return readWhole(type);
    }
  };
  return compile(root, tree);
}

/**
 * How deeply a value of the type can nest objects and arrays, counted generously (every value
 * one level, every union one more); Infinity for a recursive type, whose values nest without bound.
 */
export function avroDepthBound(root: avro.Type): number {
  const known = new Map<avro.Type, number>();
  const open = new Set<avro.Type>();
  const bound = (type: avro.Type): number => {
    const done = known.get(type);
    if (done !== undefined) return done;
    // A type met again below itself: the schema is recursive.
    if (open.has(type)) return Infinity;
    open.add(type);
    let children: avro.Type[] = [];
    switch (type.typeName) {
      case 'record':
      case 'error':
        children = (type as avro.types.RecordType).fields.map((f) => f.type);
        break;
      case 'array':
        children = [(type as avro.types.ArrayType).itemsType as avro.Type];
        break;
      case 'map':
        children = [(type as avro.types.MapType).valuesType as avro.Type];
        break;
      case 'union:wrapped':
      case 'union:unwrapped':
        children = (type as avro.types.WrappedUnionType).types;
        break;
      default:
        if (type instanceof LogicalMarker) children = [type.underlyingType];
    }
    let depth = 1;
    for (const child of children) depth = Math.max(depth, 1 + bound(child));
    open.delete(type);
    known.set(type, depth);
    return depth;
  };
  return bound(root);
}

/** The full names of the record branches of a union (or of the record itself), for recordName. */
function recordNames(type: avro.Type): (string | undefined)[] | string | undefined {
  if (type.typeName === 'record' || type.typeName === 'error') return type.name;
  if (type.typeName === 'union:wrapped' || type.typeName === 'union:unwrapped') {
    return (type as avro.types.WrappedUnionType).types.map((t) =>
      t.typeName === 'record' || t.typeName === 'error' ? t.name : undefined,
    );
  }
  return undefined;
}

export interface AvroDecoder {
  readonly type: avro.Type;
  /** Decodes a whole payload; throws AvroDecodeError when the bytes do not fit the schema. */
  decode(payload: Buffer): { value: JsonValue; recordName?: string };
}

const cursor: Cursor = { buf: Buffer.alloc(0), pos: 0, end: 0 };

/**
 * Compiles a reader for an avsc type, once; decode runs without per-call setup. With a
 * projection, records hold only the fields it names (the others are skipped, not built): for
 * filters, which then decode whole only the records they keep.
 */
export function createAvroDecoder(type: avro.Type, projection?: ValueProjection): AvroDecoder {
  // A projection could hide the depth that makes a whole value "too deep" (an error part), and
  // so change a filter's verdict: where the schema allows that depth, the value is read whole.
  const project = projection && avroDepthBound(type) <= MAX_VALUE_DEPTH;
  const read = project ? compileProjectedReader(type, projection.tree) : compileReader(type);
  const names = recordNames(type);
  const branchNames = Array.isArray(names) ? names : undefined;
  const recordName = typeof names === 'string' ? names : undefined;
  return {
    type,
    decode(payload) {
      cursor.buf = payload;
      cursor.pos = 0;
      cursor.end = payload.length;
      try {
        let name = recordName;
        if (branchNames) {
          // Peek at the top-level union branch for its record name.
          const save = cursor.pos;
          name = branchNames[readVarintRaw(cursor)];
          cursor.pos = save;
        }
        const value = read(cursor);
        if (cursor.pos !== cursor.end) {
          throw new AvroDecodeError(`${cursor.end - cursor.pos} bytes are left after the Avro value`);
        }
        return name === undefined ? { value } : { value, recordName: name };
      } catch (error) {
        if (error instanceof AvroDecodeError) throw error;
        throw new AvroDecodeError((error as Error).message);
      } finally {
        cursor.buf = EMPTY;
      }
    },
  };
}

const EMPTY = Buffer.alloc(0);
