import { editAndRedrive } from '@/lib/dlq/redrive/edit-and-redrive';
import { route } from '@/lib/http/handler';
import { editRedriveBodySchema } from '@/lib/schemas/dlq';
import { topicParams } from '@/lib/schemas/topics';

export const dynamic = 'force-dynamic';

export const POST = route({
  params: topicParams,
  body: editRedriveBodySchema,
  write: 'operator',
  run: ({ cluster, params, body }) => editAndRedrive(cluster, params.topic, body),
});
