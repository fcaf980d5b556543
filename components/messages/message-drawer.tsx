'use client';
import { useEffect, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/field';
import { Table } from '@/components/ui/table';
import { TabButtons } from '@/components/ui/tabs';
import { formatBytes, formatCount, formatTimestamp } from '@/lib/format';
import type { DecodedMessage, DecodedPart } from '@/lib/serde/types';
import { DecodeFacts } from './decode-facts';
import { base64ToHex, formatHex, partDetail, schemaLabel } from './format-message';
import { SchemaBadge } from './message-table';

type Tab = 'value' | 'key' | 'headers' | 'raw';

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-[10px] font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="font-mono text-xs text-slate-800">{children}</dd>
    </div>
  );
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="rounded px-1.5 py-0.5 text-[11px] text-slate-500 hover:bg-slate-100 hover:text-slate-800"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1200);
        });
      }}
    >
      {copied ? 'copied' : 'copy'}
    </button>
  );
}

function PartView({ part, testId }: { part: DecodedPart; testId: string }) {
  const label = schemaLabel(part);
  const body = partDetail(part);
  return (
    <div className="space-y-2" data-testid={testId}>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className="font-medium text-slate-600">Format</span>
        <span className="font-mono text-slate-800" data-testid={`${testId}-format`}>
          {part.format}
        </span>
        {'schemaId' in part && part.schemaId !== undefined ? (
          <span className="font-mono text-slate-600" data-testid={`${testId}-schema`}>
            {part.subject ? (
              <>
                subject <b className="text-slate-800">{part.subject}</b> version{' '}
                <b className="text-slate-800">{part.version ?? '?'}</b>{' '}
              </>
            ) : null}
            id <b className="text-slate-800">{part.schemaId}</b>
          </span>
        ) : null}
        {part.format === 'avro' && part.recordName ? (
          <span className="font-mono text-slate-500">{part.recordName}</span>
        ) : null}
        {part.format === 'protobuf' ? (
          <span className="font-mono text-slate-500">{part.messageType}</span>
        ) : null}
      </div>
      <DecodeFacts part={part} testId={testId} />
      {part.format === 'error' ? (
        <div
          role="alert"
          className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-xs text-rose-900"
          data-testid={`${testId}-error`}
        >
          <div className="font-semibold">Not decodable: shown raw</div>
          <div className="mt-0.5 [overflow-wrap:anywhere]">{part.reason}</div>
          <div className="mt-0.5 font-mono text-[11px] text-rose-700">{part.code}</div>
        </div>
      ) : null}
      <div className="relative">
        <div className="absolute right-1 top-1">
          <CopyButton text={part.format === 'binary' || part.format === 'error' ? part.hex : body} />
        </div>
        <pre
          className="max-h-[60vh] overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-5 text-slate-800"
          title={label.title}
          data-testid={`${testId}-body`}
        >
          {body}
        </pre>
      </div>
    </div>
  );
}

function RawView({ message }: { message: DecodedMessage }) {
  const [encoding, setEncoding] = useState<'hex' | 'base64'>('hex');
  const show = (b64: string | null) =>
    b64 === null ? 'null' : encoding === 'base64' ? b64 : formatHex(base64ToHex(b64));
  return (
    <div className="space-y-3" data-testid="drawer-raw">
      <div className="inline-flex rounded-md border border-slate-300 text-xs">
        {(['hex', 'base64'] as const).map((e) => (
          <button
            key={e}
            type="button"
            onClick={() => setEncoding(e)}
            className={`px-2.5 py-1 ${encoding === e ? 'bg-slate-800 text-white' : 'text-slate-600 hover:bg-slate-50'}`}
          >
            {e}
          </button>
        ))}
      </div>
      {(['key', 'value'] as const).map((which) => (
        <div key={which}>
          <div className="mb-1 flex items-center justify-between text-xs">
            <span className="font-medium text-slate-600">
              {which} · {formatBytes(message.size[which])}
            </span>
            <CopyButton
              text={
                message.raw[which] === null
                  ? ''
                  : encoding === 'base64'
                    ? message.raw[which]!
                    : base64ToHex(message.raw[which])
              }
            />
          </div>
          <pre className="max-h-72 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-[11px] leading-4 text-slate-800 [overflow-wrap:anywhere] whitespace-pre-wrap">
            {show(message.raw[which])}
          </pre>
        </div>
      ))}
    </div>
  );
}

