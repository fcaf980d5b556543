import { route } from '@/lib/http/handler';
import { deleteConsumerGroup } from '@/lib/groups/delete-consumer-group';
import { getGroupDetail } from '@/lib/groups/get-group-detail';
import { groupParams } from '@/lib/schemas/groups';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: groupParams,
  run: ({ cluster, params }) => getGroupDetail(cluster, params.group),
});

export const DELETE = route({
  write: 'admin',
  params: groupParams,
  run: ({ cluster, params }) => deleteConsumerGroup(cluster, params.group),
});
