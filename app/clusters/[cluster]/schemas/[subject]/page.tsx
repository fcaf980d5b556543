import { Suspense } from 'react';
import { SubjectVersionsView } from '@/components/schemas/subject-versions';

export default async function SubjectVersionsPage({
  params,
}: {
  params: Promise<{ cluster: string; subject: string }>;
}) {
  const { cluster, subject } = await params;
  // The chosen version and form live in the URL.
  return (
    <Suspense>
      <SubjectVersionsView clusterId={cluster} subject={decodeURIComponent(subject)} />
    </Suspense>
  );
}
