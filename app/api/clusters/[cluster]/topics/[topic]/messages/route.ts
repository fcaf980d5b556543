import { getCluster } from '@/lib/config';
import { route } from '@/lib/http/handler';
import { browseMessages } from '@/lib/messages/browse-messages';
import { messagePageQuery, messagesParams } from '@/lib/schemas/messages';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: messagesParams,
  query: messagePageQuery,
  run: ({ params, query, request }) =>
    browseMessages(getCluster(params.cluster), params.topic, query, request.signal),
});
