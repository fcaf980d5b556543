import { route } from '@/lib/http/handler';
import { keyIndexStatus } from '@/lib/keyindex/manage-index';
import { clusterIdParams } from '@/lib/schemas/clusters';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: clusterIdParams,
  run: async ({ cluster }) => keyIndexStatus(cluster),
});
