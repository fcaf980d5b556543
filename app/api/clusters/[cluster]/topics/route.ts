import { route } from '@/lib/http/handler';
import { clusterIdParams } from '@/lib/schemas/clusters';
import { createTopicBody, topicListQuery } from '@/lib/schemas/topics';
import { createTopic } from '@/lib/topics/create-topic';
import { listTopics } from '@/lib/topics/list-topics';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: clusterIdParams,
  query: topicListQuery,
  run: ({ cluster, query }) => listTopics(cluster, { q: query.q, internal: query.internal === 'true' }),
});

export const POST = route({
  write: 'operator',
  params: clusterIdParams,
  body: createTopicBody,
  run: ({ cluster, body }) => createTopic(cluster, body),
});
