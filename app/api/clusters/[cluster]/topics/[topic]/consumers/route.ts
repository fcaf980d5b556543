import { route } from '@/lib/http/handler';
import { topicParams } from '@/lib/schemas/topics';
import { listTopicConsumers } from '@/lib/topics/list-topic-consumers';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: topicParams,
  run: ({ cluster, params }) => listTopicConsumers(cluster, params.topic),
});
