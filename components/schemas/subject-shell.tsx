'use client';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Skeleton } from '@/components/ui/skeleton';
import { Stat, StatList } from '@/components/ui/stat';
import { TabLinks } from '@/components/ui/tabs';
import { useSubject } from '@/lib/queries/schemas/subject-query';
import { SubjectLevelControl } from './compatibility-control';
import { SchemaTypeBadge } from './schema-badges';

/**
 * The frame of every subject page (versions, diff, draft check): the subject's name, type,
 * level and topics, and the tabs. A subject that does not exist is said here, once.
 */
export function SubjectShell({
  clusterId,
  subject,
  children,
}: {
  clusterId: string;
  subject: string;
  children: ReactNode;
}) {
  const detail = useSubject(clusterId, subject);
  const base = `/clusters/${clusterId}/schemas/${encodeURIComponent(subject)}`;
  const data = detail.data;
  const live = data?.versions.filter((v) => !v.deleted) ?? [];
  const latest = live.at(-1);

  return (
    <div className="mx-auto max-w-7xl space-y-5 p-8">
      <div className="text-sm text-slate-500">
        <Link
          href={`/clusters/${clusterId}/schemas`}
          className="hover:text-slate-800 hover:underline"
          data-testid="back-to-subjects"
        >
          Schemas
        </Link>
        <span className="mx-1.5 text-slate-300">/</span>
        <span className="font-mono text-slate-700">{subject}</span>
      </div>

      {detail.isError && !data ? (
        <ErrorPanel
          title={`Subject ${subject} could not be read`}
          error={detail.error}
          testId="subject-error"
        />
      ) : (
        <>
          <header className="rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm">
            <div className="flex flex-wrap items-center gap-3">
              <h1
                className="break-all font-mono text-2xl font-semibold tracking-tight text-slate-900"
                data-testid="subject-name"
              >
                {subject}
              </h1>
              {data ? <SchemaTypeBadge type={data.schemaType} /> : null}
              <span className="flex-1" />
              {data ? (
                <SubjectLevelControl
                  clusterId={clusterId}
                  subject={subject}
                  level={data.compatibility.level}
                  source={data.compatibility.source}
                />
              ) : null}
            </div>
            {data ? (
              <StatList variant="inline" className="mt-3">
                <Stat
                  variant="inline"
                  label="Versions"
                  value={live.length}
                  testId="subject-version-count"
                  hint="Soft-deleted versions are not counted"
                />
                <Stat
                  variant="inline"
                  label="Latest"
                  value={latest ? `v${latest.version}` : '—'}
                  testId="subject-latest"
                />
                <Stat
                  variant="inline"
                  label="Latest id"
                  value={latest?.id ?? '—'}
                  hint="The id serializers write into each record"
                />
                <Stat
                  variant="inline"
                  label="Deleted"
                  value={data.versions.length - live.length}
                  hint="Soft-deleted versions, still readable by id"
                />
                <Stat
                  variant="inline"
                  label="Topics"
                  hint="Existing topics named by TopicNameStrategy"
                  value={
                    data.topics.length ? (
                      data.topics.map((t) => (
                        <Link
                          key={t.topic}
                          href={`/clusters/${clusterId}/topics/${encodeURIComponent(t.topic)}`}
                          className="font-mono text-base text-sky-700 hover:underline"
                        >
                          {t.topic}
                        </Link>
                      ))
                    ) : (
                      <span className="text-base text-slate-400">none</span>
                    )
                  }
                />
              </StatList>
            ) : (
              <Skeleton className="mt-3 h-10" />
            )}
          </header>
          <TabLinks
            label="Subject views"
            tabs={[
              { label: 'Versions', href: base, testId: 'tab-versions' },
              { label: 'Diff', href: `${base}/diff`, testId: 'tab-diff' },
              { label: 'Draft check', href: `${base}/draft`, testId: 'tab-draft' },
              { label: 'Usage in the data', href: `${base}/usage`, testId: 'tab-usage' },
            ]}
          />
          {children}
        </>
      )}
    </div>
  );
}
