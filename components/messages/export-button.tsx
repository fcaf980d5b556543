'use client';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { messagesUrl, type MessageQueryParams } from '@/lib/queries/messages/message-params';
import { useMessageStream } from '@/lib/queries/messages/message-stream';
import { formatCount } from '@/lib/format';
import { compareMessages } from './format-message';

/** The most messages one export holds: the search stream's own page bound. */
export const EXPORT_CAP = 10_000;

/**
 * Export as NDJSON of what the current view finds: the same start, partition and filters, at most
 * EXPORT_CAP matches. It runs the search stream in the browser (not a blind download) so that it
 * can show what it has collected and scanned, be cancelled, and write its lines in the table's
 * order (oldest first, also when the view starts at Latest and the scan reads backwards).
 */
export function ExportButton({
  clusterId,
  topic,
  params,
}: {
  clusterId: string;
  topic: string;
  params: MessageQueryParams;
}) {
  const [url, setUrl] = useState<string | null>(null);
  const exp = useMessageStream(url, EXPORT_CAP);
  const d = exp.data;

  // Each finished export is saved once: the data object of a run is its identity.
  const saved = useRef<unknown>(null);
  useEffect(() => {
    if (exp.status !== 'done' || !d.done || saved.current === d) return;
    saved.current = d;
    const lines = [...d.messages].sort(compareMessages).map((m) => `${JSON.stringify(m)}\n`);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob(lines, { type: 'application/x-ndjson' }));
    link.download = `${topic}-${new Date().toISOString().replace(/[:.]/g, '-')}.ndjson`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  }, [exp.status, d, topic]);

  let result: string | null = null;
  if (url && exp.status === 'done' && d.done)
    result = `${formatCount(d.messages.length)} message${d.messages.length === 1 ? '' : 's'} exported${
      d.done.reason === 'limit' && d.done.limitedBy === 'matches'
        ? ' (the cap; more messages match)'
        : d.done.limitedBy === 'scan'
          ? ` (stopped at the scan limit of ${formatCount(d.done.scanned)} records)`
          : ''
    }`;
  else if (url && exp.status === 'cancelled') result = 'export cancelled, nothing written';
  else if (url && exp.status === 'error') result = `export failed: ${exp.error?.message ?? 'unknown error'}`;

  const start = () => {
    const next = messagesUrl(clusterId, topic, 'search', {
      ...params,
      cursor: undefined,
      limit: String(EXPORT_CAP),
    });
    // The same export again (after a failure) restarts the stream the url still names.
    if (next === url) exp.restart();
    else setUrl(next);
  };

  if (url && exp.status === 'running')
    return (
      <span className="flex items-center gap-2 tabular-nums" data-testid="export-progress">
        <span>
          Exporting: <b className="font-semibold">{formatCount(d.messages.length)}</b> written ·{' '}
          {formatCount(d.scanned)} / {formatCount(d.total)} scanned
        </span>
        <Button size="xs" variant="danger-outline" onClick={exp.cancel} testId="export-cancel">
          Cancel export
        </Button>
      </span>
    );

  return (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
      {result ? (
        <span
          className={exp.status === 'error' ? 'text-rose-700' : 'text-slate-500'}
          data-testid="export-result"
        >
          {result}
        </span>
      ) : null}
      <Button size="xs" onClick={start} testId="export-ndjson">
        Export NDJSON
      </Button>
      <span
        className="text-slate-500"
        title="The first matches from where the view starts, written oldest first like the table"
        data-testid="export-cap"
      >
        first {formatCount(EXPORT_CAP)}
      </span>
    </span>
  );
}
