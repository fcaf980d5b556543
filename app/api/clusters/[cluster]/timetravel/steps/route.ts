import { route } from '@/lib/http/handler';
import { clusterIdParams } from '@/lib/schemas/clusters';
import { replayStepsQuerySchema } from '@/lib/schemas/timetravel';
import { replaySteps } from '@/lib/timetravel/replay-aggregate';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: clusterIdParams,
  query: replayStepsQuerySchema,
  run: ({ cluster, query, request }) => replaySteps(cluster, query, request.signal),
});
