import { streamRoute } from '@/lib/http/handler';
import { searchMessages } from '@/lib/messages/search-messages';
import { topicParams } from '@/lib/schemas/topics';
import { messageSearchQuery } from '@/lib/messages/message-query';

export const dynamic = 'force-dynamic';

export const GET = streamRoute({
  params: topicParams,
  query: messageSearchQuery,
  run: ({ cluster, params, query, signal }) => searchMessages(cluster, params.topic, query, signal),
});
