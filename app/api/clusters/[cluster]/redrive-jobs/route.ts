import { listAllRedriveJobs } from '@/lib/dlq/redrive/list-all-redrive-jobs';
import { route } from '@/lib/http/handler';
import { clusterIdParams } from '@/lib/schemas/clusters';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: clusterIdParams,
  run: ({ cluster, request }) => listAllRedriveJobs(cluster, request.signal),
});
