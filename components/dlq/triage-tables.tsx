'use client';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Table, type Column } from '@/components/ui/table';
import { formatCount, formatTimestamp, MISSING } from '@/lib/format';
import { errorCode } from '@/lib/queries/api-error';
import { useBlockedKeys } from '@/lib/queries/dlq/blocked-keys-query';
import type { BlockedKey, CauseGroup, DeadLetterTriage } from '@/lib/schemas/dlq';

/** The last segment of a Java class name, the full name on hover. */
export function ClassName({ name }: { name: string | null }) {
  if (!name) return <span className="text-slate-400">unknown</span>;
  return (
    <span className="font-mono text-xs font-semibold text-slate-800" title={name}>
      {name.slice(name.lastIndexOf('.') + 1)}
    </span>
  );
}

export function CauseTable({
  causes,
  selected,
  onOpen,
}: {
  causes: CauseGroup[];
  selected: string | null;
  onOpen: (fingerprint: string) => void;
}) {
  const columns: Column<CauseGroup>[] = [
    {
      id: 'cause',
      header: 'Cause',
      cell: (c) => (
        <div className="min-w-0">
          <ClassName name={c.className} />
          {c.exceptionClass && c.exceptionClass !== c.className ? (
            <span className="ml-2 text-[11px] text-slate-400" title={`Reported as ${c.exceptionClass}`}>
              in {c.exceptionClass.slice(c.exceptionClass.lastIndexOf('.') + 1)}
            </span>
          ) : null}
          <div
            className="mt-0.5 line-clamp-2 break-words font-mono text-[11px] text-slate-600"
            title={c.message ?? undefined}
            data-testid="cause-fingerprint"
          >
            {c.fingerprint.slice((c.className ?? 'unknown').length + 2) || (
              <span className="text-slate-400">no message</span>
            )}
          </div>
        </div>
      ),
    },
    {
      id: 'conventions',
      header: 'Written by',
      cell: (c) => <span className="text-xs text-slate-600">{c.conventions.join(', ') || MISSING}</span>,
    },
    {
      id: 'origin',
      header: 'Origin',
      cell: (c) => <span className="font-mono text-xs">{c.originTopics.join(', ') || MISSING}</span>,
    },
    {
      id: 'last',
      header: 'Last',
      cell: (c) => (
        <span className="whitespace-nowrap text-xs text-slate-600">{formatTimestamp(c.lastAt, 's')}</span>
      ),
      sortValue: (c) => c.lastAt,
    },
    {
      id: 'count',
      header: 'Dead letters',
      numeric: true,
      cell: (c) => formatCount(c.count),
      sortValue: (c) => c.count,
      testId: 'cause-count',
    },
    {
      id: 'open',
      header: '',
      cell: (c) => (
        <Button
          size="sm"
          variant={selected === c.fingerprint ? 'primary' : 'secondary'}
          onClick={() => onOpen(c.fingerprint)}
          testId="cause-open"
        >
          {selected === c.fingerprint ? 'Selected' : 'Select'}
        </Button>
      ),
    },
  ];
  return (
    <Table
      columns={columns}
      rows={causes}
      rowKey={(c) => c.fingerprint}
      selectedKey={selected}
      rowTestId="cause-row"
      onRowClick={(c) => onOpen(c.fingerprint)}
      frame={false}
      empty="No dead letters, so no causes."
    />
  );
}

type OriginRow = DeadLetterTriage['origins'][number];
type KeyRow = DeadLetterTriage['keys'][number];

export function OriginTable({ origins, onOpen }: { origins: OriginRow[]; onOpen: (topic: string) => void }) {
  const columns: Column<OriginRow>[] = [
    {
      id: 'topic',
      header: 'Origin topic',
      mono: true,
      cell: (o) => o.topic ?? <span className="text-slate-400">not in the headers</span>,
    },
    {
      id: 'groups',
      header: 'Consumers that failed',
      cell: (o) => <span className="font-mono text-xs">{o.consumerGroups.join(', ') || MISSING}</span>,
    },
    { id: 'count', header: 'Dead letters', numeric: true, cell: (o) => formatCount(o.count) },
  ];
  return (
    <Table
      columns={columns}
      rows={origins}
      rowKey={(o) => o.topic ?? ''}
      rowTestId="origin-row"
      onRowClick={(o) => (o.topic ? onOpen(o.topic) : undefined)}
      frame={false}
      empty="No dead letters."
    />
  );
}

