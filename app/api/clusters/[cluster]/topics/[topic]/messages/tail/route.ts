import { streamRoute } from '@/lib/http/handler';
import { tailMessages } from '@/lib/messages/tail-messages';
import { topicParams } from '@/lib/schemas/topics';
import { messageTailQuery } from '@/lib/messages/message-query';

export const dynamic = 'force-dynamic';

export const GET = streamRoute({
  params: topicParams,
  query: messageTailQuery,
  run: ({ cluster, params, query, signal }) => tailMessages(cluster, params.topic, query, signal),
});
