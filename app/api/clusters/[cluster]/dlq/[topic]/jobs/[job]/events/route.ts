import { watchRedriveJob } from '@/lib/dlq/redrive/redrive-jobs';
import { streamRoute } from '@/lib/http/handler';
import { redriveJobParams } from '@/lib/schemas/dlq';

export const dynamic = 'force-dynamic';

export const GET = streamRoute({
  params: redriveJobParams,
  run: ({ cluster, params, signal }) => watchRedriveJob(cluster, params.topic, params.job, signal),
});
