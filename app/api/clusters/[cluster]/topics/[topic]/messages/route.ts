import { route } from '@/lib/http/handler';
import { browseMessages } from '@/lib/messages/browse-messages';
import { messagesParams } from '@/lib/schemas/messages';
import { messagePageQuery } from '@/lib/messages/message-query';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: messagesParams,
  query: messagePageQuery,
  run: ({ cluster, params, query, request }) => browseMessages(cluster, params.topic, query, request.signal),
});
