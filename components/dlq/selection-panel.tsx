'use client';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Field, Input } from '@/components/ui/field';
import { Table, type Column } from '@/components/ui/table';
import { Toolbar, ToolbarNote, ToolbarSpacer } from '@/components/ui/toolbar';
import { formatCount, formatTimestamp, plural } from '@/lib/format';
import { errorCode } from '@/lib/queries/api-error';
import { useDryRun } from '@/lib/queries/dlq/dry-run-mutation';
import { useDeadLetterMessages } from '@/lib/queries/dlq/messages-query';
import type { DeadLetterMessage, DeadLetterSelection, RedriveJob } from '@/lib/schemas/dlq';
import { DryRunResult } from './dry-run-result';
import { LetterDetail } from './letter-detail';
import { RedriveDialog } from './redrive-dialog';
import { ClassName } from './triage-tables';
import { useHasRole } from '@/lib/queries/clusters/cluster-role-query';

const PAGE = 200;
const at = (m: { partition: number; offset: string }) => `${m.partition}@${m.offset}`;

/**
 * The dead letters of the current selection (a cause, an origin, a key, a time range): the count
 * first, then the messages; some can be ticked one by one; a dry run shows what a redrive of
 * them would send where. Writes nothing. The parent keys it by the selection, so a new selection
 * starts with nothing ticked and no old dry run.
 */
export function SelectionPanel({
  clusterId,
  topic,
  selection,
  describe,
  onClear,
  onRedriveStarted,
  parkingTopic,
}: {
  clusterId: string;
  topic: string;
  selection: DeadLetterSelection;
  describe: string;
  onClear: () => void;
  onRedriveStarted: (job: RedriveJob) => void;
  parkingTopic: string | null;
}) {
  const messages = useDeadLetterMessages(clusterId, topic, selection, PAGE);
  const dryRun = useDryRun(clusterId, topic);
  const mayRedrive = useHasRole(clusterId, 'operator');
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<string | null>(null);
  const [destination, setDestination] = useState('');
  const [confirming, setConfirming] = useState(false);

  const rows = messages.data?.messages;
  const opened = useMemo(() => rows?.find((m) => at(m) === open) ?? rows?.[0] ?? null, [rows, open]);
  const matched = messages.data?.matched ?? 0;
  const count = ticked.size > 0 ? ticked.size : matched;

  const toggle = (m: DeadLetterMessage, on: boolean) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(at(m));
      else next.delete(at(m));
      return next;
    });

  // Ticked messages narrow the selection to themselves; the dry run and the redrive use the same.
  const letters =
    ticked.size > 0
      ? [...ticked].map((k) => ({ partition: Number(k.split('@')[0]), offset: k.split('@')[1]! }))
      : undefined;
  const effective: DeadLetterSelection = { ...selection, ...(letters ? { letters } : {}) };
  const runDry = () =>
    dryRun.mutate({
      selection: effective,
      ...(destination.trim() ? { destination: destination.trim() } : {}),
    });

  const columns: Column<DeadLetterMessage>[] = [
    {
      id: 'tick',
      header: '',
      width: 'w-8',
      cell: (m) => (
        <input
          type="checkbox"
          aria-label={`Select ${at(m)}`}
          checked={ticked.has(at(m))}
          onClick={(e) => e.stopPropagation()}
          onChange={(e) => toggle(m, e.target.checked)}
          data-testid="letter-tick"
        />
      ),
    },
    { id: 'at', header: 'Partition@offset', mono: true, cell: (m) => at(m) },
    {
      id: 'time',
      header: 'Dead-lettered',
      cell: (m) => <span className="whitespace-nowrap">{formatTimestamp(m.timestamp, 's')}</span>,
    },
    {
      id: 'key',
      header: 'Key',
      mono: true,
      cell: (m) => <span className="whitespace-nowrap">{m.key ?? 'null'}</span>,
    },
    // Within one cause the column would say the same thing on every row.
    ...(selection.cause
      ? []
      : [
          {
            id: 'cause',
            header: 'Cause',
            cell: (m: DeadLetterMessage) => <ClassName name={m.info.rootCause.className} />,
          },
        ]),
  ];

  return (
    <Card
      title={`Selected: ${describe}`}
      testId="selection-panel"
      aside={
        <Button size="sm" variant="ghost" onClick={onClear} testId="selection-clear">
          Clear selection
        </Button>
      }
    >
      {messages.error ? (
        <ErrorPanel
          title="The selected dead letters could not be read"
          message={messages.error.message}
          code={errorCode(messages.error)}
          testId="selection-error"
        />
      ) : (
        <div className="space-y-4">
          <Toolbar>
            <ToolbarNote testId="selection-count">
              {messages.isPending
                ? 'Counting…'
                : ticked.size > 0
                  ? `${formatCount(ticked.size)} of ${plural(matched, 'dead letter')} ticked`
                  : `${plural(matched, 'dead letter')} selected`}
            </ToolbarNote>
            {ticked.size > 0 ? (
              <Button size="sm" variant="ghost" onClick={() => setTicked(new Set())}>
                Untick all
              </Button>
            ) : null}
            <ToolbarSpacer />
            <Field label="Destination" className="w-72">
              <Input
                controlSize="sm"
                mono
                placeholder="origin topic from the headers"
                value={destination}
                onChange={(e) => setDestination(e.target.value)}
                testId="dry-run-destination"
              />
            </Field>
            <Button
              variant="primary"
              onClick={runDry}
              disabled={count === 0 || dryRun.isPending}
              testId="dry-run-button"
              className="self-end"
            >
              {dryRun.isPending ? 'Checking…' : `Dry run ${plural(count, 'message')}`}
            </Button>
            <Button
              onClick={() => setConfirming(true)}
              disabled={count === 0 || !mayRedrive}
              title={mayRedrive ? undefined : 'Redriving needs the operator role'}
              testId="redrive-button"
              className="self-end"
            >
              Redrive…
            </Button>
          </Toolbar>
          {dryRun.error ? (
            <ErrorPanel
              title="The dry run failed"
              message={dryRun.error.message}
              code={errorCode(dryRun.error)}
              testId="dry-run-error"
            />
          ) : null}
          {dryRun.data ? <DryRunResult run={dryRun.data} /> : null}
          {confirming ? (
            <RedriveDialog
              clusterId={clusterId}
              topic={topic}
              selection={effective}
              count={count}
              destination={destination.trim()}
              dryRun={dryRun.data}
              parkingTopic={parkingTopic}
              onClose={() => setConfirming(false)}
              onStarted={(job) => {
                setConfirming(false);
                onRedriveStarted(job);
              }}
            />
          ) : null}
          <div className="grid gap-4 lg:grid-cols-2">
            <div className="min-w-0 space-y-1">
              <Table
                columns={columns}
                rows={rows}
                rowKey={at}
                loading={messages.isPending}
                selectedKey={opened ? at(opened) : null}
                onRowClick={(m) => setOpen(at(m))}
                rowTestId="letter-row"
                rowData={(m) => ({ 'data-at': at(m) })}
                density="compact"
                scroll="max-h-[36rem]"
                frame={false}
                empty="The selection matches no dead letter."
              />
              {rows && matched > rows.length ? (
                <p className="text-xs text-slate-500">
                  The oldest {formatCount(rows.length)} of {formatCount(matched)} are listed; the dry run
                  covers all of them.
                </p>
              ) : null}
            </div>
            <div className="min-w-0">
              {opened ? (
                <LetterDetail key={at(opened)} clusterId={clusterId} topic={topic} letter={opened} />
              ) : null}
            </div>
          </div>
        </div>
      )}
    </Card>
  );
}
