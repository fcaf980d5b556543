'use client';
import { Field, FIELD_LABEL, Input, Select, Textarea } from '@/components/ui/field';
import { formatCount, formatTimestamp, fromDateTimeInput } from '@/lib/format';
import type { ResetForm } from './reset-form';

export const RESET_STRATEGIES: { value: ResetForm['strategy']; label: string; hint: string }[] = [
  { value: 'earliest', label: 'Earliest', hint: 'Replay everything still in the log' },
  { value: 'latest', label: 'Latest', hint: 'Skip to the end: only new events' },
  { value: 'timestamp', label: 'Timestamp', hint: 'First event at or after a time' },
  { value: 'shift', label: 'Shift by', hint: 'Move the committed offset by ±N' },
  { value: 'explicit', label: 'Offsets', hint: 'An exact offset per partition' },
];

/** The strategy as a row of toggles, with what the chosen one does. */
export function StrategyPicker({
  value,
  onChange,
}: {
  value: ResetForm['strategy'];
  onChange: (strategy: ResetForm['strategy']) => void;
}) {
  return (
    <div className="space-y-1">
      <span className={FIELD_LABEL}>Strategy</span>
      <div className="flex flex-wrap gap-2" role="radiogroup" aria-label="Reset strategy">
        {RESET_STRATEGIES.map((s) => (
          <label
            key={s.value}
            title={s.hint}
            data-testid={`strategy-${s.value}`}
            className={`cursor-pointer rounded-md border px-3 py-1.5 text-sm ${value === s.value ? 'border-sky-500 bg-sky-50 font-medium text-sky-800' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
          >
            <input
              type="radio"
              name="strategy"
              value={s.value}
              checked={value === s.value}
              onChange={() => onChange(s.value)}
              className="sr-only"
            />
            {s.label}
          </label>
        ))}
      </div>
      <p className="text-xs text-slate-500">{RESET_STRATEGIES.find((s) => s.value === value)?.hint}</p>
    </div>
  );
}

/**
 * What the strategy needs (a time, a shift, explicit offsets) and where it applies (all the
 * group's topics, one topic, or some partitions of one).
 */
export function ResetTargetFields({
  form,
  edit,
  groupTopics,
  suggestions,
}: {
  form: ResetForm;
  edit: (change: Partial<ResetForm>) => void;
  groupTopics: string[];
  suggestions: string[];
}) {
  const at = fromDateTimeInput(form.timestamp);
  const topicField = (
    <Field
      label="Topic"
      hint={
        form.strategy !== 'explicit' && !groupTopics.includes(form.topic.trim()) && form.topic.trim()
          ? 'not read by the group yet: a new read model'
          : undefined
      }
    >
      <TopicInput value={form.topic} topics={suggestions} onChange={(topic) => edit({ topic })} />
    </Field>
  );
  return (
    <div className="flex flex-wrap items-start gap-x-6 gap-y-4">
      {form.strategy === 'timestamp' ? (
        <Field
          label="At or after (UTC)"
          hint={
            at
              ? `${formatTimestamp(Date.parse(at))} UTC · past the last event means latest`
              : 'UTC, e.g. 2025-02-15 19:14:24; ISO text with a zone is read in its zone'
          }
        >
          <Input
            value={form.timestamp}
            onChange={(e) => edit({ timestamp: e.target.value })}
            placeholder="2025-02-15 19:14:24"
            mono
            className="w-60"
            testId="reset-timestamp"
          />
        </Field>
      ) : null}
      {form.strategy === 'shift' ? (
        <Field label="Shift by" hint="negative moves back (replays)">
          <Input
            value={form.shift}
            onChange={(e) => edit({ shift: e.target.value })}
            mono
            className="w-32"
            testId="reset-shift"
          />
        </Field>
      ) : null}
      {form.strategy === 'explicit' ? (
        <>
          {topicField}
          <Field
            label="Offsets (partition=offset)"
            hint="only the partitions listed are reset; offsets outside the log are clamped to it"
          >
            <Textarea
              value={form.offsets}
              onChange={(e) => edit({ offsets: e.target.value })}
              rows={2}
              placeholder="0=120, 1=80"
              mono
              className="w-96"
              testId="reset-offsets"
            />
          </Field>
        </>
      ) : (
        <>
          <Field label="Scope">
            <Select
              value={form.scope}
              onChange={(e) => edit({ scope: e.target.value as ResetForm['scope'] })}
              testId="reset-scope"
            >
              <option value="all" disabled={groupTopics.length === 0}>
                All topics of the group{groupTopics.length ? ` (${formatCount(groupTopics.length)})` : ''}
              </option>
              <option value="topic">One topic</option>
              <option value="partitions">Chosen partitions of a topic</option>
            </Select>
          </Field>
          {form.scope !== 'all' ? topicField : null}
          {form.scope === 'partitions' ? (
            <Field label="Partitions">
              <Input
                value={form.partitions}
                onChange={(e) => edit({ partitions: e.target.value })}
                placeholder="0, 2, 4-6"
                mono
                className="w-40"
                testId="reset-partitions"
              />
            </Field>
          ) : null}
        </>
      )}
    </div>
  );
}

function TopicInput({
  value,
  topics,
  onChange,
}: {
  value: string;
  topics: string[];
  onChange: (topic: string) => void;
}) {
  return (
    <>
      <Input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        list="reset-topic-options"
        placeholder="topic name"
        mono
        className="w-64"
        testId="reset-topic"
      />
      <datalist id="reset-topic-options">
        {topics.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
    </>
  );
}
