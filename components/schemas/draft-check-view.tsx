'use client';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Field, Textarea } from '@/components/ui/field';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, type Column } from '@/components/ui/table';
import { useClusters } from '@/lib/queries/clusters/clusters-query';
import { useDraftCheck } from '@/lib/queries/schemas/draft-check-mutation';
import { useSubject } from '@/lib/queries/schemas/subject-query';
import type { DraftCheck } from '@/lib/schemas/subjects';
import { ChangeTree } from './change-tree';
import { RegisterDraftDialog } from './register-draft-dialog';
import { VerdictBadge } from './schema-badges';
import { TextDiff } from './text-diff';
import { DirectionVerdict, ProblemList, RegistryComparison, UnsupportedNote } from './verdict-panel';
import { useHasRole } from '@/lib/queries/clusters/cluster-role-query';

type LevelRow = DraftCheck['levels'][number];

function LevelsTable({ levels, current }: { levels: LevelRow[]; current: string }) {
  const columns: Column<LevelRow>[] = [
    {
      id: 'level',
      header: 'Level',
      cell: (l) => (
        <span className="font-mono text-xs">
          {l.level}
          {l.level === current ? (
            <span className="ml-2">
              <Badge tone="info">this subject</Badge>
            </span>
          ) : null}
        </span>
      ),
    },
    { id: 'verdict', header: 'Our verdict', cell: (l) => <VerdictBadge compatible={l.compatible} /> },
    { id: 'problems', header: 'Problems', numeric: true, cell: (l) => l.problems.length },
  ];
  return (
    <Table
      columns={columns}
      rows={levels}
      rowKey={(l) => l.level}
      frame={false}
      rowTestId="level-row"
      rowData={(l) => ({ 'data-level': l.level, 'data-compatible': l.compatible })}
    />
  );
}

function DraftResult({ result }: { result: DraftCheck }) {
  const against = result.against ? `v${result.against.version}` : null;
  if (!result.ours) {
    return (
      <div className="grid gap-5 xl:grid-cols-2" data-testid="draft-result">
        <Card title={`Verdict under ${result.level}`}>
          <div className="space-y-3">
            {result.unsupported ? <UnsupportedNote reason={result.unsupported} /> : null}
            <RegistryComparison level={result.level} ours={null} registry={result.registry} agree={null} />
          </div>
        </Card>
        {result.against ? (
          <Card title={`Text: ${against} → draft`}>
            <TextDiff before={result.against.pretty} after={result.draft.pretty} />
          </Card>
        ) : null}
      </div>
    );
  }
  return (
    <div className="grid gap-5 xl:grid-cols-2" data-testid="draft-result">
      <div className="space-y-5">
        <Card title={`Verdict under ${result.level}`}>
          <div className="space-y-3">
            <div className="flex items-center gap-2">
              <VerdictBadge compatible={result.ours.compatible} testId="draft-verdict" />
              <span className="text-sm text-slate-600">
                {result.ours.compatible
                  ? 'The registry’s level allows this draft as the next version.'
                  : 'Registering this draft would break the subject’s level:'}
              </span>
            </div>
            {result.ours.problems.length ? (
              <ProblemList problems={result.ours.problems} testId="draft-problem" />
            ) : null}
            <div className="border-t border-slate-100 pt-3">
              <RegistryComparison
                level={result.level}
                ours={result.ours.compatible}
                registry={result.registry}
                agree={result.agree}
              />
            </div>
          </div>
        </Card>
        {against && result.backward && result.forward ? (
          <Card title={`Against the latest version, ${against}`}>
            <div className="space-y-4">
              <DirectionVerdict
                title={`Backward: the draft reads ${against} data`}
                explain="New consumers read every stored event."
                verdict={result.backward}
                testId="draft-backward"
              />
              <DirectionVerdict
                title={`Forward: ${against} reads the draft's data`}
                explain="Consumers not yet upgraded read new events."
                verdict={result.forward}
                testId="draft-forward"
              />
            </div>
          </Card>
        ) : null}
        <Card title="Every level">
          <LevelsTable levels={result.levels} current={result.level} />
        </Card>
      </div>
      <div className="space-y-5">
        <Card title={against ? `Changes from ${against}` : 'Changes'}>
          {against ? (
            <ChangeTree changes={result.changes} />
          ) : (
            <p className="text-sm text-slate-500">
              The subject has no version yet: the draft would be its first.
            </p>
          )}
        </Card>
        {result.against ? (
          <Card title={`Text: ${against} → draft`}>
            <TextDiff before={result.against.pretty} after={result.draft.pretty} />
          </Card>
        ) : null}
      </div>
    </div>
  );
}

