'use client';
import type { DecodedMessage } from '@/lib/serde/types';
import { formatBytes, formatTimestamp } from '@/lib/format';
import { messageId, partPreview, schemaLabel, type SchemaTone } from './format-message';

const toneClass: Record<SchemaTone, string> = {
  info: 'bg-sky-50 text-sky-800 ring-sky-200',
  neutral: 'bg-slate-100 text-slate-700 ring-slate-200',
  bad: 'bg-rose-50 text-rose-700 ring-rose-200',
  warn: 'bg-amber-50 text-amber-800 ring-amber-200',
};

export function SchemaBadge({ message, testId }: { message: DecodedMessage; testId?: string }) {
  const s = schemaLabel(message.value);
  return (
    <span className={`inline-flex max-w-full items-center truncate rounded px-1.5 py-px font-mono text-[11px] ring-1 ring-inset ${toneClass[s.tone]}`} title={s.title} data-testid={testId}>
      {s.text}
    </span>
  );
}

/** The results: one dense row per message; a click opens the detail drawer. */
export function MessageTable({ messages, selected, onSelect }: { messages: DecodedMessage[]; selected: string | null; onSelect: (id: string) => void }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full table-fixed border-collapse text-left text-xs" data-testid="message-table">
        <colgroup>
          <col className="w-10" />
          <col className="w-20" />
          <col className="w-48" />
          <col className="w-40" />
          <col />
          <col className="w-48" />
          <col className="w-16" />
        </colgroup>
        <thead className="sticky top-0 z-10 bg-slate-50 text-[11px] uppercase tracking-wide text-slate-500">
          <tr className="border-b border-slate-200">
            <th className="px-2 py-1.5 font-medium" title="Partition">P</th>
            <th className="px-2 py-1.5 text-right font-medium">Offset</th>
            <th className="px-2 py-1.5 font-medium">Timestamp (UTC)</th>
            <th className="px-2 py-1.5 font-medium">Key</th>
            <th className="px-2 py-1.5 font-medium">Value</th>
            <th className="px-2 py-1.5 font-medium">Schema</th>
            <th className="px-2 py-1.5 text-right font-medium">Size</th>
          </tr>
        </thead>
        <tbody className="whitespace-nowrap font-mono">
          {messages.map((m) => {
            const id = messageId(m);
            const isSelected = id === selected;
            const failed = m.value.format === 'error' || m.key.format === 'error';
            return (
              <tr
                key={id}
                onClick={() => onSelect(id)}
                className={`cursor-pointer border-b border-slate-100 ${isSelected ? 'bg-sky-50' : 'hover:bg-slate-50'}`}
                data-testid="message-row"
                data-partition={m.partition}
                data-offset={m.offset}
                aria-selected={isSelected}
              >
                <td className="px-2 py-1 tabular-nums text-slate-500">{m.partition}</td>
                <td className="px-2 py-1 text-right tabular-nums text-slate-700">{m.offset}</td>
                <td className="px-2 py-1 tabular-nums text-slate-600" title={`${m.timestampType === 'log-append' ? 'LogAppendTime' : 'CreateTime'} ${m.timestamp}`}>
                  {formatTimestamp(m.timestamp)}
                </td>
                <td className="truncate px-2 py-1 text-slate-800" title={partPreview(m.key, 1000)}>
                  {m.key.format === 'null' ? <span className="text-slate-400">null</span> : partPreview(m.key, 80)}
                </td>
                <td className={`truncate px-2 py-1 ${failed ? 'text-rose-700' : 'text-slate-700'}`} title={partPreview(m.value, 2000)} data-testid="message-value">
                  {m.value.format === 'error' ? <span>⚠ {m.value.reason}</span> : m.value.format === 'null' ? <span className="text-amber-700">tombstone</span> : partPreview(m.value)}
                </td>
                <td className="px-2 py-1">
                  <SchemaBadge message={m} testId="schema-badge" />
                </td>
                <td className="px-2 py-1 text-right tabular-nums text-slate-500">{formatBytes(m.size.key + m.size.value)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
