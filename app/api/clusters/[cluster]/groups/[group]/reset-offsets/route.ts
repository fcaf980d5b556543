import { route } from '@/lib/http/handler';
import { applyOffsetReset } from '@/lib/groups/apply-offset-reset';
import { groupParams, resetApplyBodySchema } from '@/lib/schemas/groups';

export const dynamic = 'force-dynamic';

export const POST = route({
  write: 'operator',
  params: groupParams,
  body: resetApplyBodySchema,
  run: ({ cluster, params, body }) => applyOffsetReset(cluster, params.group, body),
});
