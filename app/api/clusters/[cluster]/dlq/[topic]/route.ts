import { triageDeadLetters } from '@/lib/dlq/triage-dead-letters';
import { route } from '@/lib/http/handler';
import { topicParams } from '@/lib/schemas/topics';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: topicParams,
  run: ({ cluster, params, request }) => triageDeadLetters(cluster, params.topic, request.signal),
});
