import { Suspense } from 'react';
import { SubjectsListView } from '@/components/schemas/subjects-list';

export default async function SchemasPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  // The list reads its search and type filter from the URL.
  return (
    <Suspense>
      <SubjectsListView clusterId={cluster} />
    </Suspense>
  );
}
