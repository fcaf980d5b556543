import { Suspense } from 'react';
import { SchemaUsageView } from '@/components/schemas/schema-usage-view';

export default async function SubjectUsagePage({
  params,
}: {
  params: Promise<{ cluster: string; subject: string }>;
}) {
  const { cluster, subject } = await params;
  // The topic, the sample size and whether a scan runs live in the URL.
  return (
    <Suspense>
      <SchemaUsageView clusterId={cluster} subject={decodeURIComponent(subject)} />
    </Suspense>
  );
}
