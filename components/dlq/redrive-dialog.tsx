'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Checkbox, Field, Input } from '@/components/ui/field';
import { ErrorPanel } from '@/components/ui/error-panel';
import { plural } from '@/lib/format';
import { errorCode } from '@/lib/queries/api-error';
import { useStartRedrive } from '@/lib/queries/dlq/redrive-mutation';
import type { DeadLetterSelection, DryRun, RedriveJob } from '@/lib/schemas/dlq';

/**
 * The confirmation of a redrive: how many messages, where to, at what rate. Only the confirm
 * button starts the job; the server refuses it on a read-only cluster and audits it.
 */
export function RedriveDialog({
  clusterId,
  topic,
  selection,
  count,
  destination,
  dryRun,
  parkingTopic,
  onClose,
  onStarted,
}: {
  clusterId: string;
  topic: string;
  selection: DeadLetterSelection;
  count: number;
  destination: string;
  dryRun: DryRun | undefined;
  parkingTopic: string | null;
  onClose: () => void;
  onStarted: (job: RedriveJob) => void;
}) {
  const start = useStartRedrive(clusterId, topic);
  const [rate, setRate] = useState('');
  const [force, setForce] = useState(false);
  const [park, setPark] = useState(false);
  const rateLimit = rate.trim() === '' ? undefined : Number(rate);
  const rateInvalid =
    rateLimit !== undefined && (!Number.isInteger(rateLimit) || rateLimit < 1 || rateLimit > 100_000);
  const where = destination || 'each message’s origin topic (from its headers)';

  const confirm = () =>
    start.mutate(
      {
        selection,
        ...(destination ? { destination } : {}),
        ...(rateLimit !== undefined ? { rateLimit } : {}),
        force,
        park,
        confirm: true,
      },
      { onSuccess: (job) => onStarted(job) },
    );

  return (
    <Dialog
      title={`Redrive ${plural(count, 'dead letter')}`}
      onClose={onClose}
      testId="redrive-dialog"
      footer={
        <>
          <Button onClick={onClose} testId="redrive-cancel-dialog">
            Cancel
          </Button>
          <Button
            variant="primary"
            onClick={confirm}
            disabled={rateInvalid || start.isPending || count === 0}
            testId="redrive-confirm"
          >
            {start.isPending ? 'Starting…' : `Redrive ${plural(count, 'message')}`}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <p>
          Sends {plural(count, 'message')} of <span className="font-mono">{topic}</span> to{' '}
          <span className="font-mono">{where}</span>, key and value unchanged, with the original headers minus
          the dead-letter ones, stamped with their source and a redrive id. Each batch is one transaction
          together with its ledger entries, so a message is sent once even if the console stops mid-way.
        </p>
        {dryRun ? (
          <p
            className={dryRun.failed ? 'text-amber-700' : 'text-emerald-700'}
            data-testid="redrive-dry-run-note"
          >
            The dry run found {plural(dryRun.ok, 'message')} the destination reads
            {dryRun.failed ? ` and ${plural(dryRun.failed, 'message')} it cannot: those are not sent` : ''}.
          </p>
        ) : (
          <p className="text-amber-700">
            No dry run yet: messages the destination’s schema cannot read are counted as failed and not sent.
          </p>
        )}
        <Field
          label="Rate limit"
          hint="Messages per second; empty for as fast as the cluster takes them"
          error={rateInvalid ? 'a whole number from 1 to 100,000' : undefined}
        >
          <Input
            type="number"
            min={1}
            value={rate}
            onChange={(e) => setRate(e.target.value)}
            placeholder="unlimited"
            testId="redrive-rate"
          />
        </Field>
        <Checkbox checked={force} onChange={setForce} testId="redrive-force">
          Also send messages an earlier job already redrove (the ledger says when and by which job)
        </Checkbox>
        {parkingTopic ? (
          <Checkbox checked={park} onChange={setPark} testId="redrive-park">
            Park messages the destination cannot take in <span className="font-mono">{parkingTopic}</span>{' '}
            instead of leaving them
          </Checkbox>
        ) : null}
        {start.error ? (
          <ErrorPanel
            title="The redrive did not start"
            message={start.error.message}
            code={errorCode(start.error)}
            testId="redrive-error"
          />
        ) : null}
      </div>
    </Dialog>
  );
}
