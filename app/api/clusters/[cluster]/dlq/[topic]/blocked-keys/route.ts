import { findBlockedKeys } from '@/lib/dlq/find-blocked-keys';
import { route } from '@/lib/http/handler';
import { topicParams } from '@/lib/schemas/topics';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: topicParams,
  run: ({ cluster, params, request }) => findBlockedKeys(cluster, params.topic, request.signal),
});
