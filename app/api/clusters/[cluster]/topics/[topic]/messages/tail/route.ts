import { getCluster } from '@/lib/config';
import { streamRoute } from '@/lib/http/handler';
import { tailMessages } from '@/lib/messages/tail-messages';
import { messageTailQuery, messagesParams } from '@/lib/schemas/messages';

export const dynamic = 'force-dynamic';

export const GET = streamRoute({
  params: messagesParams,
  query: messageTailQuery,
  run: ({ params, query, signal }) => tailMessages(getCluster(params.cluster), params.topic, query, signal),
});
