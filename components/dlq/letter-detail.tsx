'use client';
import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { JsonView } from '@/components/timetravel/json-view';
import { formatTimestamp, MISSING } from '@/lib/format';
import type { DeadLetterMessage } from '@/lib/schemas/dlq';
import { EditResendDialog } from './edit-resend-dialog';
import { originMessageHref, timeTravelHref } from './links';
import { ClassName } from './triage-tables';

function valueOf(value: DeadLetterMessage['value']): unknown {
  if (value.format === 'text') return value.text;
  if (value.format === 'binary') return { hex: value.hex };
  if (value.format === 'error') return { undecodable: value.reason, hex: value.hex };
  return value.value ?? null;
}

/** One dead letter: where it came from, why it failed (with the stack trace), its decoded value. */
export function LetterDetail({
  clusterId,
  topic,
  letter,
}: {
  clusterId: string;
  topic: string;
  letter: DeadLetterMessage;
}) {
  const [editing, setEditing] = useState(false);
  const { origin, error, rootCause } = letter.info;
  const schema =
    letter.value.schemaId !== undefined
      ? `schema ${letter.value.schemaId}${letter.value.subject ? ` (${letter.value.subject} v${letter.value.version})` : ''}`
      : letter.value.format;
  return (
    <div className="space-y-4 text-sm" data-testid="letter-detail">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-xs">
        <dt className="text-slate-500">Dead letter</dt>
        <dd className="font-mono">
          partition {letter.partition} @ {letter.offset}, {formatTimestamp(letter.timestamp)} UTC
        </dd>
        <dt className="text-slate-500">Key</dt>
        <dd className="font-mono">{letter.key ?? 'null'}</dd>
        <dt className="text-slate-500">Origin</dt>
        <dd className="font-mono" data-testid="letter-origin">
          {origin.topic ?? MISSING}
          {origin.partition !== null ? `-${origin.partition}` : ''}
          {origin.offset !== null ? `@${origin.offset}` : ''}
          {origin.timestamp !== null ? `, ${formatTimestamp(origin.timestamp)} UTC` : ''}
        </dd>
        <dt className="text-slate-500">Failed in</dt>
        <dd className="font-mono">
          {origin.consumerGroup ?? letter.info.details.connector ?? MISSING}
          {letter.info.convention ? ` (${letter.info.convention} headers)` : ''}
        </dd>
        <dt className="text-slate-500">Value</dt>
        <dd className="font-mono">{schema}</dd>
      </dl>
      <div className="flex flex-wrap gap-3 text-xs">
        {origin.topic && origin.partition !== null && origin.offset !== null ? (
          <Link
            className="text-sky-700 hover:underline"
            href={originMessageHref(clusterId, origin.topic, origin.partition, origin.offset)}
            data-testid="letter-original-link"
          >
            Original record in the message browser
          </Link>
        ) : null}
        {origin.topic && letter.key !== null ? (
          <Link
            className="text-sky-700 hover:underline"
            href={timeTravelHref(clusterId, origin.topic, letter.key)}
            data-testid="letter-timetravel-link"
          >
            Time travel of {letter.key}
          </Link>
        ) : null}
      </div>
      <section>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Error</h3>
        <div className="rounded-md border border-rose-200 bg-rose-50 p-3">
          <div>
            <ClassName name={rootCause.className} />
            {error.exceptionClass && error.exceptionClass !== rootCause.className ? (
              <span className="ml-2 text-xs text-slate-500">reported as {error.exceptionClass}</span>
            ) : null}
          </div>
          <p className="mt-1 break-words text-xs text-rose-900" data-testid="letter-cause-message">
            {rootCause.message ?? 'no message'}
          </p>
        </div>
        {error.stacktrace ? (
          <details className="mt-2">
            <summary className="cursor-pointer text-xs text-slate-600">Stack trace</summary>
            <pre
              className="mt-1 max-h-72 overflow-auto rounded-md bg-slate-900 p-3 text-[11px] leading-snug text-slate-100"
              data-testid="letter-stacktrace"
            >
              {error.stacktrace}
            </pre>
          </details>
        ) : null}
      </section>
      <section>
        <div className="mb-1 flex items-center justify-between">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Decoded value</h3>
          <Button size="sm" onClick={() => setEditing(true)} testId="letter-edit-resend">
            Edit and resend…
          </Button>
        </div>
        {editing ? (
          <EditResendDialog
            clusterId={clusterId}
            topic={topic}
            letter={letter}
            initialValue={valueOf(letter.value)}
            onClose={() => setEditing(false)}
          />
        ) : null}
        <JsonView value={valueOf(letter.value)} testId="letter-value" maxHeight="max-h-80" />
      </section>
    </div>
  );
}
