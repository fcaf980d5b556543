import type { DecodedMessage, DecodedPart } from '@/lib/serde/types';

/** Display helpers of the message browser. Pure, unit-tested. */

const PREVIEW_CHARS = 180;

function truncate(text: string, max = PREVIEW_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One line that says what a key or value holds. */
export function partPreview(part: DecodedPart, max = PREVIEW_CHARS): string {
  switch (part.format) {
    case 'null':
      return 'null';
    case 'text':
      return truncate(part.text.replace(/\s+/g, ' '), max);
    case 'binary':
      return truncate(`0x${part.hex}`, max);
    case 'error':
      return truncate(part.reason, max);
    default:
      return truncate(typeof part.value === 'string' ? part.value : JSON.stringify(part.value), max);
  }
}

export type SchemaTone = 'info' | 'neutral' | 'bad' | 'warn';

/** The schema badge: `orders-value v3 #12` for registry formats, else the format. */
export function schemaLabel(part: DecodedPart): { text: string; tone: SchemaTone; title: string } {
  switch (part.format) {
    case 'avro':
    case 'json-schema':
    case 'protobuf': {
      const kind =
        part.format === 'avro' ? 'Avro' : part.format === 'json-schema' ? 'JSON Schema' : 'Protobuf';
      const subject = part.subject
        ? `${part.subject}${part.version !== undefined ? ` v${part.version}` : ''} `
        : '';
      const title = `${kind}, schema id ${part.schemaId}${part.subject ? `, subject ${part.subject} version ${part.version ?? '?'}` : ''}`;
      // A JSON Schema payload that breaks its writer schema is decoded, but worth a second look.
      if (part.format === 'json-schema' && part.valid === false) {
        return {
          text: `${subject}#${part.schemaId} invalid`,
          tone: 'warn',
          title: `${title}; ${part.violations?.length ?? 0} violation(s) of the schema`,
        };
      }
      return { text: `${subject}#${part.schemaId}`, tone: 'info', title };
    }
    case 'error':
      return {
        text: part.schemaId !== undefined ? `undecodable #${part.schemaId}` : 'undecodable',
        tone: 'bad',
        title: `${part.code}: ${part.reason}`,
      };
    case 'null':
      return { text: 'null', tone: 'warn', title: 'No value (a tombstone when the key is set)' };
    case 'json':
      return { text: 'JSON', tone: 'neutral', title: 'Plain JSON, no schema' };
    case 'text':
      return { text: 'text', tone: 'neutral', title: 'UTF-8 text' };
    case 'binary':
      return {
        text: 'binary',
        tone: 'neutral',
        title: part.reason ?? 'Bytes that are not text, shown as hex',
      };
  }
}

/** The decoded content for the detail view: formatted JSON, the text, or hex. */
export function partDetail(part: DecodedPart): string {
  switch (part.format) {
    case 'null':
      return 'null';
    case 'text':
      return part.text;
    case 'binary':
    case 'error':
      return formatHex(part.hex);
    default:
      return JSON.stringify(part.value, null, 2);
  }
}

/** Hex in rows of 16 bytes with offsets, like a hex dump. */
export function formatHex(hex: string): string {
  const rows: string[] = [];
  for (let i = 0; i < hex.length; i += 32) {
    const row = hex.slice(i, i + 32);
    const bytes = row.match(/../g) ?? [];
    const ascii = bytes.map((b) => {
      const c = parseInt(b, 16);
      return c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
    });
    rows.push(`${(i / 2).toString(16).padStart(6, '0')}  ${bytes.join(' ').padEnd(47)}  ${ascii.join('')}`);
  }
  return rows.join('\n');
}

export function base64ToHex(b64: string | null): string {
  if (b64 === null) return '';
  const bin = atob(b64);
  let out = '';
  for (let i = 0; i < bin.length; i++) out += bin.charCodeAt(i).toString(16).padStart(2, '0');
  return out;
}

export function messageId(m: Pick<DecodedMessage, 'partition' | 'offset'>): string {
  return `${m.partition}:${m.offset}`;
}

/** Timestamp, then partition, then offset: the order of every list of messages. */
export function compareMessages(a: DecodedMessage, b: DecodedMessage): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  if (a.partition !== b.partition) return a.partition - b.partition;
  const x = BigInt(a.offset);
  const y = BigInt(b.offset);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Integers beyond 2^53 travel as their exact decimal strings; true when a value holds one. */
export function holdsExactIntegers(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return /^-?\d{16,}$/.test(value) && !Number.isSafeInteger(Number(value));
  if (depth > 50 || value === null || typeof value !== 'object') return false;
  return (Array.isArray(value) ? value : Object.values(value)).some((v) => holdsExactIntegers(v, depth + 1));
}

/**
 * The preview fields of a topic when the URL names none: for a configured event stream, the
 * event type and the aggregate id where they are fields of the value ("field type"), so a list
 * of events reads as OrderPaid, OrderShipped… rather than as the first characters of JSON.
 */
export function defaultPreviewFields(
  stream: { eventTypeFrom: string; aggregateIdFrom: string } | undefined,
): string[] {
  if (!stream) return [];
  return [stream.eventTypeFrom, stream.aggregateIdFrom]
    .filter((s) => s.startsWith('field '))
    .map((s) => s.slice('field '.length));
}

/** `type=OrderPaid · orderId=o-17`: the chosen fields of a decoded value (dot paths), missing ones left out. */
export function previewFields(part: DecodedPart, paths: readonly string[]): string {
  if (!('value' in part) || part.value === null || typeof part.value !== 'object') return '';
  const out: string[] = [];
  for (const path of paths) {
    let node: unknown = part.value;
    for (const key of path.split('.'))
      node =
        node !== null && typeof node === 'object' && Object.hasOwn(node, key)
          ? (node as Record<string, unknown>)[key]
          : undefined;
    if (node !== undefined) out.push(`${path}=${typeof node === 'string' ? node : JSON.stringify(node)}`);
  }
  return out.join(' · ');
}
