'use client';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { useSubject } from '@/lib/queries/schemas/subject-query';
import { useUrlState } from '@/lib/queries/use-url-state';
import type { SubjectVersionView } from '@/lib/schemas/subjects';

function VersionList({
  versions,
  selected,
  onSelect,
}: {
  versions: SubjectVersionView[];
  selected: number;
  onSelect: (v: number) => void;
}) {
  return (
    <ul className="space-y-1" data-testid="version-list">
      {[...versions].reverse().map((v) => (
        <li key={v.version}>
          <button
            type="button"
            onClick={() => onSelect(v.version)}
            aria-current={v.version === selected ? 'true' : undefined}
            data-testid="version-item"
            data-version={v.version}
            className={`flex w-full items-center justify-between rounded-md px-3 py-2 text-left text-sm ${v.version === selected ? 'bg-sky-50 text-sky-900 ring-1 ring-sky-200' : 'hover:bg-slate-50'}`}
          >
            <span className="font-medium">v{v.version}</span>
            <span className="flex items-center gap-2">
              {v.deleted ? <Badge tone="warn">deleted</Badge> : null}
              <span className="font-mono text-xs text-slate-500">id {v.id}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Every version of a subject; the chosen one's schema pretty or canonical, its references both ways. */
export function SubjectVersionsView({ clusterId, subject }: { clusterId: string; subject: string }) {
  const detail = useSubject(clusterId, subject);
  const url = useUrlState();
  const versions = detail.data?.versions ?? [];
  const asked = Number(url.get('v'));
  const chosen =
    versions.find((v) => v.version === asked) ?? versions.filter((v) => !v.deleted).at(-1) ?? versions.at(-1);
  const form = url.get('form') === 'canonical' ? 'canonical' : 'pretty';
  const base = `/clusters/${clusterId}/schemas/${encodeURIComponent(subject)}`;

  if (!detail.data) return detail.isPending ? <Skeleton className="h-64" /> : null;
  if (!chosen) return <p className="text-sm text-slate-500">This subject has no versions.</p>;
  const previous = versions.filter((v) => v.version < chosen.version).at(-1);

  return (
    <div className="grid gap-5 lg:grid-cols-[14rem_1fr]">
      <div className="self-start">
        <Card title="Versions">
          <VersionList
            versions={versions}
            selected={chosen.version}
            onSelect={(v) => url.set({ v: String(v) })}
          />
        </Card>
      </div>
      <div className="space-y-5">
        <Card
          title={`Version ${chosen.version} · id ${chosen.id}${chosen.deleted ? ' · soft-deleted' : ''}`}
          testId="version-schema"
          aside={
            <div className="flex items-center gap-2">
              <div className="flex rounded-md ring-1 ring-slate-200" role="group" aria-label="Form">
                {(['pretty', 'canonical'] as const).map((f) => (
                  <button
                    key={f}
                    type="button"
                    onClick={() => url.set({ form: f === 'pretty' ? null : f })}
                    aria-pressed={form === f}
                    data-testid={`form-${f}`}
                    className={`px-2.5 py-1 text-xs ${form === f ? 'bg-slate-800 text-white' : 'text-slate-600 hover:bg-slate-50'} first:rounded-l-md last:rounded-r-md`}
                  >
                    {f === 'pretty' ? 'Pretty' : 'Canonical'}
                  </button>
                ))}
              </div>
              {previous ? (
                <Link
                  href={`${base}/diff?from=${previous.version}&to=${chosen.version}`}
                  className={buttonClass('secondary', 'sm')}
                  data-testid="diff-with-previous"
                >
                  Diff with v{previous.version}
                </Link>
              ) : null}
            </div>
          }
        >
          {form === 'canonical' && chosen.canonical === null ? (
            <p className="text-sm text-slate-500">Parsing Canonical Form exists for Avro schemas only.</p>
          ) : (
            <pre
              className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800"
              data-testid="schema-text"
            >
              {form === 'canonical' ? chosen.canonical : chosen.pretty}
            </pre>
          )}
          {form === 'canonical' ? (
            <p className="mt-2 text-xs text-slate-500">
              Avro&apos;s Parsing Canonical Form: what reading needs, without docs, defaults, aliases or
              logical types.
            </p>
          ) : null}
        </Card>
        <Card title="References">
          <dl className="grid gap-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Uses</dt>
              <dd className="mt-1" data-testid="references">
                {chosen.references.length ? (
                  <ul className="space-y-1">
                    {chosen.references.map((r) => (
                      <li key={`${r.subject}@${r.version}`}>
                        <span className="font-mono">{r.name}</span> →{' '}
                        <Link
                          href={`/clusters/${clusterId}/schemas/${encodeURIComponent(r.subject)}?v=${r.version}`}
                          className="font-mono text-sky-700 hover:underline"
                        >
                          {r.subject} v{r.version}
                        </Link>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="text-slate-400">no other schema</span>
                )}
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Used by</dt>
              <dd className="mt-1 font-mono" data-testid="referenced-by">
                {chosen.referencedBy.length ? (
                  chosen.referencedBy.map((id) => `id ${id}`).join(', ')
                ) : (
                  <span className="font-sans text-slate-400">no other schema</span>
                )}
              </dd>
            </div>
          </dl>
        </Card>
      </div>
    </div>
  );
}
