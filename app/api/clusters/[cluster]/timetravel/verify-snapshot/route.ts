import { route } from '@/lib/http/handler';
import { clusterIdParams } from '@/lib/schemas/clusters';
import { verifySnapshotQuerySchema } from '@/lib/schemas/timetravel';
import { verifySnapshot } from '@/lib/timetravel/verify-snapshot';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: clusterIdParams,
  query: verifySnapshotQuerySchema,
  run: ({ cluster, query, request }) => verifySnapshot(cluster, query, request.signal),
});
