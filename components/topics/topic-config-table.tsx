'use client';
import { useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Skeleton } from '@/components/ui/skeleton';
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
  if (/bytes$/.test(entry.name) && /^\d+$/.test(entry.value) && Number(entry.value) >= 1024) return formatBytes(Number(entry.value));
  return null;
}

/** Every config entry with its value and where it comes from; what differs from Kafka's default stands out. */
export function TopicConfigTable({ clusterId, topic }: { clusterId: string; topic: string }) {
  const config = useTopicConfig(clusterId, topic);
  const [onlyOverrides, setOnlyOverrides] = useState(false);
  const [filter, setFilter] = useState('');
  const entries = useMemo(() => {
    const all = config.data?.configs ?? [];
    const needle = filter.trim().toLowerCase();
    return all.filter((c) => (!onlyOverrides || !c.isDefault) && (needle === '' || c.name.includes(needle)));
  }, [config.data, onlyOverrides, filter]);

  if (config.isPending) {
    return (
      <div className="space-y-2">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-8" />
        ))}
      </div>
    );
  }
  if (config.isError) {
    return <ErrorPanel title="The configuration could not be read" error={config.error} testId="config-error" />;
  }
  const nonDefault = config.data.configs.filter((c) => !c.isDefault).length;

  return (
    <section className="space-y-3">
      <div className="flex flex-wrap items-center gap-4">
        <input
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder="Filter by name"
          aria-label="Filter configuration entries by name"
          className="w-64 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
          data-testid="config-filter"
        />
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={onlyOverrides} onChange={(e) => setOnlyOverrides(e.target.checked)} data-testid="config-only-overrides" />
          Only values that are not Kafka&apos;s default ({nonDefault})
        </label>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white px-4 pb-2 shadow-sm">
        <table className="w-full text-sm" data-testid="config-table">
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
              <th className="py-2.5 pr-4 font-medium">Name</th>
              <th className="py-2.5 pr-4 font-medium">Value</th>
              <th className="py-2.5 font-medium">Source</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((c) => {
              const hint = valueHint(c);
              return (
                <tr key={c.name} className={`border-t border-slate-100 align-baseline ${c.source === 'topic' ? 'bg-sky-50/60' : ''}`} data-testid="config-row" data-name={c.name} data-default={c.isDefault}>
                  <td className="py-1.5 pr-4">
                    <span className={`font-mono text-xs ${c.isDefault ? 'text-slate-600' : 'font-semibold text-slate-900'}`} title={c.documentation ?? undefined}>
                      {c.name}
                    </span>
                  </td>
                  <td className="py-1.5 pr-4 font-mono text-xs [overflow-wrap:anywhere]" data-testid="config-value">
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
                  </td>
                  <td className="py-1.5" data-testid="config-source" title={sourceLabels[c.source].hint}>
                    {c.isDefault ? (
                      <span className="text-xs text-slate-400">{sourceLabels[c.source].text}</span>
                    ) : (
                      <Badge tone={c.source === 'topic' ? 'info' : 'neutral'} testId="config-non-default">
                        {sourceLabels[c.source].text}
                      </Badge>
                    )}
                    {c.readOnly ? <span className="ml-2 text-[11px] text-slate-400">read-only</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {entries.length === 0 ? <p className="py-6 text-center text-sm text-slate-500">No entry matches.</p> : null}
      </div>
      <p className="text-xs text-slate-500">Hover a name for Kafka&apos;s description of it. Values set on the topic are highlighted; broker-level values are not Kafka&apos;s defaults either.</p>
    </section>
  );
}
