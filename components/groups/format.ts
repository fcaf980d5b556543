import { formatSignedCount } from '@/lib/format';

/** Display helpers of the group pages: offset moves, assignments, and the reset form's lists. Pure. */

/** The move of one partition: "+5", "−3", "0", or "new" where nothing was committed. */
export function formatDelta(current: string | null, target: string): string {
  if (current === null) return 'new';
  return formatSignedCount(BigInt(target) - BigInt(current));
}

/** "orders: 0, 1, 2 · payments: 3". */
export function formatAssignment(assignment: { topic: string; partitions: number[] }[] | null): string {
  if (assignment === null) return 'not readable (not the consumer protocol)';
  if (assignment.length === 0) return 'none';
  return assignment.map((a) => `${a.topic}: ${a.partitions.join(', ')}`).join(' · ');
}

/** "0,2, 5-7" → [0, 2, 5, 6, 7]; null when the text is not a list of partitions. */
export function parsePartitionList(text: string): number[] | null {
  const out = new Set<number>();
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  for (const part of parts) {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to < from || to - from > 10_000) return null;
      for (let p = from; p <= to; p++) out.add(p);
    } else if (/^\d+$/.test(part)) out.add(Number(part));
    else return null;
  }
  return [...out].sort((a, b) => a - b);
}

/** "0=120, 1=80" → [[0, "120"], [1, "80"]]; null when malformed. */
export function parseExplicitOffsets(text: string): [number, string][] | null {
  const parts = text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  const out: [number, string][] = [];
  for (const part of parts) {
    const m = /^(\d+)\s*[=:]\s*(\d+)$/.exec(part);
    if (!m) return null;
    out.push([Number(m[1]), m[2]!]);
  }
  return out;
}
