import { route } from '@/lib/http/handler';
import { previewOffsetReset } from '@/lib/groups/preview-offset-reset';
import { groupParams, resetPreviewBodySchema } from '@/lib/schemas/groups';

export const dynamic = 'force-dynamic';

/** A POST because the plan travels in the body; it commits nothing. */
export const POST = route({
  write: false,
  params: groupParams,
  body: resetPreviewBodySchema,
  run: ({ cluster, params, body }) => previewOffsetReset(cluster, params.group, body),
});
