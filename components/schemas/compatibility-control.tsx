'use client';
import { COMPATIBILITY_LEVELS } from '@/lib/schemadiff/types';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Field, Select } from '@/components/ui/field';
import { useClusters } from '@/lib/queries/clusters/clusters-query';
import { useSetCompatibility } from '@/lib/queries/schemas/compatibility-mutation';
import type { CompatibilityChanged } from '@/lib/schemas/subjects';
import { LevelBadge } from './schema-badges';
import { useHasRole } from '@/lib/queries/clusters/cluster-role-query';

type Level = CompatibilityChanged['after'];
const LEVELS: readonly Level[] = COMPATIBILITY_LEVELS;

const MEANING: Record<Level, string> = {
  NONE: 'no check: any schema may follow',
  BACKWARD: 'the new version reads data written with the last one',
  BACKWARD_TRANSITIVE: 'the new version reads data written with every earlier one',
  FORWARD: 'the last version reads data written with the new one',
  FORWARD_TRANSITIVE: 'every earlier version reads data written with the new one',
  FULL: 'both, against the last version',
  FULL_TRANSITIVE: 'both, against every earlier version',
};

/**
 * Shows a compatibility level with a "Change" button; the change is confirmed in a dialog,
 * refused on read-only clusters, audited on the server, and the level is read back afterwards
 * (a registry may not apply what was asked: on Apicurio a subject set to NONE follows the global level).
 */
function LevelControl({
  clusterId,
  subject,
  level,
  source,
}: {
  clusterId: string;
  subject: string | null;
  level: Level;
  source?: 'subject' | 'global';
}) {
  const clusters = useClusters();
  const readOnly = clusters.data?.clusters.find((c) => c.id === clusterId)?.readOnly ?? true;
  // Changing a compatibility level is an admin's decision (README, roles).
  const mayChange = useHasRole(clusterId, 'admin');
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<Level | 'inherit'>(level);
  const mutation = useSetCompatibility(clusterId, subject);
  const what = subject === null ? 'the global compatibility level' : `the compatibility level of ${subject}`;
  const close = () => {
    setOpen(false);
    mutation.reset();
  };
  return (
    <div
      className="flex items-center gap-2"
      data-testid={subject === null ? 'global-level' : 'subject-level'}
    >
      <span className="text-xs uppercase tracking-wide text-slate-500">
        {subject === null ? 'Global level' : 'Compatibility'}
      </span>
      <LevelBadge
        level={level}
        source={source}
        testId={subject === null ? 'global-level-value' : 'subject-level-value'}
      />
      <span
        title={
          readOnly
            ? 'This cluster is read-only: the console does not change it'
            : !mayChange
              ? 'Changing the level needs the admin role'
              : undefined
        }
      >
        <Button
          size="sm"
          variant="ghost"
          disabled={readOnly || !mayChange}
          onClick={() => {
            setChoice(source === 'global' ? 'inherit' : level);
            setOpen(true);
          }}
          testId="change-level"
        >
          Change
        </Button>
      </span>
      {open ? (
        <Dialog
          title={`Change ${what}`}
          onClose={close}
          testId="level-dialog"
          footer={
            mutation.isSuccess ? (
              <Button onClick={close}>Close</Button>
            ) : (
              <>
                <Button onClick={close}>Cancel</Button>
                <Button
                  variant="primary"
                  disabled={mutation.isPending}
                  onClick={() => mutation.mutate(choice === 'inherit' ? null : choice)}
                  testId="confirm-level"
                >
                  {mutation.isPending ? 'Changing…' : 'Change level'}
                </Button>
              </>
            )
          }
        >
          {mutation.isSuccess ? (
            <p data-testid="level-changed">
              The level was {mutation.data.before} and is now <strong>{mutation.data.after}</strong>
              {mutation.data.source === 'global' && subject !== null ? ' (the global level applies)' : ''}.
              The change is in the audit trail.
            </p>
          ) : (
            <div className="space-y-3">
              <Field
                label="Level"
                hint={
                  choice === 'inherit'
                    ? 'Remove the subject’s own level: the global level applies'
                    : MEANING[choice]
                }
              >
                <Select
                  value={choice}
                  onChange={(e) => setChoice(e.target.value as Level | 'inherit')}
                  testId="level-select"
                >
                  {subject !== null ? <option value="inherit">Use the global level</option> : null}
                  {LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </Select>
              </Field>
              <p className="text-slate-600">
                The registry applies the level to every registration from now on
                {subject === null ? ', for every subject without a level of its own' : ''}. Registered
                versions are not re-checked.
              </p>
              {mutation.isError ? (
                <ErrorPanel title="The level was not changed" error={mutation.error} />
              ) : null}
            </div>
          )}
        </Dialog>
      ) : null}
    </div>
  );
}

export function GlobalLevelControl({ clusterId, level }: { clusterId: string; level: Level }) {
  return <LevelControl clusterId={clusterId} subject={null} level={level} />;
}

export function SubjectLevelControl({
  clusterId,
  subject,
  level,
  source,
}: {
  clusterId: string;
  subject: string;
  level: Level;
  source: 'subject' | 'global';
}) {
  return <LevelControl clusterId={clusterId} subject={subject} level={level} source={source} />;
}
