import { route } from '@/lib/http/handler';
import { deleteConsumerGroup } from '@/lib/groups/delete-consumer-group';
import { getGroupDetail } from '@/lib/groups/get-group-detail';
import { groupParams } from '@/lib/schemas/groups';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: groupParams,
  run: ({ params }) => getGroupDetail(params.cluster, params.group),
});

export const DELETE = route({
  write: 'admin',
  params: groupParams,
  run: ({ params }) => deleteConsumerGroup(params.cluster, params.group),
});
