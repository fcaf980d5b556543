'use client';
import Link from 'next/link';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { formatBytes } from '@/lib/format';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Skeleton } from '@/components/ui/skeleton';
import { avroTemplate } from '@/lib/produce/avro-template';
import { usePreviewProduce } from '@/lib/queries/topics/produce-preview-mutation';
import { useProduce } from '@/lib/queries/topics/produce-mutation';
import { useProduceOptions } from '@/lib/queries/topics/produce-options-query';
import type { ProduceEncoding, ProduceInput, ProduceSummary } from '@/lib/schemas/topics';
import { useHasRole } from '@/lib/queries/clusters/cluster-role-query';

interface HeaderRow {
  id: number;
  name: string;
  value: string;
}

const input = 'rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm';
const label = 'mb-1 block text-xs font-medium uppercase tracking-wide text-slate-500';

function Summary({ summary }: { summary: ProduceSummary }) {
  const partition =
    summary.partitionChoice === 'explicit'
      ? `${summary.partition}`
      : summary.partitionChoice === 'by-key'
        ? `${summary.partition} (from the key, murmur2)`
        : 'round-robin (no key)';
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5" data-testid="produce-summary">
      <dt className="text-slate-500">Topic</dt>
      <dd className="font-mono font-semibold">{summary.topic}</dd>
      <dt className="text-slate-500">Partition</dt>
      <dd className="font-mono" data-testid="summary-partition">
        {partition}
      </dd>
      <dt className="text-slate-500">Key</dt>
      <dd className="font-mono [overflow-wrap:anywhere]" data-testid="summary-key">
        {summary.key === null ? <span className="text-slate-400">none</span> : summary.key}
      </dd>
      <dt className="text-slate-500">Headers</dt>
      <dd className="font-mono text-xs">
        {summary.headers.length === 0 ? (
          <span className="text-slate-400">none</span>
        ) : (
          summary.headers.map((h) => (
            <div key={h.name} className="[overflow-wrap:anywhere]">
              {h.name} = {h.value}
            </div>
          ))
        )}
      </dd>
      <dt className="text-slate-500">Encoding</dt>
      <dd>{summary.encoding === 'avro' ? 'Avro, Confluent framing' : summary.encoding === 'json' ? 'JSON (UTF-8)' : 'text (UTF-8)'}</dd>
      {summary.schema ? (
        <>
          <dt className="text-slate-500">Schema</dt>
          <dd data-testid="summary-schema">
            <span className="font-mono">{summary.schema.subject}</span> version {summary.schema.version}, id <span className="font-mono font-semibold">{summary.schema.id}</span>
          </dd>
        </>
      ) : null}
      <dt className="text-slate-500">Encoded size</dt>
      <dd data-testid="summary-size">
        value {formatBytes(summary.valueSize)} ({summary.valueSize} bytes){summary.keySize ? `, key ${summary.keySize} bytes` : ''}
      </dd>
    </dl>
  );
}

/**
 * Produce one message: key, headers, partition, and a value typed as JSON (sent as JSON, as
 * text, or encoded to Avro against a subject version). "Review" checks and encodes it on the
 * server without sending; the confirm step shows exactly what will be sent.
 */
