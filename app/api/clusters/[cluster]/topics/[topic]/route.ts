import { route } from '@/lib/http/handler';
import { deleteTopicBody, topicParams } from '@/lib/schemas/topics';
import { deleteTopic } from '@/lib/topics/delete-topic';
import { getTopic } from '@/lib/topics/get-topic';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: topicParams,
  run: ({ cluster, params }) => getTopic(cluster, params.topic),
});

export const DELETE = route({
  write: 'admin',
  params: topicParams,
  body: deleteTopicBody,
  run: ({ cluster, params, body }) => deleteTopic(cluster, params.topic, body.confirm),
});
