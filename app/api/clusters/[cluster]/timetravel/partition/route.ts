import { route } from '@/lib/http/handler';
import { clusterIdParams } from '@/lib/schemas/clusters';
import { aggregateQuerySchema } from '@/lib/schemas/timetravel';
import { locateAggregate } from '@/lib/timetravel/replay-aggregate';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: clusterIdParams,
  query: aggregateQuerySchema,
  run: ({ cluster, query }) => locateAggregate(cluster, query),
});
