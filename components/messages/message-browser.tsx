'use client';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorPanel } from '@/components/ui/error-panel';
import {
  MESSAGE_QUERY_KEYS,
  messagesUrl,
  type MessageQueryParams,
} from '@/lib/queries/messages/message-params';
import { errorCode } from '@/lib/queries/api-error';
import { useMessageStream } from '@/lib/queries/messages/message-stream';
import { useUrlState } from '@/lib/queries/use-url-state';
import { useMessagePage } from '@/lib/queries/messages/message-page-query';
import { useKeyLookup } from '@/lib/queries/keyindex/lookup-query';
import { useEventStreams } from '@/lib/queries/timetravel/event-streams-query';
import type { PartitionRange } from '@/lib/schemas/messages';
import type { DecodedMessage } from '@/lib/serde/types';
import { formatCount, formatElapsed } from '@/lib/format';
import { compareMessages, defaultPreviewFields, messageId } from './format-message';
import { MessageControls, type ParamChanges } from './message-controls';
import { MessageDrawer } from './message-drawer';
import { MessageTable } from './message-table';
import { ExportButton } from './export-button';
import { IndexLookupStatus, SearchStatus, TailStatus } from './search-status';
import { NoMessageAfter } from './no-message-after';
import { PreviewFieldsInput } from './preview-fields-input';

type Mode = 'page' | 'search' | 'tail';

/**
 * The message browser: where to start, filters, results, the detail drawer. Everything that
 * defines the view is in the URL; a change restarts the page load or the stream.
 * - No filter: one JSON page (fast first page), Previous/Next with cursors.
 * - A filter: a server-side scan streamed as events, with progress and Cancel.
 * - Live tail: new records as they arrive, filtered the same way.
 * Rows are always in timestamp order (then partition, offset), oldest at the top.
 */
