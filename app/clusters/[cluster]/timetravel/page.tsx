import { Suspense } from 'react';
import { TimeTravelView } from '@/components/timetravel/time-travel-view';

export default async function TimeTravelPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  // The view reads its stream, aggregate and position from the URL.
  return (
    <Suspense>
      <TimeTravelView clusterId={cluster} />
    </Suspense>
  );
}
