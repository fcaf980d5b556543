import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import type { ReplaySafety } from '@/lib/schemas/subjects';
import { ChangeTree } from './change-tree';
import { VerdictBadge } from './schema-badges';
import { ProblemList } from './verdict-panel';
import { formatCount, plural } from '@/lib/format';

/** Can the latest reader read every writer present? Each writer's verdict, what reading does, and real records read. */
export function ReplaySafetyPanel({ replay }: { replay: ReplaySafety }) {
  const reader = `v${replay.reader.version}`;
  return (
    <Card
      title={`Replay safety: reading everything with ${replay.reader.subject} ${reader}`}
      testId="replay-safety"
    >
      <div className="space-y-4">
        <p className="flex items-center gap-2 text-sm">
          <Badge tone={replay.safe ? 'good' : 'bad'} testId="replay-safe">
            {replay.safe ? 'safe' : 'not safe'}
          </Badge>
          {replay.safe
            ? `${reader} reads every writer version present, and the sampled records of each read without error.`
            : `${reader} cannot read everything the topic holds; see below.`}
        </p>
        {replay.writers.map((w) => (
          <section
            key={w.schemaId}
            className="rounded-md border border-slate-100 p-3"
            data-testid="replay-writer"
            data-writer={w.label}
          >
            <div className="flex flex-wrap items-center gap-2">
              <h3 className="text-sm font-semibold">
                {w.label}{' '}
                <span className="font-mono text-xs font-normal text-slate-400">id {w.schemaId}</span>
              </h3>
              {w.verdict ? (
                <VerdictBadge compatible={w.verdict.compatible} />
              ) : (
                <Badge tone="warn">not analysed</Badge>
              )}
            </div>
            {w.verdict?.problems.length ? <ProblemList problems={w.verdict.problems} /> : null}
            {w.changes.length ? (
              <details className="mt-2">
                <summary className="cursor-pointer text-xs text-slate-600">
                  What reading does to these records ({plural(w.changes.length, 'change')})
                </summary>
                <div className="mt-2">
                  <ChangeTree changes={w.changes} />
                </div>
              </details>
            ) : (
              <p className="mt-1 text-xs text-slate-500">Read as written: the same schema.</p>
            )}
            {w.samples.length ? (
              <details className="mt-2">
                <summary className="cursor-pointer text-xs text-slate-600">
                  {formatCount(w.samples.filter((s) => s.ok).length)} of {formatCount(w.samples.length)}{' '}
                  sampled records read with {reader}
                </summary>
                <ul className="mt-2 space-y-2">
                  {w.samples.map((s) => (
                    <li
                      key={`${s.partition}-${s.offset}`}
                      className="text-xs"
                      data-testid="replay-sample"
                      data-ok={s.ok}
                    >
                      <div className="font-mono text-slate-500">
                        partition {s.partition}, offset {s.offset}
                      </div>
                      {s.ok ? (
                        <pre className="max-h-40 overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] text-slate-700">
                          {JSON.stringify(s.value, null, 2)}
                        </pre>
                      ) : (
                        <p className="text-rose-800">{s.reason}</p>
                      )}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </section>
        ))}
      </div>
    </Card>
  );
}