/**
 * Paste or edit a candidate schema, see what it changes and whether the subject's readers and
 * writers stay compatible (ours and the registry's verdicts), then register it: confirmed,
 * refused on read-only clusters, audited.
 */
export function DraftCheckView({ clusterId, subject }: { clusterId: string; subject: string }) {
  const detail = useSubject(clusterId, subject);
  const clusters = useClusters();
  const readOnly = clusters.data?.clusters.find((c) => c.id === clusterId)?.readOnly ?? true;
  // Registering is an operator's write; viewers may still check a draft.
  const mayRegister = useHasRole(clusterId, 'operator');
  const latest = detail.data?.versions.filter((v) => !v.deleted).at(-1);
  const [text, setText] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const check = useDraftCheck(clusterId, subject);
  const draft = text ?? latest?.pretty ?? '';
  const schemaType = detail.data?.schemaType ?? 'AVRO';
  const checkedText = check.variables?.schema;

  if (!detail.data) return detail.isPending ? <Skeleton className="h-64" /> : null;

  return (
    <div className="space-y-5">
      <Card title="Draft">
        <div className="space-y-3">
          <Field
            label={`Candidate schema (${schemaType === 'AVRO' ? 'Avro' : schemaType})`}
            hint={
              latest
                ? `Starts as v${latest.version}; edit it or paste another`
                : 'The subject has no version yet'
            }
          >
            <Textarea
              mono
              rows={16}
              spellCheck={false}
              value={draft}
              onChange={(e) => setText(e.target.value)}
              className="mt-1 w-full text-xs"
              testId="draft-input"
            />
          </Field>
          <div className="flex flex-wrap items-center gap-2">
            <Button
              variant="primary"
              disabled={check.isPending || draft.trim() === ''}
              onClick={() =>
                check.mutate({ schema: draft, schemaType, references: latest?.references ?? [] })
              }
              testId="draft-check"
            >
              {check.isPending ? 'Checking…' : 'Check draft'}
            </Button>
            <span
              title={
                readOnly
                  ? 'This cluster is read-only: the console does not register schemas on it'
                  : !mayRegister
                    ? 'Registering needs the operator role'
                    : undefined
              }
            >
              <Button
                disabled={readOnly || !mayRegister || !check.isSuccess || checkedText !== draft}
                onClick={() => setRegistering(true)}
                testId="draft-register"
              >
                Register…
              </Button>
            </span>
            {check.isSuccess && checkedText !== draft ? (
              <span className="text-xs text-slate-500">
                The draft changed since the check: check it again to register it.
              </span>
            ) : null}
            {!check.isSuccess ? (
              <span className="text-xs text-slate-500">Checking writes nothing. Register after a check.</span>
            ) : null}
          </div>
        </div>
      </Card>
      {check.isError ? (
        <ErrorPanel title="The draft could not be checked" error={check.error} testId="draft-error" />
      ) : null}
      {check.data ? <DraftResult result={check.data} /> : null}
      {registering && check.data ? (
        <RegisterDraftDialog
          clusterId={clusterId}
          subject={subject}
          draft={{ schema: draft, schemaType, references: latest?.references ?? [] }}
          result={check.data}
          onClose={() => setRegistering(false)}
        />
      ) : null}
    </div>
  );
}
