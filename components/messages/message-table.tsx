'use client';
import { useMemo, type ReactNode, type Ref } from 'react';
import { Table, type Column } from '@/components/ui/table';
import type { DecodedMessage } from '@/lib/serde/types';
import { formatBytes, formatTimestamp } from '@/lib/format';
import { messageId, partPreview, previewFields, schemaLabel, type SchemaTone } from './format-message';

const toneClass: Record<SchemaTone, string> = {
  info: 'bg-sky-50 text-sky-800 ring-sky-200',
  neutral: 'bg-slate-100 text-slate-700 ring-slate-200',
  bad: 'bg-rose-50 text-rose-700 ring-rose-200',
  warn: 'bg-amber-50 text-amber-800 ring-amber-200',
};

export function SchemaBadge({ message, testId }: { message: DecodedMessage; testId?: string }) {
  const s = schemaLabel(message.value);
  return (
    <span
      className={`inline-flex max-w-full items-center truncate rounded px-1.5 py-px font-mono text-[11px] ring-1 ring-inset ${toneClass[s.tone]}`}
      title={s.title}
      data-testid={testId}
    >
      {s.text}
    </span>
  );
}

function messageColumns(preview: readonly string[]): Column<DecodedMessage>[] {
  return [
    {
      id: 'partition',
      header: 'P',
      headerTitle: 'Partition',
      width: 'w-10',
      mono: true,
      className: 'tabular-nums text-slate-500',
      cell: (m) => m.partition,
    },
    {
      id: 'offset',
      header: 'Offset',
      width: 'w-20',
      numeric: true,
      mono: true,
      className: 'text-slate-700',
      cell: (m) => m.offset,
    },
    {
      id: 'timestamp',
      header: 'Timestamp (UTC)',
      // Wide enough for the milliseconds: rows of one second differ only there.
      width: 'w-48',
      mono: true,
      className: 'tabular-nums text-slate-600',
      title: (m) => `${m.timestampType === 'log-append' ? 'LogAppendTime' : 'CreateTime'} ${m.timestamp}`,
      cell: (m) => formatTimestamp(m.timestamp),
    },
    {
      id: 'key',
      header: 'Key',
      width: 'w-28 xl:w-40',
      mono: true,
      className: 'text-slate-800',
      title: (m) => partPreview(m.key, 1000),
      cell: (m) =>
        m.key.format === 'null' ? <span className="text-slate-400">null</span> : partPreview(m.key, 80),
    },
    {
      id: 'value',
      header: 'Value',
      mono: true,
      className: (m) =>
        m.value.format === 'error' || m.key.format === 'error' ? 'text-rose-700' : 'text-slate-700',
      title: (m) => partPreview(m.value, 2000),
      testId: 'message-value',
      cell: (m) => {
        if (m.value.format === 'error') return <span>⚠ {m.value.reason}</span>;
        if (m.value.format === 'null') return <span className="text-amber-700">tombstone</span>;
        // The preview fields first (event type, aggregate id…), then the value as it starts.
        const fields = preview.length ? previewFields(m.value, preview) : '';
        return fields ? (
          <>
            <span className="font-semibold text-slate-900" data-testid="message-preview-fields">
              {fields}
            </span>
            <span className="text-slate-400"> │ </span>
            {partPreview(m.value)}
          </>
        ) : (
          partPreview(m.value)
        );
      },
    },
    {
      id: 'schema',
      header: 'Schema',
      width: 'w-28 xl:w-48',
      cell: (m) => <SchemaBadge message={m} testId="schema-badge" />,
    },
    {
      id: 'size',
      header: 'Size',
      width: 'w-16',
      numeric: true,
      mono: true,
      className: 'text-slate-500',
      cell: (m) => formatBytes(m.size.key + m.size.value),
    },
  ];
}

/** The results: one dense row per message, scrolling under a header that stays; a click opens the detail drawer. */
export function MessageTable({
  messages,
  selected,
  onSelect,
  loading,
  empty,
  scrollRef,
  preview = [],
}: {
  messages: DecodedMessage[];
  selected: string | null;
  onSelect: (id: string) => void;
  loading: boolean;
  empty: ReactNode;
  scrollRef: Ref<HTMLDivElement>;
  /** Dot paths of value fields shown at the start of the value column. */
  preview?: readonly string[];
}) {
  const previewKey = preview.join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the joined paths, not the array's identity
  const columns = useMemo(() => messageColumns(preview), [previewKey]);
  return (
    <Table
      columns={columns}
      rows={loading ? undefined : messages}
      rowKey={messageId}
      loading={loading}
      loadingRows={8}
      loadingStyle="lines"
      density="compact"
      fixed
      stickyHeader
      scroll="max-h-[calc(100vh-22rem)] min-h-48"
      scrollRef={scrollRef}
      selectedKey={selected}
      onRowClick={(m) => onSelect(messageId(m))}
      testId="message-table"
      rowTestId="message-row"
      rowData={(m) => ({ 'data-partition': m.partition, 'data-offset': m.offset })}
      empty={empty}
      emptyTestId="no-messages"
    />
  );
}
