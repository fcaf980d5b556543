import { Suspense } from 'react';
import { SubjectDiffView } from '@/components/schemas/subject-diff-view';

export default async function SubjectDiffPage({
  params,
}: {
  params: Promise<{ cluster: string; subject: string }>;
}) {
  const { cluster, subject } = await params;
  // Both versions live in the URL (?from=1&to=3); without them, latest against the one before.
  return (
    <Suspense>
      <SubjectDiffView clusterId={cluster} subject={decodeURIComponent(subject)} />
    </Suspense>
  );
}
