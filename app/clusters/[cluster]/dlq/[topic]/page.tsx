import { Suspense } from 'react';
import { TriageView } from '@/components/dlq/triage-view';

export default async function DeadLetterTopicPage({
  params,
}: {
  params: Promise<{ cluster: string; topic: string }>;
}) {
  const { cluster, topic } = await params;
  return (
    <Suspense>
      <TriageView clusterId={cluster} topic={decodeURIComponent(topic)} />
    </Suspense>
  );
}
