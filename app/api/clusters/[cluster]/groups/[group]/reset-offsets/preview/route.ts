import { route } from '@/lib/http/handler';
import { previewOffsetReset } from '@/lib/groups/preview-offset-reset';
import { groupParams, resetPreviewBodySchema } from '@/lib/schemas/groups';

export const dynamic = 'force-dynamic';

export const POST = route({
  params: groupParams,
  body: resetPreviewBodySchema,
  run: ({ params, body }) => previewOffsetReset(params.cluster, params.group, body),
});
