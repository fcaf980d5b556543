/**
 * Every figure the console shows, formatted one way. Pure (no React, no Next.js), so pages and
 * tests share it.
 *
 * Use: `formatBytes(1536)` → "1.5 KiB"; `formatCount('9007199254740993')` → "9,007,199,254,740,993";
 * `formatTimestamp(ms)` → "2025-02-15 19:14:24.569" (always UTC); `formatElapsed(2300)` → "2.3 s";
 * `describeDuration('604800000')` → "7 days". Missing values (null/undefined) come out as "—".
 * Offsets, lags and counts travel as decimal strings because they can exceed 2^53: pass them as
 * strings, not numbers.
 */

/** What a missing figure looks like everywhere. */
export const MISSING = '—';

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Sizes in binary units (what Kafka's log segments and `du` report): "1023 B", "1.5 KiB", "300 GiB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return MISSING;
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${BINARY_UNITS[unit]}`;
}

const grouping = new Intl.NumberFormat('en-US');

/** A count with thousands separators, exact beyond 2^53 when given as a decimal string or bigint. */
export function formatCount(n: number | string | bigint | null | undefined): string {
  if (n === null || n === undefined) return MISSING;
  if (typeof n === 'number') return Number.isFinite(n) ? grouping.format(Math.trunc(n)) : MISSING;
  if (typeof n === 'bigint') return grouping.format(n);
  return /^-?\d+$/.test(n.trim()) ? grouping.format(BigInt(n.trim())) : MISSING;
}

/** A signed change: "+5", "−1,500" (a real minus sign), "0". */
export function formatSignedCount(delta: bigint): string {
  if (delta === 0n) return '0';
  return delta > 0n ? `+${grouping.format(delta)}` : `−${grouping.format(-delta)}`;
}

/** Records per second while scanning: "850/s", "12.5k/s", "1.25M/s". */
export function formatRate(perSec: number): string {
  if (perSec >= 1_000_000) return `${(perSec / 1_000_000).toFixed(2)}M/s`;
  if (perSec >= 1000) return `${(perSec / 1000).toFixed(1)}k/s`;
  return `${Math.round(perSec)}/s`;
}

function validTime(ms: number): boolean {
  return Number.isFinite(ms) && ms >= 0 && ms <= 8.64e15;
}

/**
 * A point in time as UTC, ISO-like but readable: "2025-02-15 19:14:24.569". Kafka timestamps
 * are UTC and teams compare them with logs from several zones, so the console never shows local time.
 * `precision: 's'` drops the milliseconds.
 */
export function formatTimestamp(ms: number, precision: 'ms' | 's' = 'ms'): string {
  if (!validTime(ms)) return MISSING;
  const iso = new Date(ms).toISOString().replace('T', ' ');
  return precision === 's' ? iso.slice(0, 19) : iso.replace('Z', '');
}

/** The UTC day of a time: "2025-02-15". */
export function formatDay(ms: number): string {
  return validTime(ms) ? new Date(ms).toISOString().slice(0, 10) : MISSING;
}

/** The UTC time of day: "19:14:24" (chart axes and "read at" notes). */
export function formatTimeOfDay(ms: number): string {
  return validTime(ms) ? new Date(ms).toISOString().slice(11, 19) : MISSING;
}

/** A datetime-local input value (UTC, to the millisecond) for an ISO time or epoch ms. */
export function toDateTimeInput(value: string | undefined): string {
  if (!value) return '';
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!validTime(ms)) return '';
  return new Date(ms).toISOString().slice(0, 23);
}

/**
 * A typed or pasted time read as UTC (unless it names a zone), as an ISO time: the one time zone
 * rule of every time input. Takes "2025-02-15 19:14", "2025-02-15T19:14:24.569" and ISO text
 * with "Z" or an offset.
 */
export function fromDateTimeInput(input: string): string | undefined {
  const value = input.trim().replace(/^(\d{4}-\d\d-\d\d) +/, '$1T');
  if (!value) return undefined;
  const ms = Date.parse(`${value}${/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? '' : 'Z'}`);
  return validTime(ms) ? new Date(ms).toISOString() : undefined;
}

/** How long something took: "850 ms", "2.3 s", "4 min 05 s", "2 h 03 min", "34 d 06 h". */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return MISSING;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  const hours = Math.floor(minutes / 60);
  // Past two days, hours and minutes are hard to read ("822 h 57 min"): days and hours say it.
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${String(hours % 24).padStart(2, '0')} h`;
}

const DURATION_STEPS: [number, string][] = [
  [365 * 86_400_000, 'year'],
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second'],
];

/**
 * A configured duration in milliseconds (a decimal string, as Kafka's configs hold it) said in
 * words next to the number: "7 days", "forever"; null when no whole unit says it better.
 */
export function describeDuration(ms: string | null): string | null {
  if (ms === null || !/^-?\d+$/.test(ms)) return null;
  if (ms === '9223372036854775807') return 'no limit'; // Long.MAX_VALUE: Kafka's "never"
  const n = Number(ms);
  if (n === -1) return 'forever';
  if (n < 0) return null; // e.g. local.retention.ms -2, "the same as retention.ms"
  for (const [size, name] of DURATION_STEPS) {
    if (n >= size && n % size === 0) {
      const count = n / size;
      return `${count} ${name}${count === 1 ? '' : 's'}`;
    }
  }
  return null;
}

/** "1 topic", "3 topics": a count and its noun. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