export function MessageBrowser({ clusterId, topic }: { clusterId: string; topic: string }) {
  const url = useUrlState();
  const searchParams = url.params;

  const params = useMemo(() => {
    const p: MessageQueryParams = {};
    for (const key of MESSAGE_QUERY_KEYS) {
      const v = searchParams.get(key);
      if (v !== null && v !== '') p[key] = v;
    }
    return p;
  }, [searchParams]);
  const tail = searchParams.get('tail') === '1';
  // The URL's time is ISO text or epoch milliseconds, as the API takes it.
  const seekTime = params.timestamp
    ? /^\d+$/.test(params.timestamp)
      ? Number(params.timestamp)
      : Date.parse(params.timestamp) || undefined
    : undefined;
  const open = searchParams.get('open');
  const hasFilters = !!(params.key || params.headerName || params.predicates || params.expr);
  const mode: Mode = tail ? 'tail' : hasFilters ? 'search' : 'page';
  // An exact key and no other filter: the key index answers when the topic is indexed (every
  // message of the key, a page at a time), and the scan runs only when it is not.
  const indexKey =
    mode === 'search' &&
    params.key &&
    (params.keyMatch ?? 'exact') === 'exact' &&
    !params.headerName &&
    !params.predicates &&
    !params.expr
      ? params.key
      : '';
  const [indexPages, setIndexPages] = useState<{ key: string; after: string[] }>({ key: '', after: [] });
  const indexAfter = indexPages.key === indexKey ? indexPages.after : [];
  const lookup = useKeyLookup(clusterId, topic, indexKey, indexAfter.at(-1) ?? null);
  const viaIndex = indexKey !== '' && lookup.data?.indexed === true;
  const waitIndex = indexKey !== '' && lookup.isPending;

  // Preview fields (the URL's `fields`, else the event type and aggregate id of a configured stream).
  const streams = useEventStreams(clusterId);
  const fieldsParam = searchParams.get('fields');
  const preview =
    fieldsParam !== null
      ? fieldsParam
          .split(',')
          .map((f) => f.trim())
          .filter((f) => f && f !== '-')
      : defaultPreviewFields(streams.data?.streams.find((st) => st.topic === topic));

  const { set } = url;
  // Any change but paging itself starts again from the first page.
  const apply = useCallback(
    (changes: ParamChanges, options: { keepCursor?: boolean } = {}) =>
      set(options.keepCursor || 'cursor' in changes ? changes : { ...changes, cursor: null }),
    [set],
  );

  // A deep link ?partition=P&offset=O opens that message once it is loaded.
  const deepLinked = useRef(false);
  useEffect(() => {
    if (deepLinked.current) return;
    deepLinked.current = true;
    if (!open && params.offset && params.partition && params.partition !== 'all' && !params.cursor)
      apply({ open: `${params.partition}:${params.offset}` }, { keepCursor: true });
  }, [open, params, apply]);

  const page = useMessagePage(clusterId, topic, params, mode === 'page');
  const streamUrl =
    mode === 'search' && !viaIndex && !waitIndex
      ? messagesUrl(clusterId, topic, 'search', params)
      : mode === 'tail'
        ? messagesUrl(clusterId, topic, 'tail', {
            ...params,
            cursor: undefined,
            limit: undefined,
            start: undefined,
            offset: undefined,
            timestamp: undefined,
          })
        : null;
  const stream = useMessageStream(streamUrl, mode === 'tail' ? 1000 : 10_000);
  const s = { ...stream.data, status: stream.status, error: stream.error };
  // A full page of matches is followed by a count of the rest of the range (from the page's far
  // end on), so the status says the true total, not the page size.
  const pageFull = mode === 'search' && s.status === 'done' && s.done?.limitedBy === 'matches';
  const countFrom = pageFull ? (s.direction === 'forward' ? s.done?.nextCursor : s.done?.prevCursor) : null;
  const countUrl = countFrom
    ? messagesUrl(clusterId, topic, 'count', { ...params, cursor: countFrom, limit: undefined })
    : null;
  const countStream = useMessageStream(countUrl, 0);
  const count = { ...countStream.data, status: countStream.status, error: countStream.error };

  const messages: DecodedMessage[] = useMemo(() => {
    if (viaIndex) return lookup.data?.messages ?? [];
    const list = mode === 'page' ? (page.data?.messages ?? []) : s.messages;
    return mode === 'page' ? list : [...list].sort(compareMessages);
  }, [mode, page.data, s.messages, viaIndex, lookup.data]);

  const partitions: PartitionRange[] = (mode === 'page' ? page.data?.partitions : s.partitions) ?? [];
  // Keep the partition list while the next page or stream loads.
  const [known, setKnown] = useState<{ key: string; partitions: PartitionRange[] }>({
    key: '',
    partitions: [],
  });
  const partitionsKey = partitions.map((p) => `${p.partition}:${p.low}-${p.high}`).join(',');
  if (partitions.length && partitionsKey !== known.key) setKnown({ key: partitionsKey, partitions });
  const knownPartitions = known.partitions;

  const paging =
    mode === 'page'
      ? page.data
        ? {
            next: page.data.nextCursor,
            prev: page.data.prevCursor,
            atStart: page.data.atStart,
            atEnd: page.data.atEnd,
          }
        : null
      : mode === 'search' && s.done
        ? { next: s.done.nextCursor, prev: s.done.prevCursor, atStart: s.done.atStart, atEnd: s.done.atEnd }
        : null;

  const error =
    mode === 'page'
      ? page.error
        ? { code: errorCode(page.error), message: page.error.message }
        : null
      : s.error;
  // Skeleton rows only while a page loads; a running scan says what it is doing instead.
  const loading = (mode === 'page' && page.isPending) || waitIndex;
  const loadingList = mode === 'page' ? page.isFetching : s.status === 'running';
  const onPage = open ? (messages.find((m) => messageId(m) === open) ?? null) : null;
  // A message opened by link that is not on this page is fetched on its own.
  const [openPartition, openOffset] = open?.split(':') ?? [];
  const single = useMessagePage(
    clusterId,
    topic,
    { partition: openPartition, offset: openOffset, limit: '1' },
    !!open && !onPage && !loadingList && /^\d+$/.test(openPartition ?? '') && /^\d+$/.test(openOffset ?? ''),
  );
  const fetched = single.data?.messages[0];
  const selected = onPage ?? (fetched && messageId(fetched) === open ? fetched : null);

  // Search (button, Enter, Ctrl+Enter) with unchanged criteria leaves the URL as it is, so it
  // runs the same search again itself: after a cancel, and to pick up what arrived since.
  const run = (changes: ParamChanges) => {
    const unchanged =
      !params.cursor &&
      Object.entries(changes).every(([k, v]) => (searchParams.get(k) || undefined) === (v || undefined));
    if (!unchanged) return apply(changes);
    if (viaIndex || waitIndex) void lookup.refetch();
    else if (mode === 'page') void page.refetch();
    else stream.restart();
  };

  // The drawer steps through the rows as the table shows them.
  const at = open ? messages.findIndex((m) => messageId(m) === open) : -1;
  const stepTo = (i: number) => () => apply({ open: messageId(messages[i]!) }, { keepCursor: true });
  const step =
    at < 0
      ? undefined
      : {
          prev: at > 0 ? stepTo(at - 1) : undefined,
          next: at < messages.length - 1 ? stepTo(at + 1) : undefined,
        };

  const running = mode !== 'page' && s.status === 'running';

  let status: ReactNode;
  if (viaIndex && lookup.data) {
    status = (
      <IndexLookupStatus lookup={lookup.data} first={indexAfter.length * 50} fetching={lookup.isFetching} />
    );
  } else if (mode === 'page') {
    status = page.data ? (
      <span data-testid="scan-status">
        {formatCount(page.data.messages.length)} message{page.data.messages.length === 1 ? '' : 's'}
        {page.data.direction === 'backward' && !params.cursor ? ' before the end' : ''} ·{' '}
        {formatElapsed(page.data.elapsedMs)}
        {page.isFetching ? ' · loading…' : ''}
      </span>
    ) : (
      <span data-testid="scan-status">loading…</span>
    );
  } else if (mode === 'search') {
    status = <SearchStatus scan={s} count={countUrl ? count : null} />;
  } else {
    status = <TailStatus tail={s} />;
  }

  // In live tail, and on the last page ("Latest"), keep the newest rows (at the bottom) in view.
  const scroller = useRef<HTMLDivElement>(null);
  const atLatest = mode === 'page' && !params.cursor && page.data?.direction === 'backward';
  useEffect(() => {
    if ((mode === 'tail' || atLatest) && scroller.current)
      scroller.current.scrollTop = scroller.current.scrollHeight;
  }, [mode, atLatest, messages]);

  return (
    <div className="space-y-3" data-testid="message-browser">
      <MessageControls
        params={params}
        partitions={knownPartitions}
        tail={tail}
        apply={apply}
        run={run}
        firstShown={messages[0]?.timestamp}
      />

      <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-4 py-2 text-xs text-slate-700">
          {/* Wraps under the controls on a narrow window rather than shrinking to a column of words. */}
          <div className="min-w-[16rem] flex-1">{status}</div>
          <div className="flex min-w-0 flex-wrap items-center justify-end gap-2">
            <PreviewFieldsInput preview={preview} onApply={(fields) => url.set({ fields })} />
            {running && mode === 'search' ? (
              <Button size="xs" variant="danger-outline" onClick={stream.cancel} testId="cancel-scan">
                Cancel
              </Button>
            ) : countUrl && count.status === 'running' ? (
              <Button size="xs" variant="danger-outline" onClick={countStream.cancel} testId="cancel-count">
                Stop counting
              </Button>
            ) : null}
            {viaIndex ? (
              <>
                <Button
                  size="xs"
                  disabled={indexAfter.length === 0}
                  onClick={() => setIndexPages({ key: indexKey, after: indexAfter.slice(0, -1) })}
                  testId="page-prev"
                >
                  ← Previous
                </Button>
                <Button
                  size="xs"
                  disabled={!lookup.data?.nextAfter}
                  onClick={() =>
                    lookup.data?.nextAfter &&
                    setIndexPages({ key: indexKey, after: [...indexAfter, lookup.data.nextAfter] })
                  }
                  testId="page-next"
                >
                  Next →
                </Button>
              </>
            ) : (
              <>
                <Button
                  size="xs"
                  disabled={tail || !paging?.prev || paging.atStart || running}
                  onClick={() => paging?.prev && apply({ cursor: paging.prev })}
                  testId="page-prev"
                >
                  ← Previous
                </Button>
                <Button
                  size="xs"
                  disabled={tail || !paging?.next || paging.atEnd || running}
                  onClick={() => paging?.next && apply({ cursor: paging.next })}
                  testId="page-next"
                >
                  Next →
                </Button>
              </>
            )}
            <Button
              size="xs"
              pressed={tail}
              onClick={() => apply({ tail: tail ? undefined : '1' })}
              testId="live-tail"
            >
              <span
                className={`inline-block h-2 w-2 rounded-full ${tail ? 'bg-emerald-500' : 'bg-slate-300'}`}
              />
              Live tail
            </Button>
            <ExportButton clusterId={clusterId} topic={topic} params={params} />
          </div>
        </div>

        {error ? (
          <div className="p-4">
            <ErrorPanel
              title={
                error.code === 'UNKNOWN_TOPIC'
                  ? 'No such topic'
                  : error.code === 'BAD_REQUEST'
                    ? 'The search is not valid'
                    : 'The messages could not be read'
              }
              message={error.message}
              code={error.code}
              testId="messages-error"
            />
          </div>
        ) : null}

        <MessageTable
          messages={messages}
          selected={open}
          onSelect={(id) => apply({ open: id }, { keepCursor: true })}
          loading={loading}
          scrollRef={scroller}
          preview={preview}
          empty={
            error ? null : mode === 'tail' ? (
              'No new messages yet. Produce one and it appears here.'
            ) : mode === 'search' && running ? (
              'Scanning… matches appear here as they are found.'
            ) : mode === 'search' ? (
              'No message matches in the scanned range.'
            ) : seekTime !== undefined && !params.cursor ? (
              <NoMessageAfter
                clusterId={clusterId}
                topic={topic}
                partition={params.partition}
                timestamp={seekTime}
                apply={apply}
              />
            ) : (
              'No messages in this range.'
            )
          }
        />
      </section>

      {open ? (
        <MessageDrawer
          message={selected}
          onStep={step}
          missing={
            single.isFetching || loadingList
              ? 'loading…'
              : single.error
                ? single.error.message
                : `no message at partition ${openPartition} offset ${openOffset}`
          }
          onClose={() => apply({ open: undefined }, { keepCursor: true })}
        />
      ) : null}
    </div>
  );
}
