import { route } from '@/lib/http/handler';
import { topicParams } from '@/lib/schemas/topics';
import { getTopicConfig } from '@/lib/topics/get-topic-config';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: topicParams,
  run: ({ cluster, params }) => getTopicConfig(cluster, params.topic),
});
