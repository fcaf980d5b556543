import { streamRoute } from '@/lib/http/handler';
import { clusterIdParams } from '@/lib/schemas/clusters';
import { replayQuerySchema } from '@/lib/schemas/timetravel';
import { replayAggregate } from '@/lib/timetravel/replay-aggregate';

export const dynamic = 'force-dynamic';

export const GET = streamRoute({
  params: clusterIdParams,
  query: replayQuerySchema,
  run: ({ cluster, query, signal }) => replayAggregate(cluster, query, signal),
});