function HeadersView({ message }: { message: DecodedMessage }) {
  const [asHex, setAsHex] = useState(false);
  if (message.headers.length === 0)
    return <p className="text-sm text-slate-500">This message has no headers.</p>;
  return (
    <div className="space-y-2" data-testid="drawer-headers">
      <Checkbox checked={asHex} onChange={setAsHex}>
        show all values as hex
      </Checkbox>
      <Table
        columns={[
          {
            id: 'name',
            header: 'Name',
            width: 'w-2/5',
            mono: true,
            className: 'whitespace-normal text-slate-600 [overflow-wrap:anywhere]',
            cell: (h) => h.key,
          },
          {
            id: 'value',
            header: 'Value',
            mono: true,
            className: 'whitespace-normal text-slate-900 [overflow-wrap:anywhere]',
            cell: (h) =>
              asHex || h.text === null ? (
                <span>
                  <span className="text-slate-400">0x</span>
                  {h.hex || <span className="text-slate-400">(empty)</span>}
                </span>
              ) : (
                h.text
              ),
          },
        ]}
        rows={message.headers.map((h, i) => ({ ...h, i }))}
        rowKey={(h) => String(h.i)}
        density="compact"
        rowClassName={() => 'align-top'}
      />
    </div>
  );
}

/** The detail of one message beside the table: decoded key and value, headers, raw bytes. */
export function MessageDrawer({
  message,
  missing,
  onClose,
  onStep,
}: {
  message: DecodedMessage | null;
  missing: string | null;
  onClose: () => void;
  /** Opens the previous (-1) or next (+1) row of the table; absent at either end. */
  onStep?: { prev?: () => void; next?: () => void };
}) {
  const [tab, setTab] = useState<Tab>('value');
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
      // k / j step through the rows as in mail readers, unless the user is typing.
      const typing =
        e.target instanceof HTMLElement &&
        (e.target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.target.tagName));
      if (typing || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'j') onStep?.next?.();
      if (e.key === 'k') onStep?.prev?.();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, onStep]);

  return (
    <aside
      className="fixed inset-y-0 right-0 z-40 flex w-full max-w-[720px] flex-col border-l border-slate-200 bg-white shadow-2xl"
      aria-label="Message detail"
      data-testid="message-drawer"
    >
      <header className="flex items-start justify-between border-b border-slate-200 px-5 py-3">
        <div>
          <div className="text-[11px] font-medium uppercase tracking-wide text-slate-500">Message</div>
          <h2 className="font-mono text-base font-semibold text-slate-900" data-testid="drawer-title">
            {message ? `partition ${message.partition} · offset ${message.offset}` : '—'}
          </h2>
        </div>
        <div className="flex items-center gap-1">
          <Button
            size="xs"
            onClick={onStep?.prev}
            disabled={!onStep?.prev}
            aria-label="Previous message"
            title="Previous message (k)"
            testId="drawer-prev"
          >
            ↑ Previous
          </Button>
          <Button
            size="xs"
            onClick={onStep?.next}
            disabled={!onStep?.next}
            aria-label="Next message"
            title="Next message (j)"
            testId="drawer-next"
          >
            ↓ Next
          </Button>
          <Button
            variant="quiet"
            onClick={onClose}
            className="px-2 text-lg leading-none"
            aria-label="Close"
            testId="drawer-close"
          >
            ×
          </Button>
        </div>
      </header>
      {!message ? (
        <p className="p-5 text-sm text-slate-600" data-testid="drawer-missing">
          {missing}
        </p>
      ) : (
        <>
          <dl className="grid grid-cols-3 gap-x-4 gap-y-2 border-b border-slate-100 px-5 py-3">
            <Meta label="Timestamp (UTC)">{formatTimestamp(message.timestamp)}</Meta>
            <Meta label="Timestamp type">
              {message.timestampType === 'log-append' ? 'LogAppendTime' : 'CreateTime'}
            </Meta>
            <Meta label="Epoch ms">{message.timestamp}</Meta>
            <Meta label="Compression">{message.compression}</Meta>
            <Meta label="Size">
              key {formatBytes(message.size.key)} · value {formatBytes(message.size.value)}
            </Meta>
            <Meta label="Schema">
              <SchemaBadge message={message} testId="drawer-schema-badge" />
            </Meta>
          </dl>
          <div className="px-4">
            <TabButtons
              label="Message parts"
              testIdPrefix="drawer-tab-"
              active={tab}
              onChange={setTab}
              tabs={[
                { id: 'value', label: 'Value' },
                { id: 'key', label: 'Key' },
                {
                  id: 'headers',
                  label: (
                    <>
                      Headers{' '}
                      <span className="text-xs text-slate-400">({formatCount(message.headers.length)})</span>
                    </>
                  ),
                },
                { id: 'raw', label: 'Raw' },
              ]}
            />
          </div>
          <div className="flex-1 overflow-y-auto px-5 py-4" role="tabpanel" aria-label={`Message ${tab}`}>
            {tab === 'value' ? <PartView part={message.value} testId="drawer-value" /> : null}
            {tab === 'key' ? <PartView part={message.key} testId="drawer-key" /> : null}
            {tab === 'headers' ? <HeadersView message={message} /> : null}
            {tab === 'raw' ? <RawView message={message} /> : null}
          </div>
        </>
      )}
    </aside>
  );
}