export function ProduceForm({ clusterId, topic }: { clusterId: string; topic: string }) {
  const [subject, setSubject] = useState<string | undefined>(undefined);
  const [version, setVersion] = useState<string>('latest');
  const options = useProduceOptions(clusterId, topic, subject, version);
  const [encoding, setEncoding] = useState<ProduceEncoding | null>(null);
  const [key, setKey] = useState('');
  const [headers, setHeaders] = useState<HeaderRow[]>([]);
  const [partition, setPartition] = useState<'auto' | number>('auto');
  const [value, setValue] = useState('');
  const [confirming, setConfirming] = useState(false);
  const preview = usePreviewProduce(clusterId, topic);
  const produce = useProduce(clusterId, topic);
  const maySend = useHasRole(clusterId, 'operator');

  const registry = options.data?.registry;
  const registryUp = registry?.status === 'up' ? registry : null;
  const subjectExists = !!registryUp && registryUp.versions.length > 0;

  // Until the user picks: Avro when the chosen subject (the topic's own by default) exists.
  const chosenEncoding: ProduceEncoding = encoding ?? (subjectExists ? 'avro' : 'json');

  const body: ProduceInput = useMemo(
    () => ({
      key: key === '' ? null : key,
      headers: headers.filter((h) => h.name !== '' || h.value !== '').map(({ name, value: v }) => ({ name, value: v })),
      partition: partition === 'auto' ? null : partition,
      encoding: chosenEncoding,
      value,
      ...(chosenEncoding === 'avro' ? { subject: registryUp?.subject ?? options.data?.defaultSubject, version: version === 'latest' ? 'latest' : Number(version) } : {}),
    }),
    [key, headers, partition, chosenEncoding, value, registryUp?.subject, options.data?.defaultSubject, version],
  );

  // A change makes the last check stale.
  const { reset: resetPreview } = preview;
  useEffect(() => {
    resetPreview();
  }, [body, resetPreview]);

  const headerNames = headers.map((h) => h.name).filter((n) => n !== '');
  const duplicateHeader = headerNames.find((n, i) => headerNames.indexOf(n) !== i);
  const emptyHeaderName = headers.some((h) => h.name === '' && h.value !== '');

  const review = (e: FormEvent) => {
    e.preventDefault();
    produce.reset();
    preview.mutate(body, { onSuccess: (result) => setConfirming(result.valid) });
  };
  const send = () => produce.mutate(body, { onSuccess: () => setConfirming(false) });

  const schemaText = registryUp?.schema?.schema;
  const insertTemplate = () => {
    if (!schemaText) return;
    try {
      setValue(JSON.stringify(avroTemplate(JSON.parse(schemaText)), null, 2));
    } catch {
      // A schema that is not JSON: nothing to insert.
    }
  };

  if (options.isPending) {
    return (
      <div className="space-y-3">
        <Skeleton className="h-10" />
        <Skeleton className="h-48" />
      </div>
    );
  }
  if (options.isError) {
    return <ErrorPanel title="The produce form could not be prepared" error={options.error} testId="produce-options-error" />;
  }
  const { partitionCount, readOnly } = options.data;
  const previewData = preview.data;
  const produced = produce.data;

  return (
    <div className="space-y-4">
      {readOnly ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="produce-read-only">
          This cluster is read-only: a message can be checked here, but the console will not send it.
        </p>
      ) : !maySend ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="produce-viewer">
          You are a viewer on this cluster: a message can be checked here; sending it needs an operator.
        </p>
      ) : null}

      {produced ? (
        <div className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900" data-testid="produce-result">
          <div className="font-semibold">
            Sent to partition <span data-testid="produced-partition">{produced.partition}</span> at offset <span data-testid="produced-offset">{produced.offset}</span>
            {produced.schema ? ` with schema id ${produced.schema.id}` : ''}.
          </div>
          <Link
            href={`/clusters/${clusterId}/topics/${encodeURIComponent(topic)}/messages?partition=${produced.partition}&offset=${produced.offset}`}
            className="mt-1 inline-block text-emerald-800 underline hover:text-emerald-950"
            data-testid="produced-message-link"
          >
            Open this message in the Messages tab
          </Link>
        </div>
      ) : null}

      <form onSubmit={review} className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-4">
          <fieldset className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <legend className="px-1 text-sm font-semibold text-slate-700">Value</legend>
            <div className="mb-3 flex flex-wrap items-center gap-4 text-sm" role="radiogroup" aria-label="Encoding">
              {(['avro', 'json', 'text'] as const).map((e) => (
                <label key={e} className="flex items-center gap-1.5">
                  <input type="radio" name="encoding" checked={chosenEncoding === e} onChange={() => setEncoding(e)} data-testid={`encoding-${e}`} disabled={e === 'avro' && !registryUp} />
                  {e === 'avro' ? 'Avro (JSON encoded against a schema)' : e === 'json' ? 'JSON' : 'Text'}
                </label>
              ))}
            </div>

            {chosenEncoding === 'avro' && registryUp ? (
              <div className="mb-3 flex flex-wrap items-end gap-3">
                <label>
                  <span className={label}>Subject</span>
                  <select
                    value={registryUp.subject}
                    onChange={(e) => {
                      setSubject(e.target.value);
                      setVersion('latest');
                    }}
                    className={`${input} max-w-xs font-mono`}
                    data-testid="produce-subject"
                  >
                    {!registryUp.subjects.includes(registryUp.subject) ? <option value={registryUp.subject}>{registryUp.subject} (not registered)</option> : null}
                    {registryUp.subjects.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  <span className={label}>Version</span>
                  <select value={version} onChange={(e) => setVersion(e.target.value)} className={input} data-testid="produce-version" disabled={!subjectExists}>
                    <option value="latest">latest{registryUp.versions.length ? ` (${registryUp.versions[registryUp.versions.length - 1]})` : ''}</option>
                    {[...registryUp.versions].reverse().map((v) => (
                      <option key={v} value={String(v)}>
                        {v}
                      </option>
                    ))}
                  </select>
                </label>
                {registryUp.schema ? (
                  <span className="pb-2 text-xs text-slate-500" data-testid="produce-schema-id">
                    schema id {registryUp.schema.id} · {registryUp.schema.schemaType}
                  </span>
                ) : null}
                <Button onClick={insertTemplate} disabled={!schemaText || registryUp.schema?.schemaType !== 'AVRO'} testId="produce-template" className="mb-0.5">
                  Insert template
                </Button>
              </div>
            ) : null}
            {chosenEncoding === 'avro' && registryUp && !subjectExists ? (
              <p className="mb-3 text-xs text-amber-800">Subject “{registryUp.subject}” is not registered; choose another subject.</p>
            ) : null}
            {registry?.status === 'down' ? (
              <p className="mb-3 text-xs text-amber-800" data-testid="produce-registry-down">
                The schema registry is unreachable ({registry.problem.message}); JSON and text can still be sent.
              </p>
            ) : null}
            {registry?.status === 'not-configured' ? <p className="mb-3 text-xs text-slate-500">No schema registry is configured for this cluster: JSON or text only.</p> : null}

            <textarea
              value={value}
              onChange={(e) => setValue(e.target.value)}
              rows={16}
              spellCheck={false}
              placeholder={chosenEncoding === 'text' ? 'Any text, sent as UTF-8' : '{ "field": "value" }'}
              className={`w-full rounded-md border bg-slate-50 px-3 py-2 font-mono text-[13px] leading-5 ${previewData && !previewData.valid ? 'border-rose-300' : 'border-slate-300'}`}
              aria-label="Message value"
              data-testid="produce-value"
            />
            {chosenEncoding === 'avro' && registryUp?.schema ? (
              <details className="mt-2 text-xs text-slate-600">
                <summary className="cursor-pointer select-none">Show the schema (version {registryUp.schema.version})</summary>
                <pre className="mt-2 max-h-72 overflow-auto rounded bg-slate-900 p-3 text-[11px] leading-4 text-slate-100" data-testid="produce-schema">
                  {(() => {
                    try {
                      return JSON.stringify(JSON.parse(registryUp.schema.schema), null, 2);
                    } catch {
                      return registryUp.schema.schema;
                    }
                  })()}
                </pre>
              </details>
            ) : null}
            {chosenEncoding === 'avro' ? (
              <p className="mt-2 text-xs text-slate-500">
                Unions may be written plainly (<code>&quot;note&quot;: &quot;hi&quot;</code>) or as Avro JSON (<code>{'{"string": "hi"}'}</code>); missing fields with a default get it.
              </p>
            ) : null}
          </fieldset>

        </div>

        <div className="space-y-4">
          <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <legend className="px-1 text-sm font-semibold text-slate-700">Record</legend>
            <label className="block">
              <span className={label}>Key (text)</span>
              <input value={key} onChange={(e) => setKey(e.target.value)} className={`${input} w-full font-mono`} placeholder="none" data-testid="produce-key" />
            </label>
            <label className="block">
              <span className={label}>Partition</span>
              <select
                value={partition === 'auto' ? 'auto' : String(partition)}
                onChange={(e) => setPartition(e.target.value === 'auto' ? 'auto' : Number(e.target.value))}
                className={`${input} w-full`}
                data-testid="produce-partition"
              >
                <option value="auto">auto (by key; round-robin if none)</option>
                {Array.from({ length: partitionCount }, (_, p) => (
                  <option key={p} value={String(p)}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
            <div>
              <span className={label}>Headers</span>
              <div className="space-y-1.5">
                {headers.map((h, i) => (
                  <div key={h.id} className="flex items-center gap-1.5" data-testid="produce-header-row">
                    <input
                      value={h.name}
                      onChange={(e) => setHeaders(headers.map((x) => (x.id === h.id ? { ...x, name: e.target.value } : x)))}
                      placeholder="name"
                      aria-label={`Header ${i + 1} name`}
                      className={`${input} w-0 flex-1 font-mono text-xs`}
                      data-testid="produce-header-name"
                    />
                    <span className="text-slate-400">=</span>
                    <input
                      value={h.value}
                      onChange={(e) => setHeaders(headers.map((x) => (x.id === h.id ? { ...x, value: e.target.value } : x)))}
                      placeholder="value"
                      aria-label={`Header ${i + 1} value`}
                      className={`${input} w-0 flex-1 font-mono text-xs`}
                      data-testid="produce-header-value"
                    />
                    <button type="button" onClick={() => setHeaders(headers.filter((x) => x.id !== h.id))} className="px-1 text-slate-400 hover:text-rose-700" aria-label={`Remove header ${i + 1}`}>
                      ✕
                    </button>
                  </div>
                ))}
              </div>
              <button
                type="button"
                onClick={() => setHeaders([...headers, { id: Date.now() + headers.length, name: '', value: '' }])}
                className="mt-1.5 text-sm text-sky-700 hover:underline"
                data-testid="produce-add-header"
              >
                + Add header
              </button>
              {duplicateHeader ? <p className="mt-1 text-xs text-rose-700">Header “{duplicateHeader}” is given twice.</p> : null}
              {emptyHeaderName ? <p className="mt-1 text-xs text-rose-700">A header with a value needs a name.</p> : null}
            </div>
          </fieldset>
          <Button
            variant="primary"
            type="submit"
            className="w-full justify-center py-2"
            disabled={preview.isPending || !!duplicateHeader || emptyHeaderName || (chosenEncoding === 'avro' && !subjectExists)}
            testId="produce-review"
          >
            {preview.isPending ? 'Checking…' : 'Review before sending'}
          </Button>
          <p className="text-xs text-slate-500">The value is checked and encoded first; nothing is sent until you confirm. Every message sent is recorded in the audit trail.</p>
          {previewData && !previewData.valid ? (
            <div role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-900" data-testid="produce-field-errors">
              <div className="font-semibold">
                Nothing was sent: the value has {previewData.errors.length} problem{previewData.errors.length === 1 ? '' : 's'}.
              </div>
              <ul className="mt-1.5 space-y-0.5">
                {previewData.errors.map((e, i) => (
                  <li key={i} data-testid="field-error" className="[overflow-wrap:anywhere]">
                    {e.path ? <span className="font-mono font-semibold">{e.path}</span> : null}
                    {e.path ? ': ' : ''}
                    {e.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {preview.isError ? <ErrorPanel title="The message could not be checked" error={preview.error} testId="produce-preview-error" /> : null}
          {produce.isError && !confirming ? <ErrorPanel title="The message was not sent" error={produce.error} testId="produce-error" /> : null}
        </div>
      </form>

      {confirming && previewData?.valid ? (
        <Dialog
          title={
            <span className="flex items-center gap-2">
              Send this message? {readOnly ? <Badge tone="warn">read-only cluster</Badge> : null}
            </span>
          }
          onClose={() => setConfirming(false)}
          testId="produce-confirm"
          footer={
            <>
              <Button onClick={() => setConfirming(false)} disabled={produce.isPending} testId="produce-cancel">
                Cancel
              </Button>
              <Button variant="primary" onClick={send} disabled={produce.isPending || readOnly || !maySend} testId="produce-send">
                {produce.isPending ? 'Sending…' : 'Send message'}
              </Button>
            </>
          }
        >
          <Summary summary={previewData.summary} />
          {produce.isError ? (
            <div className="mt-3">
              <ErrorPanel title="The message was not sent" error={produce.error} testId="produce-error" />
            </div>
          ) : null}
        </Dialog>
      ) : null}
    </div>
  );
}
