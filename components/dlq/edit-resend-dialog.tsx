'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Checkbox, Field, Input, Textarea } from '@/components/ui/field';
import { errorCode } from '@/lib/queries/api-error';
import { useEditRedrive } from '@/lib/queries/dlq/edit-redrive-mutation';
import type { DeadLetterMessage } from '@/lib/schemas/dlq';

/**
 * Edit one dead letter's value as JSON and resend it: validated and encoded against the
 * destination's current schema on the server, a reason required, nothing sent until confirmed.
 */
export function EditResendDialog({
  clusterId,
  topic,
  letter,
  initialValue,
  onClose,
}: {
  clusterId: string;
  topic: string;
  letter: DeadLetterMessage;
  initialValue: unknown;
  onClose: () => void;
}) {
  const edit = useEditRedrive(clusterId, topic);
  const [value, setValue] = useState(() => JSON.stringify(initialValue, null, 2));
  const [reason, setReason] = useState('');
  const [destination, setDestination] = useState(letter.info.origin.topic ?? '');
  const [force, setForce] = useState(false);
  const ready = reason.trim().length >= 3 && destination.trim() !== '' && !edit.isPending;
  const send = () =>
    edit.mutate({
      partition: letter.partition,
      offset: letter.offset,
      value,
      reason: reason.trim(),
      destination: destination.trim(),
      force,
      confirm: true,
    });

  return (
    <Dialog
      title={`Edit and resend ${letter.partition}@${letter.offset}`}
      size="lg"
      onClose={onClose}
      testId="edit-resend-dialog"
      footer={
        <>
          <Button onClick={onClose}>{edit.data ? 'Close' : 'Cancel'}</Button>
          {edit.data ? null : (
            <Button variant="primary" onClick={send} disabled={!ready} testId="edit-resend-confirm">
              {edit.isPending ? 'Sending…' : 'Validate and send'}
            </Button>
          )}
        </>
      }
    >
      {edit.data ? (
        <p className="text-emerald-700" data-testid="edit-resend-done">
          Sent to <span className="font-mono">{edit.data.destination}</span> partition {edit.data.partition}{' '}
          at offset {edit.data.offset}
          {edit.data.schema
            ? `, encoded with ${edit.data.schema.subject} version ${edit.data.schema.version}`
            : ''}
          . The ledger marks it as redriven; the audit trail keeps the original, the edit and the reason.
        </p>
      ) : (
        <div className="space-y-4">
          <Field
            label="Value (JSON)"
            hint="Checked against the destination's current value schema before anything is sent"
          >
            <Textarea
              mono
              rows={14}
              className="w-full"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              testId="edit-resend-value"
            />
          </Field>
          <Field label="Reason" hint="Required; recorded with the original and the edit">
            <Input
              className="w-full"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="why this message is changed"
              testId="edit-resend-reason"
            />
          </Field>
          <Field label="Destination">
            <Input
              mono
              className="w-full"
              value={destination}
              onChange={(e) => setDestination(e.target.value)}
              testId="edit-resend-destination"
            />
          </Field>
          <Checkbox checked={force} onChange={setForce}>
            Send even if an earlier job already redrove this message
          </Checkbox>
          {edit.error ? (
            <ErrorPanel
              title="Nothing was sent"
              message={edit.error.message}
              code={errorCode(edit.error)}
              testId="edit-resend-error"
            />
          ) : null}
        </div>
      )}
    </Dialog>
  );
}
