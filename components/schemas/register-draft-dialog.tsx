'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Field, Input } from '@/components/ui/field';
import { useRegisterSchema } from '@/lib/queries/schemas/register-schema-mutation';
import type { DraftCheck, DraftInput } from '@/lib/schemas/subjects';
import { VerdictBadge } from './schema-badges';

/** The confirmation of a registration: what the checks said, and the subject name typed again. */
export function RegisterDraftDialog({
  clusterId,
  subject,
  draft,
  result,
  onClose,
}: {
  clusterId: string;
  subject: string;
  draft: DraftInput;
  result: DraftCheck;
  onClose: () => void;
}) {
  const [confirm, setConfirm] = useState('');
  const mutation = useRegisterSchema(clusterId, subject);
  return (
    <Dialog
      title={`Register a new version of ${subject}`}
      onClose={onClose}
      testId="register-dialog"
      footer={
        mutation.isSuccess ? (
          <Button onClick={onClose}>Close</Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button
              variant="primary"
              disabled={confirm !== subject || mutation.isPending}
              onClick={() => mutation.mutate({ ...draft, confirm })}
              testId="confirm-register"
            >
              {mutation.isPending ? 'Registering…' : 'Register'}
            </Button>
          </>
        )
      }
    >
      {mutation.isSuccess ? (
        <p data-testid="registered">
          {mutation.data.alreadyRegistered ? 'The subject already had this schema as ' : 'Registered as '}
          <strong>version {mutation.data.version}</strong> (id {mutation.data.id}). The registration is in the
          audit trail.
        </p>
      ) : (
        <div className="space-y-3">
          <div className="grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-1.5">
            <span className="text-slate-500">Ours under {result.level}</span>
            {result.ours ? <VerdictBadge compatible={result.ours.compatible} /> : 'none'}
            <span className="text-slate-500">The registry&apos;s</span>
            <span>
              {result.registry?.status === 'answered' ? (
                <VerdictBadge compatible={result.registry.compatible} />
              ) : (
                'no answer'
              )}
            </span>
          </div>
          {result.ours && !result.ours.compatible ? (
            <p className="text-rose-800">
              The registry will most likely refuse it under {result.level}; its reason will be shown here.
            </p>
          ) : null}
          <p>
            Producers can use a registered version at once, and it cannot be changed afterwards, only deleted.
          </p>
          <Field label={`Type ${subject} to confirm`}>
            <Input
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              mono
              autoFocus
              testId="register-confirm"
              className="w-full"
            />
          </Field>
          {mutation.isError ? (
            <ErrorPanel
              title="The schema was not registered"
              error={mutation.error}
              testId="register-error"
            />
          ) : null}
        </div>
      )}
    </Dialog>
  );
}
