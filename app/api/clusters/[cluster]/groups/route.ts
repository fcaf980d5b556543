import { route } from '@/lib/http/handler';
import { listConsumerGroups } from '@/lib/groups/list-consumer-groups';
import { clusterIdParams } from '@/lib/schemas/clusters';
import { groupListQuery } from '@/lib/schemas/groups';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: clusterIdParams,
  query: groupListQuery,
  run: ({ cluster, query }) =>
    listConsumerGroups(cluster, { q: query.q, includeSystem: query.system === 'true' }),
});
