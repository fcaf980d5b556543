import { controlRedrive } from '@/lib/dlq/redrive/redrive-jobs';
import { route } from '@/lib/http/handler';
import { redriveActionParams } from '@/lib/schemas/dlq';

export const dynamic = 'force-dynamic';

export const POST = route({
  params: redriveActionParams,
  write: 'operator',
  run: ({ cluster, params }) => controlRedrive(cluster, params.topic, params.job, params.action),
});
