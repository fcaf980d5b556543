import { listDeadLetterMessages } from '@/lib/dlq/list-dead-letter-messages';
import { route } from '@/lib/http/handler';
import { deadLetterSelectionQuery } from '@/lib/schemas/dlq';
import { topicParams } from '@/lib/schemas/topics';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: topicParams,
  query: deadLetterSelectionQuery,
  run: ({ cluster, params, query, request }) => {
    const { origin, limit, ...rest } = query;
    return listDeadLetterMessages(
      cluster,
      params.topic,
      { ...rest, originTopic: origin },
      limit,
      request.signal,
    );
  },
});
