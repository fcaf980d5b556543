import { route } from '@/lib/http/handler';
import { listClusters } from '@/lib/cluster/list-clusters';

export const dynamic = 'force-dynamic';

export const GET = route({ run: async () => ({ clusters: listClusters() }) });
