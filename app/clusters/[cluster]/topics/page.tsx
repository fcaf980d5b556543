import { Suspense } from 'react';
import { TopicsListView } from '@/components/topics/topics-list';

export default async function TopicsPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  // The list reads its search and sort from the URL.
  return (
    <Suspense>
      <TopicsListView clusterId={cluster} />
    </Suspense>
  );
}
