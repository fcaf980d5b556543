import type { ReactNode } from 'react';
import { SubjectShell } from '@/components/schemas/subject-shell';

/** Every subject page (versions, diff, draft check) shares the header and tabs. */
export default async function SubjectLayout({
  params,
  children,
}: {
  params: Promise<{ cluster: string; subject: string }>;
  children: ReactNode;
}) {
  const { cluster, subject } = await params;
  return (
    <SubjectShell clusterId={cluster} subject={decodeURIComponent(subject)}>
      {children}
    </SubjectShell>
  );
}
