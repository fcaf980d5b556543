import type { SubjectDiff } from '@/lib/schemas/subjects';
import { InlineCode } from './inline-code';
import { VerdictBadge } from './schema-badges';

/** As the API sends them (the rule as text): one direction's verdict and its problems. */
type ReadVerdict = NonNullable<SubjectDiff['backward']>;
type Problem = ReadVerdict['problems'][number] & { against?: string; direction?: 'backward' | 'forward' };

export function ProblemList({ problems, testId = 'problem' }: { problems: Problem[]; testId?: string }) {
  return (
    <ul className="mt-2 space-y-2">
      {problems.map((p, i) => (
        <li
          key={i}
          className="rounded-md border border-rose-100 bg-rose-50/60 px-3 py-2 text-sm"
          data-testid={testId}
          data-path={p.path}
          data-rule={p.rule}
        >
          <div className="flex flex-wrap items-baseline gap-x-2">
            <code className="font-mono text-xs font-semibold text-rose-900" data-testid="problem-path">
              {p.path}
            </code>
            <span className="font-mono text-[10px] text-rose-700">{p.rule}</span>
            {p.against ? (
              <span className="text-[11px] text-slate-500">
                {p.direction === 'backward' ? 'reading' : 'read by'} {p.against}
              </span>
            ) : null}
          </div>
          <div className="text-slate-800">
            <InlineCode text={p.message} />
          </div>
          <div className="mt-0.5 text-slate-600">
            <span className="font-medium text-slate-700">Fix: </span>
            <span data-testid="problem-hint">
              <InlineCode text={p.hint} />
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** One direction's verdict: who reads whose data, compatible or not, and every problem with its fix. */
export function DirectionVerdict({
  title,
  explain,
  verdict,
  testId,
}: {
  title: string;
  explain: string;
  verdict: ReadVerdict;
  testId: string;
}) {
  return (
    <section data-testid={testId}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
        <VerdictBadge compatible={verdict.compatible} testId={`${testId}-badge`} />
      </div>
      <p className="text-xs text-slate-500">{explain}</p>
      {verdict.problems.length ? <ProblemList problems={verdict.problems} /> : null}
    </section>
  );
}

export type RegistryAnswer =
  | { status: 'answered'; compatible: boolean; messages: string[] }
  | { status: 'failed'; error: { code: string; message: string } };

/** Our verdict under the subject's level next to the registry's; a disagreement is said, never hidden. */
export function RegistryComparison({
  level,
  ours,
  registry,
  agree,
}: {
  level: string;
  ours: boolean | null;
  registry: RegistryAnswer | null;
  agree: boolean | null;
}) {
  return (
    <section className="space-y-2" data-testid="registry-comparison">
      <div className="grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-1.5 text-sm">
        <span className="text-slate-500">Ours under {level}</span>
        <span>
          {ours === null ? (
            <span className="text-slate-400">none (see above)</span>
          ) : (
            <VerdictBadge compatible={ours} testId="our-level-verdict" />
          )}
        </span>
        <span className="text-slate-500">The registry&apos;s</span>
        <span data-testid="registry-verdict">
          {registry === null ? (
            <span className="text-slate-400">nothing to check against</span>
          ) : registry.status === 'answered' ? (
            <VerdictBadge compatible={registry.compatible} testId="registry-verdict-badge" />
          ) : (
            <span className="text-amber-800">no answer: {registry.error.message}</span>
          )}
        </span>
      </div>
      {registry?.status === 'answered' && registry.messages.length ? (
        <ul className="list-disc pl-5 text-xs text-slate-600">
          {registry.messages.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      ) : null}
      {agree === false ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="disagreement">
          The registry and the console disagree. The console applies Apache Avro&apos;s resolution rules to
          this pair; the registry applies its own checker under {level}, which may differ (see the README on
          how the verdicts relate). Trust neither blindly: the problems above say where the data would fail to
          read.
        </p>
      ) : agree === true ? (
        <p className="text-xs text-emerald-700" data-testid="agreement">
          The registry agrees.
        </p>
      ) : null}
    </section>
  );
}

/** Said where the console has no analysis of its own for a schema type. */
export function UnsupportedNote({ reason }: { reason: string }) {
  return (
    <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="unsupported">
      {reason}.
    </p>
  );
}
