import { listDeadLetterTopics } from '@/lib/dlq/list-dead-letter-topics';
import { route } from '@/lib/http/handler';
import { clusterIdParams } from '@/lib/schemas/clusters';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: clusterIdParams,
  run: ({ cluster }) => listDeadLetterTopics(cluster),
});
