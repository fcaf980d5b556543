import { Suspense } from 'react';
import { GroupListView } from '@/components/groups/group-list';

export default async function GroupsPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return (
    <Suspense>
      <GroupListView clusterId={cluster} />
    </Suspense>
  );
}
