import { Suspense } from 'react';
import { GroupDetailView } from '@/components/groups/group-detail';

/** Page params arrive still percent-encoded (route handlers get them decoded). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export default async function GroupPage({ params }: { params: Promise<{ cluster: string; group: string }> }) {
  const { cluster, group } = await params;
  return (
    <Suspense>
      <GroupDetailView clusterId={cluster} groupId={decodeSegment(group)} />
    </Suspense>
  );
}
