import { route } from '@/lib/http/handler';
import { browseMessages } from '@/lib/messages/browse-messages';
import { topicParams } from '@/lib/schemas/topics';
import { messagePageQuery } from '@/lib/messages/message-query';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: topicParams,
  query: messagePageQuery,
  run: ({ cluster, params, query, request }) => browseMessages(cluster, params.topic, query, request.signal),
});
