/**
 * Page cursors: opaque to the browser (base64url JSON in the URL), a set of per-partition
 * positions to the server. Pure.
 *
 * - `forward` reads the page that starts at `positions` (the next offset to read per partition);
 * - `backward` reads the page that ends just before `positions` (exclusive);
 * - `back`, on a forward cursor, is where the page before it started, so "Next" then
 *   "Previous" returns exactly the same page even when timestamps within a partition are out of
 *   order (otherwise "Previous" is computed backwards from the positions).
 *
 * A page covers, per partition, the contiguous offsets between two positions; consecutive pages
 * share their boundary, so paging never skips or repeats a record.
 */

export type ScanDirection = 'forward' | 'backward';

/** Partition → offset. */
export type Positions = Map<number, bigint>;

export interface MessageCursor {
  direction: ScanDirection;
  positions: Positions;
  back?: Positions;
}

export class CursorError extends Error {
  override name = 'CursorError';
}

type WirePositions = [number, string][];
interface WireCursor {
  v: 1;
  d: 'f' | 'b';
  p: WirePositions;
  b?: WirePositions;
}

const toWire = (positions: Positions): WirePositions =>
  [...positions.entries()].sort((a, b) => a[0] - b[0]).map(([p, o]) => [p, o.toString()]);

function fromWire(value: unknown): Positions {
  if (!Array.isArray(value) || value.length === 0 || value.length > 100_000)
    throw new CursorError('the cursor holds no positions');
  const positions: Positions = new Map();
  for (const entry of value) {
    if (!Array.isArray(entry) || entry.length !== 2) throw new CursorError('the cursor is malformed');
    const [partition, offset] = entry as [unknown, unknown];
    if (typeof partition !== 'number' || !Number.isInteger(partition) || partition < 0)
      throw new CursorError('the cursor names an invalid partition');
    if (typeof offset !== 'string' || !/^\d{1,19}$/.test(offset))
      throw new CursorError('the cursor holds an invalid offset');
    if (positions.has(partition)) throw new CursorError('the cursor names a partition twice');
    positions.set(partition, BigInt(offset));
  }
  return positions;
}

export function encodeCursor(cursor: MessageCursor): string {
  const wire: WireCursor = {
    v: 1,
    d: cursor.direction === 'forward' ? 'f' : 'b',
    p: toWire(cursor.positions),
  };
  if (cursor.back) wire.b = toWire(cursor.back);
  return Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): MessageCursor {
  if (text.length > 200_000 || !/^[A-Za-z0-9_-]+$/.test(text))
    throw new CursorError('the cursor is not one this console made');
  let wire: Partial<WireCursor>;
  try {
    wire = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<WireCursor>;
  } catch {
    throw new CursorError('the cursor is not one this console made');
  }
  if (!wire || typeof wire !== 'object' || wire.v !== 1 || (wire.d !== 'f' && wire.d !== 'b'))
    throw new CursorError('the cursor is not one this console made');
  const cursor: MessageCursor = {
    direction: wire.d === 'f' ? 'forward' : 'backward',
    positions: fromWire(wire.p),
  };
  if (wire.b !== undefined) {
    cursor.back = fromWire(wire.b);
    if (cursor.direction !== 'forward') throw new CursorError('the cursor is malformed');
  }
  return cursor;
}

/** Order of records within a page, and of a merge of several partitions: timestamp, then partition, then offset. */
export function compareRecordOrder(
  a: { timestamp: number; partition: number; offset: bigint },
  b: { timestamp: number; partition: number; offset: bigint },
): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  if (a.partition !== b.partition) return a.partition - b.partition;
  return a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0;
}

/** Positions as JSON (offsets as decimal strings), for progress events and responses. */
export function positionsToJson(positions: Positions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [p, o] of [...positions.entries()].sort((a, b) => a[0] - b[0])) out[String(p)] = o.toString();
  return out;
}
