'use client';
import Link from 'next/link';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { useHasRole } from '@/lib/queries/clusters/cluster-role-query';
import { useProduce } from '@/lib/queries/topics/produce-mutation';
import { useProduceOptions } from '@/lib/queries/topics/produce-options-query';
import { usePreviewProduce } from '@/lib/queries/topics/produce-preview-mutation';
import type { ProduceEncoding, ProduceInput, ProducePreview, Produced } from '@/lib/schemas/produce';
import { ProduceSummaryList } from './produce-summary';
import { headersProblem, RecordFields, type Compression, type HeaderRow } from './record-fields';
import { ValueEditor } from './value-editor';
import { plural } from '@/lib/format';

/** Where the message went, with a link to it. */
function ProducedNotice({
  clusterId,
  topic,
  produced,
}: {
  clusterId: string;
  topic: string;
  produced: Produced;
}) {
  return (
    <Notice tone="good" testId="produce-result">
      <div className="font-semibold">
        Sent to partition <span data-testid="produced-partition">{produced.partition}</span> at offset{' '}
        <span data-testid="produced-offset">{produced.offset}</span>
        {produced.schema ? ` with schema id ${produced.schema.id}` : ''}.
      </div>
      <Link
        href={`/clusters/${clusterId}/topics/${encodeURIComponent(topic)}/messages?partition=${produced.partition}&offset=${produced.offset}`}
        className="mt-1 inline-block text-emerald-800 underline hover:text-emerald-950"
        data-testid="produced-message-link"
      >
        Open this message in the Messages tab
      </Link>
    </Notice>
  );
}

/** The problems the server found in the value, each at its path. */
function FieldErrors({ errors }: { errors: Extract<ProducePreview, { valid: false }>['errors'] }) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-900"
      data-testid="produce-field-errors"
    >
      <div className="font-semibold">Nothing was sent: the value has {plural(errors.length, 'problem')}.</div>
      <ul className="mt-1.5 space-y-0.5">
        {errors.map((e, i) => (
          <li key={i} data-testid="field-error" className="[overflow-wrap:anywhere]">
            {e.path ? <span className="font-mono font-semibold">{e.path}</span> : null}
            {e.path ? ': ' : ''}
            {e.message}
          </li>
        ))}
      </ul>
    </div>
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
  const [compression, setCompression] = useState<Compression>('none');
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
      headers: headers
        .filter((h) => h.name !== '' || h.value !== '')
        .map(({ name, value: v }) => ({ name, value: v })),
      partition: partition === 'auto' ? null : partition,
      encoding: chosenEncoding,
      value,
      compression,
      ...(chosenEncoding === 'avro'
        ? {
            subject: registryUp?.subject ?? options.data?.defaultSubject,
            version: version === 'latest' ? 'latest' : Number(version),
          }
        : {}),
    }),
    [
      key,
      headers,
      partition,
      compression,
      chosenEncoding,
      value,
      registryUp?.subject,
      options.data?.defaultSubject,
      version,
    ],
  );

  // A change makes the last check stale.
  const { reset: resetPreview } = preview;
  useEffect(() => {
    resetPreview();
  }, [body, resetPreview]);

  const headerProblem = headersProblem(headers);

  const review = (e: FormEvent) => {
    e.preventDefault();
    produce.reset();
    preview.mutate(body, { onSuccess: (result) => setConfirming(result.valid) });
  };
  const send = () => produce.mutate(body, { onSuccess: () => setConfirming(false) });

  if (options.isPending) {
    return (
      <div className="space-y-3">
        <Skeleton className="h-10" />
        <Skeleton className="h-48" />
      </div>
    );
  }
  if (options.isError) {
    return (
      <ErrorPanel
        title="The produce form could not be prepared"
        error={options.error}
        testId="produce-options-error"
      />
    );
  }
  const { partitionCount, readOnly } = options.data;
  const previewData = preview.data;
  const produced = produce.data;

  return (
    <div className="space-y-4">
      {readOnly ? (
        <Notice testId="produce-read-only">
          This cluster is read-only: a message can be checked here, but the console will not send it.
        </Notice>
      ) : !maySend ? (
        <Notice testId="produce-viewer">
          You are a viewer on this cluster: a message can be checked here; sending it needs an operator.
        </Notice>
      ) : null}

      {produced ? <ProducedNotice clusterId={clusterId} topic={topic} produced={produced} /> : null}

      <form onSubmit={review} className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-4">
          <ValueEditor
            registry={registry}
            encoding={chosenEncoding}
            onEncoding={setEncoding}
            version={version}
            onSubject={(s) => {
              setSubject(s);
              setVersion('latest');
            }}
            onVersion={setVersion}
            value={value}
            onValue={setValue}
            invalid={!!previewData && !previewData.valid}
          />
        </div>

        <div className="space-y-4">
          <RecordFields
            recordKey={key}
            onKey={setKey}
            partition={partition}
            onPartition={setPartition}
            partitionCount={partitionCount}
            headers={headers}
            onHeaders={setHeaders}
            compression={compression}
            onCompression={setCompression}
          />
          <Button
            variant="primary"
            type="submit"
            className="w-full justify-center py-2"
            disabled={preview.isPending || !!headerProblem || (chosenEncoding === 'avro' && !subjectExists)}
            testId="produce-review"
          >
            {preview.isPending ? 'Checking…' : 'Review before sending'}
          </Button>
          <p className="text-xs text-slate-500">
            The value is checked and encoded first; nothing is sent until you confirm. Every message sent is
            recorded in the audit trail.
          </p>
          {previewData && !previewData.valid ? <FieldErrors errors={previewData.errors} /> : null}
          {preview.isError ? (
            <ErrorPanel
              title="The message could not be checked"
              error={preview.error}
              testId="produce-preview-error"
            />
          ) : null}
          {produce.isError && !confirming ? (
            <ErrorPanel title="The message was not sent" error={produce.error} testId="produce-error" />
          ) : null}
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
              <Button
                onClick={() => setConfirming(false)}
                disabled={produce.isPending}
                testId="produce-cancel"
              >
                Cancel
              </Button>
              <Button
                variant="primary"
                onClick={send}
                disabled={produce.isPending || readOnly || !maySend}
                testId="produce-send"
              >
                {produce.isPending ? 'Sending…' : 'Send message'}
              </Button>
            </>
          }
        >
          <ProduceSummaryList summary={previewData.summary} />
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
