'use client';
import { useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Checkbox } from '@/components/ui/field';
import { Table, type Column } from '@/components/ui/table';
import { SearchBox } from '@/components/ui/search-box';
import { Toolbar } from '@/components/ui/toolbar';
import { useTopicConfig } from '@/lib/queries/topics/topic-config-query';
import type { TopicConfig } from '@/lib/schemas/topics';
import { describeDuration, formatBytes } from '@/lib/format';

type Entry = TopicConfig['configs'][number];

const sourceLabels: Record<Entry['source'], { text: string; hint: string }> = {
  topic: { text: 'set on topic', hint: 'A topic-level override' },
  'dynamic-broker': { text: 'broker (dynamic)', hint: "This broker's dynamic configuration" },
  'dynamic-default-broker': { text: 'cluster (dynamic)', hint: 'The dynamic default of every broker' },
  'static-broker': { text: 'broker (static)', hint: "The broker's server.properties" },
  default: { text: 'default', hint: "Kafka's built-in default" },
  unknown: { text: 'unknown', hint: 'The broker did not say' },
};

function valueHint(entry: Entry): string | null {
  if (entry.value === null) return null;
  if (/\.ms$/.test(entry.name) || entry.value === '9223372036854775807') return describeDuration(entry.value);
  if (/bytes$/.test(entry.name) && /^\d+$/.test(entry.value) && Number(entry.value) >= 1024)
    return formatBytes(Number(entry.value));
  return null;
}

const columns: Column<Entry>[] = [
  {
    id: 'name',
    header: 'Name',
    cell: (c) => (
      <span
        className={`font-mono text-xs ${c.isDefault ? 'text-slate-600' : 'font-semibold text-slate-900'}`}
        title={c.documentation ?? undefined}
      >
        {c.name}
      </span>
    ),
  },
  {
    id: 'value',
    header: 'Value',
    mono: true,
    className: 'text-xs [overflow-wrap:anywhere]',
    testId: 'config-value',
    cell: (c) => {
      const hint = valueHint(c);
      return (
        <>
          {c.isSensitive ? (
            <span className="text-slate-400" title="Sensitive: the broker does not reveal it">
              ●●●●●● (sensitive)
            </span>
          ) : c.value === null || c.value === '' ? (
            <span className="text-slate-400">{c.value === null ? 'unset' : 'empty'}</span>
          ) : (
            <span className={c.isDefault ? 'text-slate-600' : 'text-slate-900'}>{c.value}</span>
          )}
          {hint ? <span className="ml-2 font-sans text-slate-400">({hint})</span> : null}
        </>
      );
    },
  },
  {
    id: 'source',
    header: 'Source',
    testId: 'config-source',
    title: (c) => sourceLabels[c.source].hint,
    cell: (c) => (
      <>
        {c.isDefault ? (
          <span className="text-xs text-slate-400">{sourceLabels[c.source].text}</span>
        ) : (
          <Badge tone={c.source === 'topic' ? 'info' : 'neutral'} testId="config-non-default">
            {sourceLabels[c.source].text}
          </Badge>
        )}
        {c.readOnly ? <span className="ml-2 text-[11px] text-slate-400">read-only</span> : null}
      </>
    ),
  },
];

/** Every config entry with its value and where it comes from; what differs from Kafka's default stands out. */
export function TopicConfigTable({ clusterId, topic }: { clusterId: string; topic: string }) {
  const config = useTopicConfig(clusterId, topic);
  const [onlyOverrides, setOnlyOverrides] = useState(false);
  const [filter, setFilter] = useState('');
  const entries = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return config.data?.configs.filter(
      (c) => (!onlyOverrides || !c.isDefault) && (needle === '' || c.name.includes(needle)),
    );
  }, [config.data, onlyOverrides, filter]);

  if (config.isError) {
    return (
      <ErrorPanel title="The configuration could not be read" error={config.error} testId="config-error" />
    );
  }
  const nonDefault = config.data?.configs.filter((c) => !c.isDefault).length ?? 0;

  return (
    <section className="space-y-3">
      <Toolbar>
        <SearchBox
          value={filter}
          onChange={setFilter}
          placeholder="Filter by name"
          label="Filter configuration entries by name"
          className="w-64"
          testId="config-filter"
        />
        <Checkbox checked={onlyOverrides} onChange={setOnlyOverrides} testId="config-only-overrides">
          Only values that are not Kafka&apos;s default ({nonDefault})
        </Checkbox>
      </Toolbar>
      <Table
        columns={columns}
        rows={entries}
        rowKey={(c) => c.name}
        loading={config.isPending}
        loadingRows={4}
        testId="config-table"
        rowTestId="config-row"
        rowData={(c) => ({ 'data-name': c.name, 'data-default': c.isDefault })}
        rowClassName={(c) => `align-baseline ${c.source === 'topic' ? 'bg-sky-50/60' : ''}`}
        empty="No entry matches."
      />
      <p className="text-xs text-slate-500">
        Hover a name for Kafka&apos;s description of it. Values set on the topic are highlighted; broker-level
        values are not Kafka&apos;s defaults either.
      </p>
    </section>
  );
}
