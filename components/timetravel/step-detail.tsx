'use client';
import { Badge } from '@/components/ui/badge';
import { Caption } from '@/components/ui/caption';
import { Card } from '@/components/ui/card';
import { ErrorPanel } from '@/components/ui/error-panel';
import { formatTimestamp } from '@/lib/format';
import type { ReplayStep } from '@/lib/schemas/timetravel';
import { describeChanges } from '@/lib/timetravel/state-diff';
import { ChangeList } from './change-list';
import { JsonView } from './json-view';

function UpcastBadge({ step }: { step: ReplayStep }) {
  switch (step.upcast.status) {
    case 'latest':
      return <Badge tone="good">written with the latest schema</Badge>;
    case 'resolved':
      return (
        <Badge tone="info">
          resolved v{step.schema?.version ?? '?'} → v{step.upcast.reader.version ?? '?'}
        </Badge>
      );
    case 'failed':
      return <Badge tone="bad">cannot resolve to the latest schema</Badge>;
    default:
      return <Badge>no reader schema</Badge>;
  }
}

/** The event at the current position: how it changed the state, and what it holds, raw and upcast. */
export function StepDetail({
  step,
  number,
  before,
  after,
}: {
  step: ReplayStep;
  number: number;
  before: unknown;
  after: unknown;
}) {
  return (
    <div className="space-y-4" data-testid="step-detail">
      <Card
        title={`Event ${number}: ${step.eventType ?? 'untyped'}`}
        aside={
          <span className="font-mono text-xs text-slate-500" data-testid="step-position">
            partition {step.partition} · offset {step.offset} · {formatTimestamp(step.timestamp, 's')}
          </span>
        }
        testId="step-card"
      >
        {step.error ? (
          <div className="mb-3">
            <ErrorPanel
              title="This step failed; the replay went on from the state before it"
              message={step.error}
              testId="step-error"
            />
          </div>
        ) : null}
        <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">What changed</h3>
        <ChangeList
          changes={step.error ? [] : describeChanges(before, after)}
          empty={step.error ? 'Nothing: the fold failed.' : 'This event did not change the state.'}
          testId="step-diff"
        />
        <div className="mt-4 grid gap-3 xl:grid-cols-2">
          <div>
            <Caption>State before</Caption>
            <JsonView value={before} testId="state-before" maxHeight="max-h-72" />
          </div>
          <div>
            <Caption>State after</Caption>
            <JsonView value={after} testId="state-after" maxHeight="max-h-72" />
          </div>
        </div>
      </Card>
      <Card
        title="The event, as written and as the latest schema reads it"
        aside={<UpcastBadge step={step} />}
        testId="upcast-card"
      >
        {step.schema ? (
          <p className="mb-2 text-xs text-slate-500" data-testid="step-schema">
            {step.schema.subject ?? 'unknown subject'} · version {step.schema.version ?? '?'} · schema id{' '}
            {step.schema.id}
          </p>
        ) : null}
        {step.upcast.status === 'failed' ? (
          <p className="mb-2 text-sm text-rose-700" data-testid="upcast-failure">
            {step.upcast.reason}
          </p>
        ) : null}
        <div className="grid gap-3 xl:grid-cols-2">
          <div>
            <Caption>Raw (writer schema)</Caption>
            <JsonView value={step.value} testId="event-raw" maxHeight="max-h-72" />
          </div>
          <div>
            <Caption>Resolved (latest reader schema)</Caption>
            {step.upcast.status === 'resolved' ? (
              <JsonView value={step.upcast.value} testId="event-resolved" maxHeight="max-h-72" />
            ) : step.upcast.status === 'latest' ? (
              <p className="text-sm text-slate-500" data-testid="event-resolved">
                Same as raw: the writer is the latest version.
              </p>
            ) : (
              <p className="text-sm text-slate-500" data-testid="event-resolved">
                {step.upcast.status === 'failed'
                  ? 'Not available.'
                  : 'Not Avro through the registry: nothing to resolve.'}
              </p>
            )}
          </div>
        </div>
      </Card>
    </div>
  );
}
