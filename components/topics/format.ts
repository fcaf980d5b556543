/** Figures as the topic pages show them. Pure. */

const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

export function formatCount(n: number | string | bigint | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const big = typeof n === 'bigint' ? n : BigInt(typeof n === 'number' ? Math.trunc(n) : n);
  return big.toLocaleString('en-US');
}

/** Milliseconds in config values, said in words next to the number ("7 days"). */
export function describeDuration(ms: string | null): string | null {
  if (ms === null || !/^-?\d+$/.test(ms)) return null;
  if (ms === '9223372036854775807') return 'no limit'; // Long.MAX_VALUE: Kafka's "never"
  const n = Number(ms);
  if (n === -1) return 'forever';
  if (n < 0) return null; // e.g. local.retention.ms -2, "the same as retention.ms"
  const steps: [number, string][] = [
    [365 * 86_400_000, 'year'],
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, name] of steps) {
    if (n >= size && n % size === 0) {
      const count = n / size;
      return `${count} ${name}${count === 1 ? '' : 's'}`;
    }
  }
  return null;
}
