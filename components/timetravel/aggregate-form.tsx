'use client';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { useEventStreams } from '@/lib/queries/timetravel/event-streams-query';
import { usePartitionerEvidence } from '@/lib/queries/timetravel/partitioner-query';
import { useUrlState } from '@/lib/queries/use-url-state';

const OTHER = '__topic';

/**
 * Which aggregate to rebuild: a configured event stream (or any topic with its partitioner) and
 * the aggregate id. Submitting writes them to the URL, which starts the replay.
 */
export function AggregateForm({ cluster }: { cluster: string }) {
  const { params: search, set } = useUrlState();
  const streams = useEventStreams(cluster);
  const [stream, setStream] = useState(search.get('stream') ?? (search.get('topic') ? OTHER : ''));
  const [topic, setTopic] = useState(search.get('topic') ?? '');
  const [picked, setPicked] = useState(search.get('partitioner'));
  const [judgedTopic, setJudgedTopic] = useState<string | null>(search.get('topic'));
  const [id, setId] = useState(search.get('id') ?? '');
  const chosen = stream || streams.data?.streams[0]?.id || OTHER;
  // Until the person picks one, the partitioner is the one a sample of the topic's keyed records points to.
  const evidence =
    usePartitionerEvidence(cluster, chosen === OTHER ? judgedTopic : null).data?.evidence ?? null;
  const partitioner = picked ?? evidence?.detected ?? 'murmur2';
  // Until the configured streams are known, the default choice is not either.
  const loading = streams.isPending && !stream;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!id.trim()) return;
    const other = chosen === OTHER;
    // A new aggregate is a new view: the position and comparison of the last one do not apply.
    set(
      {
        topic: other ? topic.trim() : null,
        partitioner: other ? partitioner : null,
        stream: other ? null : chosen,
        id: id.trim(),
      },
      { push: true, reset: true },
    );
  };

  const summary = streams.data?.streams.find((s) => s.id === chosen);
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" data-testid="aggregate-form">
      <Field label="Event stream">
        <Select
          className="w-48"
          value={chosen}
          disabled={loading}
          onChange={(e) => setStream(e.target.value)}
          testId="stream-select"
        >
          {streams.data?.streams.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.topic})
            </option>
          ))}
          <option value={OTHER}>Another topic…</option>
        </Select>
      </Field>
      {chosen === OTHER ? (
        <>
          <Field label="Topic">
            <Input
              className="w-44"
              value={topic}
              onChange={(e) => setTopic(e.target.value)}
              onBlur={() => setJudgedTopic(topic.trim() || null)}
              testId="topic-input"
              required
            />
          </Field>
          <Field label="Producer partitioner">
            <Select
              className="w-44"
              value={partitioner}
              onChange={(e) => setPicked(e.target.value)}
              testId="partitioner-select"
            >
              <option value="murmur2">murmur2 (Java client)</option>
              <option value="crc32">CRC32 (librdkafka)</option>
              <option value="scan-all">unknown: scan all</option>
            </Select>
          </Field>
        </>
      ) : null}
      <Field label="Aggregate id">
        <Input
          mono
          className="w-56"
          value={id}
          onChange={(e) => setId(e.target.value)}
          placeholder="order-000023"
          testId="aggregate-id-input"
          required
        />
      </Field>
      <Button type="submit" variant="primary" className="px-4" disabled={loading} testId="rebuild-button">
        Rebuild
      </Button>
      {chosen === OTHER && evidence?.detected && !picked ? (
        <p className="basis-full text-xs text-slate-500" data-testid="partitioner-detected">
          Partitioner {evidence.detected === 'crc32' ? 'CRC32' : 'murmur2'} chosen from a sample of{' '}
          {evidence.sampled} keyed records: it places {evidence[evidence.detected]} of the {evidence.telling}{' '}
          that the two partitioners put in different partitions.
        </p>
      ) : null}
      {summary ? (
        <p className="basis-full text-xs text-slate-500" data-testid="stream-summary">
          Key = aggregate id ({summary.aggregateIdFrom}) · type from {summary.eventTypeFrom} · partitioner{' '}
          {summary.partitioner} · fold: {summary.fold.description}
          {summary.snapshotTopic ? <> · snapshots in {summary.snapshotTopic}</> : null}
        </p>
      ) : null}
    </form>
  );
}
