import { Suspense } from 'react';
import { AuditLog } from '@/components/audit/audit-log';

export default async function AuditPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return (
    <Suspense>
      <AuditLog clusterId={cluster} />
    </Suspense>
  );
}