export function KeyTable({
  keys,
  keyCount,
  onOpen,
}: {
  keys: KeyRow[];
  keyCount: number;
  onOpen: (key: string) => void;
}) {
  const columns: Column<KeyRow>[] = [
    {
      id: 'key',
      header: 'Key',
      mono: true,
      cell: (k) => k.key ?? <span className="text-slate-400">null</span>,
    },
    {
      id: 'first',
      header: 'First',
      cell: (k) => <span className="text-xs text-slate-600">{formatTimestamp(k.firstAt, 's')}</span>,
    },
    {
      id: 'last',
      header: 'Last',
      cell: (k) => <span className="text-xs text-slate-600">{formatTimestamp(k.lastAt, 's')}</span>,
    },
    { id: 'count', header: 'Dead letters', numeric: true, cell: (k) => formatCount(k.count) },
  ];
  return (
    <div className="space-y-2">
      <Table
        columns={columns}
        rows={keys}
        rowKey={(k) => k.key ?? ''}
        rowTestId="key-row"
        onRowClick={(k) => (k.key !== null ? onOpen(k.key) : undefined)}
        frame={false}
        empty="No dead letters."
      />
      {keyCount > keys.length ? (
        <p className="text-xs text-slate-500">
          The {keys.length} keys with the most dead letters of {formatCount(keyCount)}.
        </p>
      ) : null}
    </div>
  );
}

/** Keys whose later events exist after a failure: out of order, or stuck behind it. */
export function BlockedKeyTable({
  clusterId,
  topic,
  onOpen,
  timeTravelHref,
}: {
  clusterId: string;
  topic: string;
  onOpen: (key: string) => void;
  timeTravelHref: (originTopic: string, key: string) => string;
}) {
  const blocked = useBlockedKeys(clusterId, topic, true);
  if (blocked.error)
    return (
      <ErrorPanel
        title="Blocked keys could not be computed"
        message={blocked.error.message}
        code={errorCode(blocked.error)}
        testId="blocked-keys-error"
      />
    );
  const columns: Column<BlockedKey>[] = [
    { id: 'key', header: 'Key', mono: true, cell: (k) => k.key },
    {
      id: 'origin',
      header: 'Failed at',
      mono: true,
      cell: (k) => `${k.originTopic}-${k.originPartition}@${k.failedOffset}`,
    },
    { id: 'dead', header: 'Dead letters', numeric: true, cell: (k) => formatCount(k.deadLettered) },
    {
      id: 'later',
      header: 'Later events',
      numeric: true,
      cell: (k) => formatCount(k.later),
      headerTitle: 'Events of the key in the origin partition after the failed one',
      testId: 'blocked-later',
    },
    {
      id: 'state',
      header: 'Later events are',
      cell: (k) =>
        k.laterDeadLettered === 0 ? (
          <Badge tone="warn">processed out of order</Badge>
        ) : k.laterDeadLettered === k.later ? (
          <Badge tone="bad">all stuck in the DLQ</Badge>
        ) : (
          <Badge tone="bad">{`${formatCount(k.laterDeadLettered)} stuck in the DLQ`}</Badge>
        ),
    },
    {
      id: 'links',
      header: '',
      cell: (k) => (
        <a
          href={timeTravelHref(k.originTopic, k.key)}
          className="text-xs text-sky-700 hover:underline"
          onClick={(e) => e.stopPropagation()}
        >
          time travel
        </a>
      ),
    },
  ];
  return (
    <div className="space-y-2">
      <Table
        columns={columns}
        rows={blocked.data?.keys}
        rowKey={(k) => `${k.originTopic}/${k.originPartition}/${k.key}`}
        loading={blocked.isPending}
        rowTestId="blocked-key-row"
        rowData={(k) => ({ 'data-key': k.key })}
        onRowClick={(k) => onOpen(k.key)}
        frame={false}
        empty="No key has events after its failure: nothing was processed out of order, nothing is stuck."
      />
      {blocked.data ? (
        <p className="text-xs text-slate-500" data-testid="blocked-keys-note">
          {formatCount(blocked.data.checkedKeys)} dead-lettered keys checked against{' '}
          {formatCount(blocked.data.scanned)} later records of their origin partitions
          {blocked.data.truncated
            ? '; an origin partition was too long to read to its end, so counts are partial'
            : ''}
          {blocked.data.missingOrigins.length
            ? `; origin topics that no longer exist: ${blocked.data.missingOrigins.join(', ')}`
            : ''}
          .
        </p>
      ) : null}
    </div>
  );
}
