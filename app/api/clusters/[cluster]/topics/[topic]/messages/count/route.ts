import { streamRoute } from '@/lib/http/handler';
import { countMatches } from '@/lib/messages/count-matches';
import { messageSearchQuery } from '@/lib/messages/message-query';
import { topicParams } from '@/lib/schemas/topics';

export const dynamic = 'force-dynamic';

export const GET = streamRoute({
  params: topicParams,
  query: messageSearchQuery,
  run: ({ cluster, params, query, signal }) => countMatches(cluster, params.topic, query, signal),
});
