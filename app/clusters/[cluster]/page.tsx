import { ClusterOverviewView } from '@/components/clusters/cluster-overview';

export default async function ClusterPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return <ClusterOverviewView clusterId={cluster} />;
}
