'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Notice } from '@/components/ui/notice';
import { formatCount, formatTimestamp, plural } from '@/lib/format';
import { groupStateLabel } from '@/lib/groups/group-state';
import { useHasRole } from '@/lib/queries/clusters/cluster-role-query';
import { useApplyReset } from '@/lib/queries/groups/reset-apply-mutation';
import { usePreviewReset } from '@/lib/queries/groups/reset-preview-mutation';
import { useTopics } from '@/lib/queries/topics/topics-query';
import type { GroupDetail, ResetApplyResult } from '@/lib/schemas/groups';
import { ConfirmDialog } from './confirm-dialog';
import { buildResetRequest, type ResetForm } from './reset-form';
import { ResetPreviewTable, skippedEvents } from './reset-preview-table';
import { ResetTargetFields, StrategyPicker } from './reset-strategy-fields';

function committedText(detail: GroupDetail | undefined, topic: string): string {
  return (detail?.partitions ?? [])
    .filter((p) => p.topic === topic)
    .map((p) => `${p.partition}=${p.committed ?? p.low}`)
    .join(', ');
}

/**
 * Resetting a stopped group's offsets (the "replay a read model" tool): a strategy and a scope,
 * a preview that changes nothing, then a confirmed apply of exactly the previewed plan.
 */
export function ResetOffsetsPanel({
  clusterId,
  groupId,
  detail,
  readOnly,
  onApplied,
}: {
  clusterId: string;
  groupId: string;
  /** Undefined for a group that does not exist yet. */
  detail: GroupDetail | undefined;
  readOnly: boolean;
  onApplied: (result: ResetApplyResult | null) => void;
}) {
  const mayApply = useHasRole(clusterId, 'operator');
  const groupTopics = detail?.topics.map((t) => t.topic) ?? [];
  // Any topic can be the start of a new read model: suggest them all, the group's own first.
  const allTopics = useTopics(clusterId, { internal: false });
  const suggestions = [...new Set([...groupTopics, ...(allTopics.data?.topics.map((t) => t.name) ?? [])])];
  const [form, setForm] = useState<ResetForm>(() => ({
    scope: groupTopics.length ? 'all' : 'topic',
    topic: groupTopics[0] ?? '',
    partitions: '',
    strategy: 'earliest',
    timestamp: formatTimestamp(Date.now() - 3_600_000, 's'),
    shift: '-100',
    offsets: committedText(detail, groupTopics[0] ?? ''),
  }));
  const [confirming, setConfirming] = useState(false);
  const preview = usePreviewReset(clusterId, groupId);
  const apply = useApplyReset(clusterId, groupId);

  const running = detail?.running ?? false;
  const built = buildResetRequest(form);
  const edit = (change: Partial<ResetForm>) => {
    setForm((f) => {
      const next = { ...f, ...change };
      // Switching to explicit offsets (or to another topic there) starts from what is committed.
      if (
        (change.strategy === 'explicit' || (change.topic !== undefined && f.strategy === 'explicit')) &&
        detail
      )
        next.offsets = committedText(detail, next.topic.trim());
      return next;
    });
    preview.reset();
    apply.reset();
    onApplied(null);
  };

  const runPreview = () => {
    if (built.ok) preview.mutate(built.body);
  };
  const plan = preview.data;
  const changes = plan?.partitions.filter((p) => p.changed) ?? [];
  const runApply = () => {
    if (!plan) return;
    apply.mutate(
      {
        scope: plan.scope,
        strategy: plan.strategy,
        partitions: plan.partitions.map(({ topic, partition, current, target }) => ({
          topic,
          partition,
          current,
          target,
        })),
      },
      {
        onSuccess: (result) => {
          setConfirming(false);
          onApplied(result);
          preview.reset();
        },
        onError: () => setConfirming(false),
      },
    );
  };

  return (
    <div className="space-y-4" data-testid="reset-panel">
      {running ? (
        <Notice
          tone="warn"
          title={`This group is running (${groupStateLabel(detail!.state)}, ${plural(detail!.members.length, 'member')})`}
          testId="reset-running"
        >
          Offsets can only be reset while nobody consumes for the group: stop the group&apos;s consumers
          first. The page updates on its own when the group becomes empty.
        </Notice>
      ) : null}
      {readOnly ? (
        <Notice tone="neutral" testId="reset-read-only">
          This cluster is read-only: you can preview a reset, but the console will not apply it.
        </Notice>
      ) : !mayApply ? (
        <Notice tone="neutral" testId="reset-viewer">
          You are a viewer on this cluster: you can preview a reset; applying it needs an operator.
        </Notice>
      ) : null}

      <fieldset disabled={running} className="space-y-4">
        <StrategyPicker value={form.strategy} onChange={(strategy) => edit({ strategy })} />
        <ResetTargetFields form={form} edit={edit} groupTopics={groupTopics} suggestions={suggestions} />

        <div className="flex flex-wrap items-center gap-3">
          <Button
            variant="primary"
            className="px-4"
            onClick={runPreview}
            disabled={!built.ok || preview.isPending}
            testId="reset-preview-button"
          >
            {preview.isPending ? 'Previewing…' : 'Preview'}
          </Button>
          {plan ? (
            <Button
              variant="danger"
              className="px-4"
              onClick={() => setConfirming(true)}
              disabled={readOnly || !mayApply || changes.length === 0 || apply.isPending}
              title={
                readOnly
                  ? 'read-only cluster'
                  : !mayApply
                    ? 'needs the operator role'
                    : changes.length === 0
                      ? 'nothing would change'
                      : undefined
              }
              testId="reset-apply-button"
            >
              Apply reset…
            </Button>
          ) : null}
          {!built.ok ? (
            <span className="text-sm text-slate-500" data-testid="reset-form-problem">
              {built.message}
            </span>
          ) : null}
          {plan ? (
            <span className="text-xs text-slate-500">Nothing has changed yet: the preview only reads.</span>
          ) : null}
        </div>
      </fieldset>

      {preview.isError ? (
        <ErrorPanel
          title="The reset could not be previewed"
          error={preview.error}
          testId="reset-preview-error"
        />
      ) : null}
      {apply.isError ? (
        <ErrorPanel title="The reset was not applied" error={apply.error} testId="reset-apply-error" />
      ) : null}
      {plan ? <ResetPreviewTable preview={plan} /> : null}

      {confirming && plan ? (
        <ConfirmDialog
          title={`Reset ${plural(changes.length, 'partition')} of ${groupId}?`}
          confirmLabel="Reset offsets"
          pending={apply.isPending}
          onConfirm={runApply}
          onCancel={() => setConfirming(false)}
          testId="reset-confirm"
        >
          <p className="mb-3">
            The group will next read from these offsets{plan.exists ? '' : ' (this creates the group)'}. Lag
            goes from {plan.totals.lagBefore === null ? 'none' : formatCount(plan.totals.lagBefore)} to{' '}
            {formatCount(plan.totals.lagAfter)}.
            {skippedEvents(plan) > 0n
              ? ` ${formatCount(skippedEvents(plan).toString())} unprocessed events are skipped.`
              : ''}{' '}
            The change is recorded in the audit trail.
          </p>
          <ul className="space-y-0.5 font-mono text-xs" data-testid="reset-confirm-list">
            {changes.map((c) => (
              <li key={`${c.topic}-${c.partition}`}>
                {c.topic}/{c.partition}: {c.current === null ? 'none' : formatCount(c.current)} →{' '}
                {formatCount(c.target)}
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
