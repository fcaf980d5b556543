import { getCluster } from '@/lib/config';
import { streamRoute } from '@/lib/http/handler';
import { countMatches } from '@/lib/messages/count-matches';
import { messageSearchQuery } from '@/lib/messages/message-query';
import { topicParams } from '@/lib/schemas/topics';

export const dynamic = 'force-dynamic';

export const GET = streamRoute({
  params: topicParams,
  query: messageSearchQuery,
  run: ({ params, query, signal }) => countMatches(getCluster(params.cluster), params.topic, query, signal),
});
