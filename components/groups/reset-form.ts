import type { ResetPreviewBody } from '@/lib/schemas/groups';
import { fromDateTimeInput } from '@/lib/format';
import { parseExplicitOffsets, parsePartitionList } from './format';

/** What the reset form holds, as typed. Pure, so the rules of the form are unit-tested. */
export interface ResetForm {
  scope: 'all' | 'topic' | 'partitions';
  topic: string;
  partitions: string;
  strategy: 'earliest' | 'latest' | 'timestamp' | 'shift' | 'explicit';
  /** A time as typed or pasted, read as UTC unless it names a zone (the rule of every time input). */
  timestamp: string;
  shift: string;
  /** "0=120, 1=80" */
  offsets: string;
}

export type BuiltRequest = { ok: true; body: ResetPreviewBody } | { ok: false; message: string };

export function buildResetRequest(form: ResetForm): BuiltRequest {
  const topic = form.topic.trim();
  let strategy: ResetPreviewBody['strategy'];
  switch (form.strategy) {
    case 'earliest':
    case 'latest':
      strategy = { kind: form.strategy };
      break;
    case 'timestamp': {
      const iso = fromDateTimeInput(form.timestamp);
      if (!iso)
        return {
          ok: false,
          message: form.timestamp.trim()
            ? 'write the time as 2025-02-15 19:14:24 (UTC) or ISO text'
            : 'choose a date and time',
        };
      strategy = { kind: 'timestamp', timestamp: Date.parse(iso) };
      break;
    }
    case 'shift': {
      const by = form.shift.trim();
      if (!/^[+-]?\d{1,18}$/.test(by))
        return { ok: false, message: 'shift by a whole number, e.g. -100 or +50' };
      strategy = { kind: 'shift', by };
      break;
    }
    case 'explicit': {
      // Explicit offsets name their partitions: the scope is exactly those, of one topic.
      if (!topic) return { ok: false, message: 'choose the topic the offsets are for' };
      const offsets = parseExplicitOffsets(form.offsets);
      if (!offsets) return { ok: false, message: 'write offsets as partition=offset, e.g. 0=120, 1=80' };
      return {
        ok: true,
        body: {
          scope: { kind: 'partitions', topic, partitions: offsets.map(([p]) => p) },
          strategy: {
            kind: 'explicit',
            offsets: offsets.map(([partition, offset]) => ({ topic, partition, offset })),
          },
        },
      };
    }
  }
  if (form.scope === 'all') return { ok: true, body: { scope: { kind: 'all' }, strategy } };
  if (!topic) return { ok: false, message: 'choose a topic' };
  if (form.scope === 'topic') return { ok: true, body: { scope: { kind: 'topic', topic }, strategy } };
  const partitions = parsePartitionList(form.partitions);
  if (!partitions) return { ok: false, message: 'list partitions as numbers or ranges, e.g. 0, 2, 4-6' };
  return { ok: true, body: { scope: { kind: 'partitions', topic, partitions }, strategy } };
}
