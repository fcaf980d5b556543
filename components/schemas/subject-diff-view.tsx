'use client';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Field, Select } from '@/components/ui/field';
import { Skeleton } from '@/components/ui/skeleton';
import { Toolbar, ToolbarNote } from '@/components/ui/toolbar';
import { plural } from '@/lib/format';
import { useSubjectDiff } from '@/lib/queries/schemas/subject-diff-query';
import { useUrlState } from '@/lib/queries/use-url-state';
import { ChangeTree } from './change-tree';
import { TextDiff } from './text-diff';
import { DirectionVerdict, RegistryComparison, UnsupportedNote } from './verdict-panel';

/** The canonical form is one line; indented (its key order kept) it diffs line by line. */
const indentJson = (text: string) => JSON.stringify(JSON.parse(text), null, 2);

const asVersion = (value: string | null) => (value && /^\d+$/.test(value) ? Number(value) : undefined);

/**
 * Two versions of a subject side by side: the field-tree diff, our verdicts both ways next to
 * the registry's, and the text diff. The URL holds both versions; without them, the latest is
 * compared with the one before.
 */
export function SubjectDiffView({ clusterId, subject }: { clusterId: string; subject: string }) {
  const url = useUrlState();
  const from = asVersion(url.get('from'));
  const to = asVersion(url.get('to'));
  const form = url.get('form') === 'canonical' ? 'canonical' : 'pretty';
  const diff = useSubjectDiff(clusterId, subject, from, to);
  const data = diff.data;

  if (diff.isError && !data)
    return <ErrorPanel title="The versions could not be compared" error={diff.error} testId="diff-error" />;
  if (!data) return <Skeleton className="h-64" />;

  const choose = (key: 'from' | 'to') => (e: React.ChangeEvent<HTMLSelectElement>) =>
    url.set(
      {
        from: String(key === 'from' ? e.target.value : data.from.version),
        to: String(key === 'to' ? e.target.value : data.to.version),
      },
      { push: true },
    );
  const older = `v${data.from.version}`;
  const newer = `v${data.to.version}`;
  const textBefore = form === 'canonical' ? data.from.canonical : data.from.pretty;
  const textAfter = form === 'canonical' ? data.to.canonical : data.to.pretty;

  return (
    <div className="space-y-5" data-testid="subject-diff">
      <Toolbar>
        {(['from', 'to'] as const).map((side) => (
          <Field key={side} label={side === 'from' ? 'From' : 'To'}>
            <Select
              controlSize="sm"
              value={data[side].version}
              onChange={choose(side)}
              testId={`diff-${side}`}
            >
              {data.versions.map((v) => (
                <option key={v} value={v}>
                  v{v}
                </option>
              ))}
            </Select>
          </Field>
        ))}
        <Button
          size="sm"
          className="self-end"
          onClick={() =>
            url.set({ from: String(data.to.version), to: String(data.from.version) }, { push: true })
          }
          testId="diff-swap"
        >
          Swap
        </Button>
        <ToolbarNote testId="change-count">
          {plural(data.changes.length, 'change')} from {older} to {newer}
        </ToolbarNote>
        {diff.isFetching ? <ToolbarNote quiet>comparing…</ToolbarNote> : null}
      </Toolbar>

      <div className="grid gap-5 xl:grid-cols-2">
        <div className="space-y-5">
          <Card title="Verdicts">
            <div className="space-y-4">
              {data.unsupported ? <UnsupportedNote reason={data.unsupported} /> : null}
              {data.backward ? (
                <DirectionVerdict
                  title={`Backward: ${newer} reads ${older} data`}
                  explain={`Consumers upgraded to ${newer} can read every event written with ${older}.`}
                  verdict={data.backward}
                  testId="verdict-backward"
                />
              ) : null}
              {data.forward ? (
                <DirectionVerdict
                  title={`Forward: ${older} reads ${newer} data`}
                  explain={`Consumers still on ${older} can read events written with ${newer}.`}
                  verdict={data.forward}
                  testId="verdict-forward"
                />
              ) : null}
              <div className="border-t border-slate-100 pt-3">
                <RegistryComparison
                  level={data.level}
                  ours={data.ours?.compatible ?? null}
                  registry={data.registry}
                  agree={data.agree}
                />
              </div>
            </div>
          </Card>
          {data.unsupported ? null : (
            <Card title="Changes, field by field">
              <ChangeTree changes={data.changes} />
            </Card>
          )}
        </div>
        <Card
          title={`Text: ${older} → ${newer}`}
          aside={
            <div className="flex rounded-md ring-1 ring-slate-200" role="group" aria-label="Form">
              {(['pretty', 'canonical'] as const).map((f) => (
                <button
                  key={f}
                  type="button"
                  onClick={() => url.set({ form: f === 'pretty' ? null : f })}
                  aria-pressed={form === f}
                  className={`px-2.5 py-1 text-xs ${form === f ? 'bg-slate-800 text-white' : 'text-slate-600 hover:bg-slate-50'} first:rounded-l-md last:rounded-r-md`}
                >
                  {f === 'pretty' ? 'Pretty' : 'Canonical'}
                </button>
              ))}
            </div>
          }
        >
          {textBefore === null || textAfter === null ? (
            <p className="text-sm text-slate-500">Parsing Canonical Form exists for Avro schemas only.</p>
          ) : (
            <TextDiff
              before={form === 'canonical' ? indentJson(textBefore) : textBefore}
              after={form === 'canonical' ? indentJson(textAfter) : textAfter}
            />
          )}
        </Card>
      </div>
    </div>
  );
}
