import { startRedrive } from '@/lib/dlq/redrive/start-redrive';
import { route } from '@/lib/http/handler';
import { redriveBodySchema } from '@/lib/schemas/dlq';
import { topicParams } from '@/lib/schemas/topics';

export const dynamic = 'force-dynamic';

export const POST = route({
  params: topicParams,
  body: redriveBodySchema,
  write: 'operator',
  run: ({ cluster, params, body }) => startRedrive(cluster, params.topic, body),
});
