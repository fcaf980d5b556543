'use client';
import { useState, type ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { ErrorPanel } from '@/components/ui/error-panel';
import { groupStateLabel } from '@/lib/groups/group-state';
import { useApplyReset } from '@/lib/queries/groups/reset-apply-mutation';
import { usePreviewReset } from '@/lib/queries/groups/reset-preview-mutation';
import { useTopics } from '@/lib/queries/topics/topics-query';
import type { GroupDetail, ResetApplyResult, ResetPreview } from '@/lib/schemas/groups';
import { ConfirmDialog } from './confirm-dialog';
import { formatCount } from '@/lib/format';
import { formatDelta } from './format';
import { buildResetRequest, toDateTimeLocal, type ResetForm } from './reset-form';
import { useHasRole } from '@/lib/queries/clusters/cluster-role-query';

const strategies: { value: ResetForm['strategy']; label: string; hint: string }[] = [
  { value: 'earliest', label: 'Earliest', hint: 'Replay everything still in the log' },
  { value: 'latest', label: 'Latest', hint: 'Skip to the end: only new events' },
  { value: 'timestamp', label: 'Timestamp', hint: 'First event at or after a time' },
  { value: 'shift', label: 'Shift by', hint: 'Move the committed offset by ±N' },
  { value: 'explicit', label: 'Offsets', hint: 'An exact offset per partition' },
];

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      {children}
    </div>
  );
}

const inputClass = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm disabled:bg-slate-100';

function committedText(detail: GroupDetail | undefined, topic: string): string {
  return (detail?.partitions ?? [])
    .filter((p) => p.topic === topic)
    .map((p) => `${p.partition}=${p.committed ?? p.low}`)
    .join(', ');
}

