'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Fact, Facts } from '@/components/ui/facts';
import { Field, FieldSet, Input, Radio, Select } from '@/components/ui/field';
import { describeDuration, formatCount, plural } from '@/lib/format';
import { useCreateTopic } from '@/lib/queries/topics/topic-create-mutation';
import { cleanupPolicies, TOPIC_NAME, type CreateTopicInput } from '@/lib/schemas/topics';

type Retention = 'default' | 'forever' | 'custom';

/** New topic: a form, then a summary to confirm, then the topic page. The creation is audited. */
export function CreateTopicDialog({
  clusterId,
  brokerCount,
  onClose,
}: {
  clusterId: string;
  brokerCount: number;
  onClose: () => void;
}) {
  const router = useRouter();
  const create = useCreateTopic(clusterId);
  const [name, setName] = useState('');
  const [partitions, setPartitions] = useState(6);
  const [replicationFactor, setReplicationFactor] = useState(Math.max(1, Math.min(3, brokerCount)));
  const [cleanupPolicy, setCleanupPolicy] = useState<(typeof cleanupPolicies)[number]>('delete');
  const [retention, setRetention] = useState<Retention>('default');
  const [retentionMs, setRetentionMs] = useState('604800000');
  const [step, setStep] = useState<'form' | 'confirm'>('form');

  const nameProblem =
    name === ''
      ? null
      : !TOPIC_NAME.test(name) || name === '.' || name === '..'
        ? 'Letters, digits, ".", "_" and "-" only, at most 249.'
        : /^(__|_console-)/.test(name)
          ? 'Names starting with "__" or "_console-" are reserved for internal topics.'
          : null;
  const retentionProblem =
    retention === 'custom' && !/^\d+$/.test(retentionMs) ? 'A whole number of milliseconds.' : null;
  const rfProblem =
    replicationFactor > brokerCount ? `The cluster has ${plural(brokerCount, 'broker')}.` : null;
  const valid = name !== '' && !nameProblem && !retentionProblem && !rfProblem && partitions >= 1;

  const input: CreateTopicInput = {
    name,
    partitions,
    replicationFactor,
    cleanupPolicy,
    ...(retention === 'forever'
      ? { retentionMs: -1 }
      : retention === 'custom'
        ? { retentionMs: Number(retentionMs) }
        : {}),
  };

  const review = (e: FormEvent) => {
    e.preventDefault();
    if (valid) setStep('confirm');
  };
  const confirm = () =>
    create.mutate(input, {
      onSuccess: (created) =>
        router.push(`/clusters/${clusterId}/topics/${encodeURIComponent(created.name)}`),
    });

  if (step === 'confirm') {
    return (
      <Dialog
        title="Create this topic?"
        onClose={onClose}
        testId="create-topic-confirm"
        footer={
          <>
            <Button onClick={() => setStep('form')} disabled={create.isPending} testId="create-topic-back">
              Back
            </Button>
            <Button variant="primary" onClick={confirm} disabled={create.isPending} testId="create-topic-ok">
              {create.isPending ? 'Creating…' : 'Create topic'}
            </Button>
          </>
        }
      >
        <Facts>
          <Fact label="Cluster" mono>
            {clusterId}
          </Fact>
          <Fact label="Name" mono className="font-semibold" testId="confirm-topic-name">
            {name}
          </Fact>
          <Fact label="Partitions">{formatCount(partitions)}</Fact>
          <Fact label="Replication factor">{formatCount(replicationFactor)}</Fact>
          <Fact label="cleanup.policy" mono>
            {cleanupPolicy}
          </Fact>
          <Fact label="retention.ms" mono>
            {input.retentionMs === undefined
              ? 'broker default'
              : `${input.retentionMs} (${describeDuration(String(input.retentionMs)) ?? 'custom'})`}
          </Fact>
        </Facts>
        <p className="mt-3 text-xs text-slate-500">
          The partition count can grow later but never shrink; keys map to partitions by count. The creation
          is recorded in the audit trail.
        </p>
        {create.isError ? (
          <div className="mt-3">
            <ErrorPanel title="The topic was not created" error={create.error} testId="create-topic-error" />
          </div>
        ) : null}
      </Dialog>
    );
  }

  return (
    <Dialog
      title="New topic"
      onClose={onClose}
      testId="create-topic-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="primary"
            type="submit"
            form="create-topic-form"
            disabled={!valid}
            testId="create-topic-review"
          >
            Review
          </Button>
        </>
      }
    >
      <form id="create-topic-form" onSubmit={review} className="space-y-4">
        <Field label="Name" error={nameProblem}>
          <Input
            value={name}
            onChange={(e) => setName(e.target.value.trim())}
            mono
            invalid={!!nameProblem}
            className="w-full"
            placeholder="orders.v2"
            autoFocus
            testId="create-topic-name"
          />
        </Field>
        <div className="grid grid-cols-2 gap-4">
          <Field label="Partitions">
            <Input
              type="number"
              min={1}
              max={10000}
              value={partitions}
              onChange={(e) => setPartitions(Math.max(1, Number(e.target.value) || 1))}
              className="w-full"
              testId="create-topic-partitions"
            />
          </Field>
          <Field label="Replication factor" error={rfProblem}>
            <Input
              type="number"
              min={1}
              max={32}
              value={replicationFactor}
              onChange={(e) => setReplicationFactor(Math.max(1, Number(e.target.value) || 1))}
              invalid={!!rfProblem}
              className="w-full"
              testId="create-topic-rf"
            />
          </Field>
        </div>
        <Field label="Cleanup policy">
          <Select
            value={cleanupPolicy}
            onChange={(e) => setCleanupPolicy(e.target.value as (typeof cleanupPolicies)[number])}
            className="w-full"
            testId="create-topic-cleanup"
          >
            <option value="delete">delete: drop old segments by time or size</option>
            <option value="compact">compact: keep the latest record per key</option>
            <option value="compact,delete">compact,delete: both</option>
          </Select>
        </Field>
        <FieldSet legend="Retention">
          <div className="flex flex-wrap items-center gap-4">
            {(['default', 'forever', 'custom'] as const).map((r) => (
              <Radio
                key={r}
                name="retention"
                checked={retention === r}
                onChange={() => setRetention(r)}
                testId={`create-topic-retention-${r}`}
              >
                {r === 'default' ? 'broker default' : r === 'forever' ? 'forever (event store)' : 'custom'}
              </Radio>
            ))}
            {retention === 'custom' ? (
              <span className="flex items-center gap-1.5">
                <Input
                  controlSize="sm"
                  value={retentionMs}
                  onChange={(e) => setRetentionMs(e.target.value.trim())}
                  mono
                  invalid={!!retentionProblem}
                  className="w-32"
                  aria-label="retention.ms"
                />
                <span className="text-xs text-slate-500">
                  ms {describeDuration(retentionMs) ? `(${describeDuration(retentionMs)})` : ''}
                </span>
              </span>
            ) : null}
          </div>
          {retentionProblem ? (
            <span className="mt-1 block text-xs text-rose-700">{retentionProblem}</span>
          ) : null}
        </FieldSet>
      </form>
    </Dialog>
  );
}
