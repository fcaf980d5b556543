'use client';
import { Button } from '@/components/ui/button';
import { Field, FIELD_LABEL, Input, Select } from '@/components/ui/field';

/** Codecs of a record batch; zstd is native on the server's Node.js. */
const COMPRESSIONS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

export interface HeaderRow {
  id: number;
  name: string;
  value: string;
}

/** The record around the value: its key, its partition, and its headers. */
export function RecordFields({
  recordKey,
  onKey,
  partition,
  onPartition,
  partitionCount,
  headers,
  onHeaders,
  compression,
  onCompression,
}: {
  recordKey: string;
  onKey: (key: string) => void;
  partition: 'auto' | number;
  onPartition: (partition: 'auto' | number) => void;
  partitionCount: number;
  headers: HeaderRow[];
  onHeaders: (headers: HeaderRow[]) => void;
  compression: Compression;
  onCompression: (compression: Compression) => void;
}) {
  return (
    <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <legend className="px-1 text-sm font-semibold text-slate-700">Record</legend>
      <Field label="Key (text)">
        <Input
          value={recordKey}
          onChange={(e) => onKey(e.target.value)}
          mono
          className="w-full"
          placeholder="none"
          testId="produce-key"
        />
      </Field>
      <Field label="Partition">
        <Select
          value={partition === 'auto' ? 'auto' : String(partition)}
          onChange={(e) => onPartition(e.target.value === 'auto' ? 'auto' : Number(e.target.value))}
          className="w-full"
          testId="produce-partition"
        >
          <option value="auto">auto (by key; round-robin if none)</option>
          {Array.from({ length: partitionCount }, (_, p) => (
            <option key={p} value={String(p)}>
              {p}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Compression">
        <Select
          value={compression}
          onChange={(e) => onCompression(e.target.value as Compression)}
          className="w-full"
          testId="produce-compression"
        >
          {COMPRESSIONS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </Select>
      </Field>
      <HeaderFields headers={headers} onChange={onHeaders} />
    </fieldset>
  );
}

function HeaderFields({
  headers,
  onChange,
}: {
  headers: HeaderRow[];
  onChange: (headers: HeaderRow[]) => void;
}) {
  const update = (id: number, change: Partial<HeaderRow>) =>
    onChange(headers.map((x) => (x.id === id ? { ...x, ...change } : x)));
  const problem = headersProblem(headers);
  return (
    <div>
      <span className={FIELD_LABEL}>Headers</span>
      <div className="space-y-1.5">
        {headers.map((h, i) => (
          <div key={h.id} className="flex items-center gap-1.5" data-testid="produce-header-row">
            <Input
              value={h.name}
              onChange={(e) => update(h.id, { name: e.target.value })}
              placeholder="name"
              aria-label={`Header ${i + 1} name`}
              mono
              className="w-0 flex-1 text-xs"
              testId="produce-header-name"
            />
            <span className="text-slate-400">=</span>
            <Input
              value={h.value}
              onChange={(e) => update(h.id, { value: e.target.value })}
              placeholder="value"
              aria-label={`Header ${i + 1} value`}
              mono
              className="w-0 flex-1 text-xs"
              testId="produce-header-value"
            />
            <Button
              variant="quiet"
              size="xs"
              onClick={() => onChange(headers.filter((x) => x.id !== h.id))}
              aria-label={`Remove header ${i + 1}`}
            >
              ✕
            </Button>
          </div>
        ))}
      </div>
      <Button
        variant="ghost"
        size="xs"
        className="-ml-2.5 mt-1"
        onClick={() => onChange([...headers, { id: Date.now() + headers.length, name: '', value: '' }])}
        testId="produce-add-header"
      >
        + Add header
      </Button>
      {problem ? <p className="mt-1 text-xs text-rose-700">{problem}</p> : null}
    </div>
  );
}

/** Why the headers cannot be sent as they are, or null. */
export function headersProblem(headers: HeaderRow[]): string | null {
  const names = headers.map((h) => h.name).filter((n) => n !== '');
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) return `Header “${duplicate}” is given twice.`;
  if (headers.some((h) => h.name === '' && h.value !== '')) return 'A header with a value needs a name.';
  return null;
}
