import { route } from '@/lib/http/handler';
import { clusterIdParams } from '@/lib/schemas/clusters';
import { listEventStreams } from '@/lib/timetravel/list-event-streams';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: clusterIdParams,
  run: async ({ cluster }) => listEventStreams(cluster),
});
