import { getCluster } from '@/lib/config';
import { streamRoute } from '@/lib/http/handler';
import { countMatches } from '@/lib/messages/count-matches';
import { messageSearchQuery } from '@/lib/messages/message-query';
import { messagesParams } from '@/lib/schemas/messages';

export const dynamic = 'force-dynamic';

export const GET = streamRoute({
  params: messagesParams,
  query: messageSearchQuery,
  run: ({ params, query, signal }) => countMatches(getCluster(params.cluster), params.topic, query, signal),
});