function PreviewTable({ preview }: { preview: ResetPreview }) {
  return (
    <div className="space-y-2" data-testid="reset-preview">
      <p className="text-sm text-slate-700" data-testid="reset-preview-summary">
        {preview.totals.changed} of {preview.totals.partitions} {preview.totals.partitions === 1 ? 'partition changes' : 'partitions change'}; lag{' '}
        {preview.totals.lagBefore === null ? 'none committed' : formatCount(preview.totals.lagBefore)} → <span className="font-semibold">{formatCount(preview.totals.lagAfter)}</span>
        {preview.exists ? null : <span className="ml-2"><Badge tone="info">creates the group</Badge></span>}
      </p>
      <div className="max-h-96 overflow-y-auto">
        <table className="w-full text-sm">
          <thead className="sticky top-0 bg-white">
            <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
              <th className="pb-2 pr-3 font-medium">Topic</th>
              <th className="pb-2 pr-3 text-right font-medium">Partition</th>
              <th className="pb-2 pr-3 text-right font-medium">Current</th>
              <th className="pb-2 pr-3 text-right font-medium">New</th>
              <th className="pb-2 pr-3 text-right font-medium">Delta</th>
              <th className="pb-2 pr-3 text-right font-medium">Lag after</th>
              <th className="pb-2 font-medium" />
            </tr>
          </thead>
          <tbody>
            {preview.partitions.map((p) => (
              <tr key={`${p.topic}-${p.partition}`} className={`border-t border-slate-100 ${p.changed ? '' : 'text-slate-400'}`} data-testid="reset-preview-row" data-changed={p.changed}>
                <td className="py-1.5 pr-3 font-mono text-xs">{p.topic}</td>
                <td className="py-1.5 pr-3 text-right font-mono tabular-nums">{p.partition}</td>
                <td className="py-1.5 pr-3 text-right font-mono tabular-nums">{formatCount(p.current)}</td>
                <td className="py-1.5 pr-3 text-right font-mono font-semibold tabular-nums" data-testid="reset-preview-target">
                  {formatCount(p.target)}
                </td>
                <td className="py-1.5 pr-3 text-right font-mono tabular-nums">{formatDelta(p.current, p.target)}</td>
                <td className="py-1.5 pr-3 text-right font-mono tabular-nums" data-testid="reset-preview-lag-after">
                  {formatCount(p.lagAfter)}
                </td>
                <td className="py-1.5 text-xs">
                  {p.clamped ? (
                    <span title={`Kept within the log, ${formatCount(p.low)}–${formatCount(p.high)}`}>
                      <Badge tone="warn">clamped</Badge>
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
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
    timestamp: toDateTimeLocal(Date.now() - 3_600_000),
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
      if ((change.strategy === 'explicit' || (change.topic !== undefined && f.strategy === 'explicit')) && detail) next.offsets = committedText(detail, next.topic.trim());
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
      { scope: plan.scope, strategy: plan.strategy, partitions: plan.partitions.map(({ topic, partition, current, target }) => ({ topic, partition, current, target })) },
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

  const timestampMs = new Date(form.timestamp).getTime();

  return (
    <div className="space-y-4" data-testid="reset-panel">
      {running ? (
        <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="reset-running">
          <div className="font-semibold">This group is running ({groupStateLabel(detail!.state)}, {detail!.members.length} {detail!.members.length === 1 ? 'member' : 'members'})</div>
          Offsets can only be reset while nobody consumes for the group: stop the group&apos;s consumers first. The page updates on its own when the group becomes empty.
        </div>
      ) : null}
      {readOnly ? (
        <div className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700" data-testid="reset-read-only">
          This cluster is read-only: you can preview a reset, but the console will not apply it.
        </div>
      ) : !mayApply ? (
        <div className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700" data-testid="reset-viewer">
          You are a viewer on this cluster: you can preview a reset; applying it needs an operator.
        </div>
      ) : null}

      <fieldset disabled={running} className="space-y-4">
        <Field label="Strategy">
          <div className="flex flex-wrap gap-2" role="radiogroup" aria-label="Reset strategy">
            {strategies.map((s) => (
              <label
                key={s.value}
                title={s.hint}
                data-testid={`strategy-${s.value}`}
                className={`cursor-pointer rounded-md border px-3 py-1.5 text-sm ${form.strategy === s.value ? 'border-sky-500 bg-sky-50 font-medium text-sky-800' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
              >
                <input type="radio" name="strategy" value={s.value} checked={form.strategy === s.value} onChange={() => edit({ strategy: s.value })} className="sr-only" />
                {s.label}
              </label>
            ))}
          </div>
          <p className="text-xs text-slate-500">{strategies.find((s) => s.value === form.strategy)?.hint}</p>
        </Field>

        <div className="flex flex-wrap items-start gap-x-6 gap-y-4">
          {form.strategy === 'timestamp' ? (
            <Field label="At or after">
              <input type="datetime-local" step={1} value={form.timestamp} onChange={(e) => edit({ timestamp: e.target.value })} className={inputClass} data-testid="reset-timestamp" />
              <div className="text-xs text-slate-500">{Number.isNaN(timestampMs) ? '' : `${new Date(timestampMs).toISOString()} · past the last event means latest`}</div>
            </Field>
          ) : null}
          {form.strategy === 'shift' ? (
            <Field label="Shift by">
              <input value={form.shift} onChange={(e) => edit({ shift: e.target.value })} className={`${inputClass} w-32 font-mono`} data-testid="reset-shift" />
              <div className="text-xs text-slate-500">negative moves back (replays)</div>
            </Field>
          ) : null}
          {form.strategy === 'explicit' ? (
            <>
              <Field label="Topic">
                <TopicInput value={form.topic} topics={suggestions} onChange={(topic) => edit({ topic })} />
              </Field>
              <Field label="Offsets (partition=offset)">
                <textarea value={form.offsets} onChange={(e) => edit({ offsets: e.target.value })} rows={2} placeholder="0=120, 1=80" className={`${inputClass} w-96 font-mono`} data-testid="reset-offsets" />
                <div className="text-xs text-slate-500">only the partitions listed are reset; offsets outside the log are clamped to it</div>
              </Field>
            </>
          ) : (
            <>
              <Field label="Scope">
                <select value={form.scope} onChange={(e) => edit({ scope: e.target.value as ResetForm['scope'] })} className={inputClass} data-testid="reset-scope">
                  <option value="all" disabled={groupTopics.length === 0}>
                    All topics of the group{groupTopics.length ? ` (${groupTopics.length})` : ''}
                  </option>
                  <option value="topic">One topic</option>
                  <option value="partitions">Chosen partitions of a topic</option>
                </select>
              </Field>
              {form.scope !== 'all' ? (
                <Field label="Topic">
                  <TopicInput value={form.topic} topics={suggestions} onChange={(topic) => edit({ topic })} />
                  {!groupTopics.includes(form.topic.trim()) && form.topic.trim() ? <div className="text-xs text-slate-500">not read by the group yet: a new read model</div> : null}
                </Field>
              ) : null}
              {form.scope === 'partitions' ? (
                <Field label="Partitions">
                  <input value={form.partitions} onChange={(e) => edit({ partitions: e.target.value })} placeholder="0, 2, 4-6" className={`${inputClass} w-40 font-mono`} data-testid="reset-partitions" />
                </Field>
              ) : null}
            </>
          )}
        </div>

        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            onClick={runPreview}
            disabled={!built.ok || preview.isPending}
            className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50"
            data-testid="reset-preview-button"
          >
            {preview.isPending ? 'Previewing…' : 'Preview'}
          </button>
          {plan ? (
            <button
              type="button"
              onClick={() => setConfirming(true)}
              disabled={readOnly || !mayApply || changes.length === 0 || apply.isPending}
              title={readOnly ? 'read-only cluster' : !mayApply ? 'needs the operator role' : changes.length === 0 ? 'nothing would change' : undefined}
              className="rounded-md bg-rose-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-rose-700 disabled:opacity-50"
              data-testid="reset-apply-button"
            >
              Apply reset…
            </button>
          ) : null}
          {!built.ok ? <span className="text-sm text-slate-500" data-testid="reset-form-problem">{built.message}</span> : null}
          {plan ? <span className="text-xs text-slate-500">Nothing has changed yet: the preview only reads.</span> : null}
        </div>
      </fieldset>

      {preview.isError ? (
        <ErrorPanel title="The reset could not be previewed" error={preview.error} testId="reset-preview-error" />
      ) : null}
      {apply.isError ? (
        <ErrorPanel title="The reset was not applied" error={apply.error} testId="reset-apply-error" />
      ) : null}
      {plan ? <PreviewTable preview={plan} /> : null}

      {confirming && plan ? (
        <ConfirmDialog
          title={`Reset ${changes.length} ${changes.length === 1 ? 'partition' : 'partitions'} of ${groupId}?`}
          confirmLabel="Reset offsets"
          pending={apply.isPending}
          onConfirm={runApply}
          onCancel={() => setConfirming(false)}
          testId="reset-confirm"
        >
          <p className="mb-3">
            The group will next read from these offsets{plan.exists ? '' : ' (this creates the group)'}. Lag goes from {plan.totals.lagBefore === null ? 'none' : formatCount(plan.totals.lagBefore)} to{' '}
            {formatCount(plan.totals.lagAfter)}. The change is recorded in the audit trail.
          </p>
          <ul className="space-y-0.5 font-mono text-xs" data-testid="reset-confirm-list">
            {changes.map((c) => (
              <li key={`${c.topic}-${c.partition}`}>
                {c.topic}/{c.partition}: {c.current === null ? 'none' : formatCount(c.current)} → {formatCount(c.target)}
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function TopicInput({ value, topics, onChange }: { value: string; topics: string[]; onChange: (topic: string) => void }) {
  return (
    <>
      <input value={value} onChange={(e) => onChange(e.target.value)} list="reset-topic-options" placeholder="topic name" className={`${inputClass} w-64 font-mono`} data-testid="reset-topic" />
      <datalist id="reset-topic-options">
        {topics.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
    </>
  );
}
