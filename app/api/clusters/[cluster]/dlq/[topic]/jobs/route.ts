import { listRedriveJobs } from '@/lib/dlq/redrive/redrive-jobs';
import { route } from '@/lib/http/handler';
import { topicParams } from '@/lib/schemas/topics';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: topicParams,
  run: ({ cluster, params }) => listRedriveJobs(cluster, params.topic),
});
