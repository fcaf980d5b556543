'use client';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Field, Input, Select } from '@/components/ui/field';
import { Toolbar, ToolbarNote } from '@/components/ui/toolbar';
import { formatCount, formatRate } from '@/lib/format';
import { useSubject } from '@/lib/queries/schemas/subject-query';
import { useUsageScan } from '@/lib/queries/schemas/usage-stream';
import { useUrlState } from '@/lib/queries/use-url-state';
import { ReplaySafetyPanel } from './replay-safety-panel';
import { UsageHistogram, UsageTable } from './usage-tables';

const SAMPLES = [100, 1000, 10000];

/**
 * What the data of a subject's topic actually holds: which schema ids and versions its records
 * were written with (a full scan, or the newest records of each partition, said as such), and
 * whether the latest version reads every writer present, proven on real records.
 */
export function SchemaUsageView({ clusterId, subject }: { clusterId: string; subject: string }) {
  const detail = useSubject(clusterId, subject);
  const url = useUrlState();
  const topics = detail.data?.topics ?? [];
  const topic = url.get('topic') ?? topics[0]?.topic ?? '';
  const part = (url.get('part') ?? topics.find((t) => t.topic === topic)?.role ?? 'value') as 'value' | 'key';
  const sampleParam = url.get('sample');
  const sample = sampleParam && /^\d+$/.test(sampleParam) ? Number(sampleParam) : undefined;
  const running = url.get('scan') === '1' && topic !== '';
  const scan = useUsageScan(clusterId, running ? { topic, part, subject, sample } : null);
  const live = scan.done?.usage ?? scan.progress?.usage ?? [];
  const scanned = scan.done?.scanned ?? scan.progress?.scanned ?? 0;
  const total = scan.done?.total ?? scan.progress?.total ?? 0;

  return (
    <div className="space-y-5" data-testid="schema-usage">
      <Card title="What the data holds">
        <div className="space-y-3">
          <p className="text-sm text-slate-600">
            Old events live forever: this reads the schema id of every record (five bytes each, nothing
            decoded), counts each writer version per partition, and checks that the latest version of{' '}
            {subject} reads every one of them, on real records.
          </p>
          <Toolbar>
            <Field label="Topic">
              {topics.length ? (
                <Select
                  controlSize="sm"
                  value={topic}
                  onChange={(e) => url.set({ topic: e.target.value, scan: null })}
                  testId="usage-topic"
                >
                  {topics.map((t) => (
                    <option key={t.topic} value={t.topic}>
                      {t.topic} ({t.role})
                    </option>
                  ))}
                </Select>
              ) : (
                <Input
                  controlSize="sm"
                  mono
                  value={topic}
                  onChange={(e) => url.set({ topic: e.target.value, scan: null })}
                  placeholder="topic name"
                  testId="usage-topic"
                />
              )}
            </Field>
            <Field label="Read">
              <Select
                controlSize="sm"
                value={sample ?? ''}
                onChange={(e) => url.set({ sample: e.target.value, scan: null })}
                testId="usage-sample"
              >
                <option value="">every record</option>
                {SAMPLES.map((n) => (
                  <option key={n} value={n}>
                    the newest {formatCount(n)} per partition
                  </option>
                ))}
              </Select>
            </Field>
            <div className="self-end">
              {scan.status === 'running' ? (
                <Button onClick={() => (scan.cancel(), url.set({ scan: null }))} testId="usage-cancel">
                  Cancel
                </Button>
              ) : (
                <Button
                  variant="primary"
                  disabled={topic === ''}
                  onClick={() => (running ? scan.restart() : url.set({ scan: '1' }))}
                  testId="usage-scan"
                >
                  {scan.done ? 'Scan again' : 'Scan'}
                </Button>
              )}
            </div>
            {scan.status !== 'idle' ? (
              <ToolbarNote testId="usage-progress">
                {formatCount(scanned)} of {formatCount(total)} records
                {scan.progress && scan.status === 'running'
                  ? ` · ${formatRate(scan.progress.ratePerSec)}`
                  : ''}
                {scan.done
                  ? ` · ${scan.done.elapsedMs} ms${scan.done.sampled ? ' · a sample' : ''}${scan.done.reason === 'cancelled' ? ' · cancelled' : ''}`
                  : ''}
              </ToolbarNote>
            ) : null}
          </Toolbar>
          {scan.status === 'running' && total > 0 ? (
            <div className="h-1.5 overflow-hidden rounded bg-slate-100">
              <div
                className="h-full bg-sky-600 transition-[width]"
                style={{ width: `${Math.min(100, (scanned / total) * 100)}%` }}
              />
            </div>
          ) : null}
          {scan.error ? (
            <ErrorPanel title="The topic could not be scanned" error={scan.error} testId="usage-error" />
          ) : null}
        </div>
      </Card>
      {live.length ? (
        <div className="grid gap-5 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <Card title={scan.done?.sampled ? 'Writer versions in the sample' : 'Writer versions'}>
            <UsageHistogram usage={live} subject={subject} total={scanned} />
          </Card>
          <Card title="Per partition">
            <UsageTable usage={live} subject={subject} />
          </Card>
        </div>
      ) : null}
      {scan.done?.replay ? <ReplaySafetyPanel replay={scan.done.replay} /> : null}
      {scan.done?.replayProblem ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Replay safety could not be checked: {scan.done.replayProblem}
        </p>
      ) : null}
    </div>
  );
}
