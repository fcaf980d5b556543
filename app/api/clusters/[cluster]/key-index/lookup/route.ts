import { route } from '@/lib/http/handler';
import { findByKey } from '@/lib/keyindex/find-by-key';
import { clusterIdParams } from '@/lib/schemas/clusters';
import { keyLookupQuery } from '@/lib/schemas/keyindex';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: clusterIdParams,
  query: keyLookupQuery,
  run: ({ cluster, query, request }) => findByKey(cluster, query, request.signal),
});
