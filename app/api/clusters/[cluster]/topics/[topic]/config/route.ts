import { route } from '@/lib/http/handler';
import { topicParams } from '@/lib/schemas/topics';
import { getTopicConfig } from '@/lib/topics/get-topic-config';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: topicParams,
  run: ({ params }) => getTopicConfig(params.cluster, params.topic),
});
