import { route } from '@/lib/http/handler';
import { clusterIdParams } from '@/lib/schemas/clusters';
import { getClusterOverview } from '@/lib/cluster/get-cluster-overview';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: clusterIdParams,
  run: ({ cluster }) => getClusterOverview(cluster),
});
